import { sql, type Kysely } from 'kysely';

/**
 * Credits given back: a document that fails before any of its pages is read (a corrupt or refused
 * file) is refunded. `credit_charges.refunded_credits` marks the charge as refunded (once);
 * `usage_records.refunded_credits` is how a usage record says so (its `credits` is then 0).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('credit_charges').addColumn('refunded_credits', 'integer', (c) => c.notNull().defaultTo(sql`0`)).execute();
  await db.schema.alterTable('usage_records').addColumn('refunded_credits', 'integer', (c) => c.notNull().defaultTo(sql`0`)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('usage_records').dropColumn('refunded_credits').execute();
  await db.schema.alterTable('credit_charges').dropColumn('refunded_credits').execute();
}
