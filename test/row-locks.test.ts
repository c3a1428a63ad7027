import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseUrl } from './helpers/postgres.js';
import { openDatabase } from '../src/internal/db/database.js';
import { isPostgres, isRetryableTransactionError, lockRows, transact } from '../src/internal/db/row-locks.js';

describe('row locks on SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-row-locks-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds nothing: the transaction already runs alone', async () => {
    const db = await openDatabase({ dataDir: dir });
    try {
      expect(isPostgres(db)).toBe(false);
      const query = db.selectFrom('tenants').select('id').$call(lockRows(db));
      expect(query.compile().sql).not.toMatch(/for /i);
      await expect(transact(db, (trx) => trx.selectFrom('tenants').select('id').$call(lockRows(trx)).execute())).resolves.toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('retries only deadlocks and serialization failures', () => {
    expect(isRetryableTransactionError({ code: '40P01' })).toBe(true);
    expect(isRetryableTransactionError({ code: '40001' })).toBe(true);
    expect(isRetryableTransactionError({ code: '23505' })).toBe(false);
    expect(isRetryableTransactionError(new Error('boom'))).toBe(false);
    expect(isRetryableTransactionError(null)).toBe(false);
  });
});

const serverUrl = testDatabaseUrl();

describe.skipIf(!serverUrl)('row locks on Postgres (DOCSIFT_TEST_DATABASE_URL)', () => {
  it('locks with FOR NO KEY UPDATE and runs a deadlock victim again until both transactions commit', async () => {
    const database = await createTestDatabase(serverUrl!);
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 4 }) }) });
    try {
      expect(isPostgres(db)).toBe(true);
      expect(db.selectFrom('t').select('id').$call(lockRows(db)).compile().sql).toMatch(/for no key update$/);
      await sql`create table t (id int primary key, n int not null)`.execute(db);
      await sql`insert into t values (1, 0), (2, 0)`.execute(db);
      // Two transactions lock the rows in opposite order, meeting after each holds its first row: Postgres
      // aborts one as the deadlock victim (40P01); transact runs it again, and both increments land.
      let tries = 0;
      let bothHoldOne: () => void;
      const met = new Promise<void>((resolve) => {
        let n = 0;
        bothHoldOne = () => ++n === 2 && resolve();
      });
      const crossing = (first: number, second: number) =>
        transact(db, async (trx) => {
          tries++;
          await trx.selectFrom('t').select('id').where('id', '=', first).$call(lockRows(trx)).execute();
          bothHoldOne();
          await met;
          await trx.updateTable('t').set({ n: sql`n + 1` }).where('id', 'in', [first, second]).execute();
        });
      await Promise.all([crossing(1, 2), crossing(2, 1)]);
      expect(tries).toBe(3);
      const rows = await db.selectFrom('t').select(['id', 'n']).orderBy('id').execute();
      expect(rows).toEqual([{ id: 1, n: 2 }, { id: 2, n: 2 }]);
    } finally {
      await db.destroy();
      await database.drop();
    }
  }, 30_000);
});
