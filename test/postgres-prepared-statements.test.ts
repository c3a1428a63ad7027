import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './helpers/postgres.js';
import { openDatabase, type Db } from '../src/internal/db/database.js';
import { precompile } from '../src/internal/db/precompiled-query.js';
import { preparedSql } from '../src/internal/db/prepared-statements.js';

const serverUrl = testDatabaseUrl();

describe.skipIf(!serverUrl)('prepared statements on Postgres (DOCSIFT_TEST_DATABASE_URL)', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase(serverUrl!);
    // One connection: every statement below runs on the session whose prepared statements are read.
    db = await openDatabase({ databaseUrl: database.url, dataDir: '', maxConnections: 1 });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const preparedOnSession = async () =>
    (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements where not from_sql`.execute(db)).rows;

  it('prepares a precompiled query once per connection and runs it with each call’s values; ad-hoc queries stay unnamed', async () => {
    const now = '2026-01-01T00:00:00.000Z';
    await db.insertInto('tenants').values([
      { id: 'ten_a', name: 'A', credits_balance: null, webhook_secret: 's', created_at: now },
      { id: 'ten_b', name: 'B', credits_balance: null, webhook_secret: 's', created_at: now },
    ]).execute();
    const byId = precompile(db, ['id'], (p) => db.selectFrom('tenants').select(['id', 'name']).where('id', '=', p.id));
    const before = await preparedOnSession();
    expect(await byId({ id: 'ten_a' })).toEqual([{ id: 'ten_a', name: 'A' }]);
    expect(await byId({ id: 'ten_b' })).toEqual([{ id: 'ten_b', name: 'B' }]);
    expect(await db.transaction().execute((trx) => byId({ id: 'ten_a' }, trx))).toEqual([{ id: 'ten_a', name: 'A' }]);
    const added = (await preparedOnSession()).filter((s) => !before.some((b) => b.name === s.name));
    // Exactly one new statement, for the three runs: its text is the query's, marked.
    expect(added).toHaveLength(1);
    expect(added[0]!.statement).toMatch(/^\/\* docsift:prepared \*\/ select "id", "name" from "tenants" where "id" = \$1$/);
  });

  it('prepares a marked raw statement too, under the same name on every run', async () => {
    const text = preparedSql('select count(*)::int as n from tenants where name = $1');
    const before = await preparedOnSession();
    const counts = [];
    for (const name of ['A', 'B', 'C']) counts.push((await db.executeQuery<{ n: number }>(CompiledQuery.raw(text, [name]))).rows[0]!.n);
    expect(counts).toEqual([1, 1, 0]);
    const added = (await preparedOnSession()).filter((s) => !before.some((b) => b.name === s.name));
    expect(added.map((s) => s.statement)).toEqual([text]);
  });

  it('prepares the statement again when a migration changed its result columns meanwhile', async () => {
    await sql`create table prepared_probe (id int primary key)`.execute(db);
    await sql`insert into prepared_probe values (1)`.execute(db);
    const all = precompile(db, ['id'], (p) => db.selectFrom('prepared_probe' as never).selectAll().where('id' as never, '=', p.id as never));
    expect(await all({ id: 1 })).toEqual([{ id: 1 }]);
    await sql`alter table prepared_probe add column note text default 'x'`.execute(db);
    // Postgres may refuse the statement prepared before the change, once; the next run sees the new column.
    const second = await all({ id: 1 }).catch((err: unknown) => err);
    if (second instanceof Error) expect(second.message).toMatch(/cached plan must not change result type/);
    else expect(second).toEqual([{ id: 1, note: 'x' }]);
    expect(await all({ id: 1 })).toEqual([{ id: 1, note: 'x' }]);
  });
});
