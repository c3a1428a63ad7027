import type { Kysely } from 'kysely';

/**
 * Batches of extractions and what a client says about a file.
 *
 * - `extraction_batches`: extractions submitted together in one request (Extend's `POST
 *   /extract_runs/batch`), each extraction pointing at its batch by `extractions.batch_id`. The batch's
 *   status is derived from its extractions; `finished_at` is set once, by the transaction that finishes
 *   its last extraction, so the batch's "finished" event is sent exactly once.
 * - `files.description`, `files.source`, `files.app_name`: a description given at upload, the surface
 *   the file came in through and the client application's name (the embed API's `appName`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('extraction_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('run_count', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('extractions').addColumn('batch_id', 'text').execute();
  await db.schema.createIndex('extractions_batch').on('extractions').column('batch_id').execute();

  await db.schema.alterTable('files').addColumn('description', 'text').execute();
  await db.schema.alterTable('files').addColumn('source', 'text').execute();
  await db.schema.alterTable('files').addColumn('app_name', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('files').dropColumn('app_name').execute();
  await db.schema.alterTable('files').dropColumn('source').execute();
  await db.schema.alterTable('files').dropColumn('description').execute();
  await db.schema.dropIndex('extractions_batch').execute();
  await db.schema.alterTable('extractions').dropColumn('batch_id').execute();
  await db.schema.dropTable('extraction_batches').execute();
}
