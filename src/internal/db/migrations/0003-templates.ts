import type { Kysely } from 'kysely';

/**
 * Release numbers for template versions. `version` stays the sequence that runs pin; `major.minor` is
 * the label a publish's release type chooses (Extend shows "1.0", "1.1", "2.0"). A version also freezes
 * the draft's document type, so a pinned run classifies the way it did when it was published.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('template_versions').addColumn('major', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('template_versions').addColumn('minor', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('template_versions').addColumn('document_type', 'text').execute();
  // Versions published before this migration become N.0, which keeps the unique index below valid.
  await db.updateTable('template_versions').set((eb) => ({ major: eb.ref('version') })).execute();
  await db.schema
    .createIndex('template_versions_release')
    .on('template_versions')
    .columns(['template_id', 'major', 'minor'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('template_versions_release').ifExists().execute();
  for (const column of ['document_type', 'minor', 'major']) {
    await db.schema.alterTable('template_versions').dropColumn(column).execute();
  }
}
