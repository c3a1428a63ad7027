import type { Kysely } from 'kysely';

/**
 * `api_keys.app_name`: the host application named when the key was made (the embed API's onboarding
 * `appName`, "for source tracking"), recorded on what the key submits when a request names no app.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('app_name', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_keys').dropColumn('app_name').execute();
}
