import type { FilesService, IncomingFile } from '../../documents/files-service.js';
import type { Db } from '../../internal/db/database.js';
import type { FileRow } from '../../internal/db/schema.js';
import { containsIgnoringCase } from '../../templates/list-queries.js';
import { checkEmbedFileSize } from './extractions.js';
import { fileUrl } from './extraction-view.js';
import { pagination, readPage, type EmbedPagination } from './pagination.js';

/**
 * An embed file is a core file. docsift keeps no per-file app name, so `source` says how the file came
 * in (`upload`: POST /files on any surface; `extraction`: sent with an extraction) and `appName` is null.
 */
export function fileView(file: FileRow, baseUrl: string) {
  return {
    id: file.id,
    fileName: file.filename,
    fileType: file.media_type,
    fileSize: file.size,
    fileUrl: fileUrl(baseUrl, file.id),
    status: 'uploaded' as const,
    source: file.origin,
    appName: null,
    createdAt: file.created_at,
    updatedAt: file.created_at,
  };
}

export class EmbedFiles {
  constructor(private readonly deps: { db: Db; files: FilesService }) {}

  /** PDF, images, plain text and Word (.docx) within 10MB; the core sniffs the bytes (legacy .doc is refused). */
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
