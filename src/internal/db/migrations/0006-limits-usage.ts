import type { Kysely } from 'kysely';

/**
 * Request bookkeeping and billing: rate-limit windows, idempotency keys, the credits charged per
 * document at submit, and one usage record per finished document (with its tags in a side table so
 * usage can be grouped by tag with a plain join on SQLite and Postgres alike).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per (API key, limit): the current fixed window and its count. A new window overwrites the
  // old one in the same upsert, so the table never grows past two rows per key and needs no purge.
  await db.schema
    .createTable('rate_limit_windows')
    .addColumn('api_key_id', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_windows_pk', ['api_key_id', 'bucket'])
    .execute();

  // The primary key is what makes concurrent duplicates safe: only one request can insert the row.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('api_key_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('lock_token', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response_headers', 'text')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'api_key_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_expires').on('idempotency_keys').column('expires_at').execute();

  await db.schema
    .createTable('credit_charges')
    .addColumn('document_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('extraction_id', 'text', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('credits', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('usage_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('extraction_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('api_key_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('credits', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'integer')
    .addColumn('engine', 'text', (c) => c.notNull())
    .addColumn('parser_id', 'text')
    .addColumn('parser_version', 'integer')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('usage_records_tenant_created').on('usage_records').columns(['tenant_id', 'created_at']).execute();
  await db.schema.createIndex('usage_records_document').on('usage_records').column('document_id').execute();

  await db.schema
    .createTable('usage_record_tags')
    .addColumn('usage_record_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_record_tags_pk', ['usage_record_id', 'tag'])
    .execute();
  await db.schema.createIndex('usage_record_tags_tenant_created').on('usage_record_tags').columns(['tenant_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['usage_record_tags', 'usage_records', 'credit_charges', 'idempotency_keys', 'rate_limit_windows']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
