import type { Kysely } from 'kysely';

/**
 * Optional LLM extraction: an extraction may choose its mode (local, llm, hybrid; null follows
 * DOCSIFT_LLM_MODE), and a usage record counts the tokens a document's LLM calls used and their cost.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('extractions').addColumn('extraction_mode', 'text').execute();
  // One ALTER per column: SQLite adds a single column per statement.
  await db.schema.alterTable('usage_records').addColumn('llm_input_tokens', 'integer').execute();
  await db.schema.alterTable('usage_records').addColumn('llm_output_tokens', 'integer').execute();
  // 'double precision', not 'real': on Postgres real is 4-byte and would round small costs.
  await db.schema.alterTable('usage_records').addColumn('llm_cost', 'double precision').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('usage_records').dropColumn('llm_cost').execute();
  await db.schema.alterTable('usage_records').dropColumn('llm_output_tokens').execute();
  await db.schema.alterTable('usage_records').dropColumn('llm_input_tokens').execute();
  await db.schema.alterTable('extractions').dropColumn('extraction_mode').execute();
}
