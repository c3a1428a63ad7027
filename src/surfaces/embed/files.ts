import type { FilesService, IncomingFile } from '../../documents/files-service.js';
import type { FileRow } from '../../internal/db/schema.js';
import { checkEmbedFileSize } from './extractions.js';
import { fileUrl } from './extraction-view.js';
import { pagination, readPage, type EmbedPagination } from './pagination.js';

/**
 * An embed file is a core file. `source`, `appName` and `description` are what its upload recorded
 * (`source` is "embed" for files sent through this API, with the caller's app name); a file uploaded
 * through another surface shows source "api", like an extraction from one, and no app name.
 */
export function fileView(file: FileRow, baseUrl: string) {
  return {
    id: file.id,
    fileName: file.filename,
    fileType: file.media_type,
    fileSize: file.size,
    fileUrl: fileUrl(baseUrl, file.id),
    status: 'uploaded' as const,
    source: file.source ?? 'api',
    appName: file.app_name,
    description: file.description,
    createdAt: file.created_at,
    updatedAt: file.created_at,
  };
}

export class EmbedFiles {
  constructor(private readonly deps: { files: FilesService }) {}

  /**
   * PDF, images, plain text and Word (.docx) within 10MB; the core sniffs the bytes (legacy .doc is
   * refused). The file's `notes` (description, source, appName) are stored on its row.
   */
  upload(tenantId: string, file: IncomingFile): Promise<FileRow> {
    checkEmbedFileSize(file);
    return this.deps.files.upload(tenantId, file);
  }

  /** Every file of the tenant, newest first; `search` matches the name, `fileType` the MIME type exactly. */
  async list(tenantId: string, query: { page?: number; limit?: number; search?: string; fileType?: string }): Promise<{ items: FileRow[]; pagination: EmbedPagination }> {
    const { page, limit } = readPage(query);
    const { files, pagination: info } = await this.deps.files.list(tenantId, {
      page,
      per_page: limit,
      origin: 'any',
      filename: query.search,
      media_type: query.fileType,
    });
    return { items: files, pagination: pagination(page, limit, info.total) };
  }
}
