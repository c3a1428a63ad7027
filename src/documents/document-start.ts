import type { Kysely } from 'kysely';
import { lockRows } from '../internal/db/row-locks.js';
import type { Database, ExtractionRow, FileRow } from '../internal/db/schema.js';

/** What a document's run needs from its file row. */
export type RunFile = Pick<FileRow, 'id' | 'blob_store' | 'blob_key' | 'media_type' | 'pages'>;

/**
 * The start of a document's run, in one statement: locks the document's extraction (as lockExtraction
 * does, so the status written next is derived under it) and answers it, with the document's file (null
 * when the file is gone). Undefined when the document or its extraction is gone. Only the extraction's
 * row is locked: under READ COMMITTED, a statement that waited for the lock answers the extraction as
 * the other transaction committed it, and the joined document and file columns it uses never change.
 */
export async function lockDocumentExtraction(
  trx: Kysely<Database>,
  documentId: string,
): Promise<{ extraction: ExtractionRow; file: RunFile | null } | undefined> {
  const row = await trx
    .selectFrom('documents as d')
    .innerJoin('extractions as e', 'e.id', 'd.extraction_id')
    .leftJoin('files as f', 'f.id', 'd.file_id')
    .selectAll('e')
    .select(['f.id as run_file_id', 'f.blob_store as run_file_blob_store', 'f.blob_key as run_file_blob_key', 'f.media_type as run_file_media_type', 'f.pages as run_file_pages'])
    .where('d.id', '=', documentId)
    .$call(lockRows(trx, 'e'))
    .executeTakeFirst();
  if (!row) return undefined;
  const { run_file_id: id, run_file_blob_store: blobStore, run_file_blob_key: blobKey, run_file_media_type: mediaType, run_file_pages: pages, ...extraction } = row;
  const file = id === null ? null : { id, blob_store: blobStore!, blob_key: blobKey!, media_type: mediaType!, pages };
  return { extraction, file };
}
