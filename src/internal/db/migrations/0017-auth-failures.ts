import type { Kysely } from 'kysely';

/**
 * Failed authentications counted in the database (accounts/auth-throttle.ts), so every API process
 * throttles a guesser by the same count: one row per client address or key prefix, its window
 * restarted in place by the upsert that counts a failure; rows of windows long over are purged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_failures')
    .addColumn('subject', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_failures_window_start').on('auth_failures').column('window_start').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('auth_failures').ifExists().execute();
}
