import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/internal/db/schema.js';
import { openTestDb, type StoreKind } from '../fixtures/queue-helpers.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './postgres.js';

/**
 * The database a queue suite runs on: for Postgres one fresh database on the test server, made before
 * the suite and dropped after it; for SQLite nothing here (each test opens a file in its own dir).
 * `open` gives a test its handle with the job and tenant tables empty.
 */
export function queueSuiteDatabase(kind: StoreKind) {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    if (kind === 'postgres') database = await createTestDatabase(testDatabaseUrl()!);
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    /** The Postgres database's URL; undefined on SQLite. */
    url: () => database?.url,
    open: async (dir: string): Promise<Kysely<Database>> => {
      const db = await openTestDb(dir, database?.url);
      // On Postgres the suite's tests share the database: each starts from empty tables.
      await db.deleteFrom('jobs').execute();
      await db.deleteFrom('tenants').execute();
      return db;
    },
  };
}
