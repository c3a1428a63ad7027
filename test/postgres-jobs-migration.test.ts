import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/internal/db/database.js';
import { makeTempDir } from './fixtures/queue-helpers.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './helpers/postgres.js';
import { canRun, postgresServerMissing } from './helpers/requirements.js';

/**
 * Migration 0018 on a database an earlier docsift ran with pg-boss 10: the jobs it left unfinished in
 * pgboss.job move to docsift's `jobs` table and are cancelled there; finished ones and pg-boss's own stay.
 * pg-boss's table is reduced here to the columns the migration reads, with pg-boss 10's names and types.
 * Postgres only (DOCSIFT_TEST_DATABASE_URL).
 */
const runs = canRun('test/postgres-jobs-migration.test.ts (moving pg-boss jobs)', 'postgres', postgresServerMissing());

describe.skipIf(!runs)('migration 0018 on a database that used pg-boss', () => {
  let database: TestDatabase;
  let sql: pg.Client;
  const dir = makeTempDir('jobs-migration');

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseUrl()!);
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('moves unfinished jobs with their tries, priority, start time and group, and cancels them in pg-boss', async () => {
    await sql.query(`CREATE SCHEMA pgboss;
      CREATE TYPE pgboss.job_state AS ENUM ('created', 'retry', 'active', 'completed', 'cancelled', 'failed');
      CREATE TABLE pgboss.job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, priority integer NOT NULL DEFAULT 0,
        data jsonb, state pgboss.job_state NOT NULL DEFAULT 'created', retry_limit integer NOT NULL DEFAULT 2,
        retry_count integer NOT NULL DEFAULT 0, start_after timestamptz NOT NULL DEFAULT now(), singleton_key text,
        created_on timestamptz NOT NULL DEFAULT now(), completed_on timestamptz)`);
    // docsift sent priority 101 - p (pg-boss runs higher first) and retryLimit maxAttempts - 1.
    await sql.query(`INSERT INTO pgboss.job (id, name, priority, data, state, retry_limit, retry_count, start_after, singleton_key) VALUES
      ('00000000-0000-4000-8000-000000000001', 'document.process', 91, '{"documentId":"doc_a"}', 'created', 2, 0, '2026-01-02T03:04:05.678Z', 'ext_1'),
      ('00000000-0000-4000-8000-000000000002', 'document.process', 51, '{"documentId":"doc_b"}', 'retry', 2, 1, '2026-01-02T03:04:06Z', 'ext_1'),
      ('00000000-0000-4000-8000-000000000003', 'webhook.deliver', 51, '{"deliveryId":"dlv_c"}', 'active', 4, 2, '2026-01-02T03:04:07Z', NULL),
      ('00000000-0000-4000-8000-000000000004', 'document.process', 51, '{"documentId":"doc_d"}', 'completed', 2, 0, '2026-01-02T03:04:08Z', NULL),
      ('00000000-0000-4000-8000-000000000005', '__pgboss__send-it', 0, '{}', 'created', 2, 0, '2026-01-02T03:04:09Z', NULL)`);

    const db = await openDatabase({ databaseUrl: database.url, dataDir: dir });
    try {
      const moved = await db
        .selectFrom('jobs')
        .select(['id', 'name', 'payload', 'state', 'priority', 'attempts', 'max_attempts', 'run_at', 'group_key'])
        .orderBy('id')
        .execute();
      expect(moved.map((job) => ({ ...job, payload: JSON.parse(job.payload) }))).toEqual([
        { id: 'job_00000000000040008000000000000001', name: 'document.process', payload: { documentId: 'doc_a' }, state: 'queued', priority: 10, attempts: 0, max_attempts: 3, run_at: '2026-01-02T03:04:05.678Z', group_key: 'ext_1' },
        { id: 'job_00000000000040008000000000000002', name: 'document.process', payload: { documentId: 'doc_b' }, state: 'queued', priority: 50, attempts: 1, max_attempts: 3, run_at: '2026-01-02T03:04:06.000Z', group_key: 'ext_1' },
        { id: 'job_00000000000040008000000000000003', name: 'webhook.deliver', payload: { deliveryId: 'dlv_c' }, state: 'queued', priority: 50, attempts: 2, max_attempts: 5, run_at: '2026-01-02T03:04:07.000Z', group_key: null },
      ]);
      const { rows } = await sql.query(`SELECT right(id::text, 1) AS n, state::text FROM pgboss.job ORDER BY id`);
      expect(rows).toEqual([
        { n: '1', state: 'cancelled' },
        { n: '2', state: 'cancelled' },
        { n: '3', state: 'cancelled' },
        { n: '4', state: 'completed' },
        { n: '5', state: 'created' },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
