import type { Kysely } from 'kysely';

/**
 * Template matching: `templates.auto_match` (1 by default; 0 keeps a template out of the matching of
 * documents submitted without one), and on each document the template it was matched to and how sure
 * the match was, so lists can filter on it without reading results. Null for documents processed with
 * a chosen template, without a match, or before this migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('templates').addColumn('auto_match', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('documents').addColumn('matched_template_id', 'text').execute();
  await db.schema.alterTable('documents').addColumn('template_match_confidence', 'real').execute();
  await db.schema.createIndex('documents_matched_template').on('documents').columns(['tenant_id', 'matched_template_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_matched_template').ifExists().execute();
  await db.schema.alterTable('documents').dropColumn('template_match_confidence').execute();
  await db.schema.alterTable('documents').dropColumn('matched_template_id').execute();
  await db.schema.alterTable('templates').dropColumn('auto_match').execute();
}
