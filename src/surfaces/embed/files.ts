import type { FilesService, IncomingFile } from '../../documents/files-service.js';
import type { Db } from '../../internal/db/database.js';
import type { FileRow } from '../../internal/db/schema.js';
import { containsIgnoringCase } from '../../templates/list-queries.js';
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
  constructor(private readonly deps: { db: Db; files: FilesService }) {}

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
    const { page, limit, offset } = readPage(query);
    let q = this.deps.db.selectFrom('files').where('tenant_id', '=', tenantId);
    if (query.search?.trim()) q = q.where(containsIgnoringCase('filename', query.search.trim()));
    if (query.fileType?.trim()) q = q.where('media_type', '=', query.fileType.trim().toLowerCase());
    const [items, count] = await Promise.all([
      q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, pagination: pagination(page, limit, Number(count.n)) };
  }
}
