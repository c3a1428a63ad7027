import type { Kysely } from 'kysely';

/**
 * `documents.error_reason`: why a failed document could not be read (FILE_ENCRYPTED, FILE_CORRUPT,
 * FILE_EMPTY, NO_PAGES, TOO_MANY_PAGES, IMAGE_TOO_LARGE, INVALID_PAGE_RANGE), beside the broad
 * `error_code` (PROCESSING_ERROR), so a client can tell an encrypted PDF from a corrupt one without
 * parsing the message. Null for failures without a precise reason and for documents failed before it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('error_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('documents').dropColumn('error_reason').execute();
}
