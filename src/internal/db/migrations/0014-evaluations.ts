import type { Kysely } from 'kysely';

/**
 * Evaluation sets: documents with expected outputs, run against a parser version or an extraction mode.
 *
 * - `evaluation_sets`: a named set in a tenant, optionally bound to a parser (runs default to it) or a
 *   built-in document type.
 * - `evaluation_items`: a file and its expected output. The file is the item's own copy (files.origin
 *   'evaluation'), so deleting the set never touches the documents it came from, and deleting those
 *   documents never takes the item's file. `source_document_id` records where a reviewed item came from.
 * - `evaluation_runs`: one run of a set, done through one real extraction (`extraction_id`); `summary`
 *   (per-field figures, calibration, ms per page) is written once, when the extraction finishes.
 * - `evaluation_results`: one row per item of a run: the item's per-field scores.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evaluation_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('parser_id', 'text')
    .addColumn('document_type', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluation_sets_tenant').on('evaluation_sets').columns(['tenant_id', 'created_at']).execute();

  await db.schema
    .createTable('evaluation_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('set_id', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('expected', 'text', (c) => c.notNull())
    .addColumn('source_document_id', 'text')
    .addColumn('source_extraction_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluation_items_set').on('evaluation_items').columns(['set_id', 'created_at']).execute();

  await db.schema
    .createTable('evaluation_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('set_id', 'text', (c) => c.notNull())
    .addColumn('extraction_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('parser_id', 'text')
    .addColumn('parser_version', 'integer')
    .addColumn('parser_version_label', 'text')
    .addColumn('mode', 'text')
    .addColumn('detection_type', 'text')
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('evaluation_runs_set').on('evaluation_runs').columns(['set_id', 'created_at']).execute();
  await db.schema.createIndex('evaluation_runs_extraction').on('evaluation_runs').column('extraction_id').execute();

  await db.schema
    .createTable('evaluation_results')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('pages', 'integer')
    .addColumn('duration_ms', 'integer')
    .addPrimaryKeyConstraint('evaluation_results_pk', ['run_id', 'item_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('evaluation_results').execute();
  await db.schema.dropIndex('evaluation_runs_extraction').execute();
  await db.schema.dropIndex('evaluation_runs_set').execute();
  await db.schema.dropTable('evaluation_runs').execute();
  await db.schema.dropIndex('evaluation_items_set').execute();
  await db.schema.dropTable('evaluation_items').execute();
  await db.schema.dropIndex('evaluation_sets_tenant').execute();
  await db.schema.dropTable('evaluation_sets').execute();
}
