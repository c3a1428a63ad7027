import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { precompile } from './precompiled-query.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-precompiled-'));
const db = await openDatabase({ dataDir: dir });
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('precompile', () => {
  it('runs one compiled query with each call’s values in the right places, constants kept', async () => {
    const now = '2026-01-01T00:00:00.000Z';
    await db.insertInto('tenants').values([
      { id: 'ten_a', name: 'A', credits_balance: null, webhook_secret: 's', created_at: now },
      { id: 'ten_b', name: 'B', credits_balance: null, webhook_secret: 's', created_at: now },
    ]).execute();
    // The parameters come in the reverse order of the names, with a literal between them.
    const find = precompile(db, ['name', 'id'], (p) =>
      db.selectFrom('tenants').select(['id', 'name']).where('id', '=', p.id).where('created_at', '=', now).where('name', '=', p.name),
    );
    expect(await find({ id: 'ten_a', name: 'A' })).toEqual([{ id: 'ten_a', name: 'A' }]);
    expect(await find({ id: 'ten_b', name: 'B' })).toEqual([{ id: 'ten_b', name: 'B' }]);
    expect(await find({ id: 'ten_a', name: 'B' })).toEqual([]);
  });

  it('refuses a query that leaves a named parameter out', () => {
    expect(() => precompile(db, ['id', 'unused'], (p) => db.selectFrom('tenants').selectAll().where('id', '=', p.id))).toThrow(/every named parameter/);
  });

  it('on SQLite reads the same rows as Kysely, nulls and numbers included', async () => {
    const now = '2026-01-02T00:00:00.000Z';
    await db.insertInto('tenants').values({ id: 'ten_c', name: 'C', credits_balance: 12.5, webhook_secret: 's', created_at: now }).execute();
    const find = precompile(db, ['id'], (p) => db.selectFrom('tenants').selectAll().where('id', 'in', [p.id, 'ten_b']).orderBy('id'));
    const expected = await db.selectFrom('tenants').selectAll().where('id', 'in', ['ten_c', 'ten_b']).orderBy('id').execute();
    expect(await find({ id: 'ten_c' })).toEqual(expected);
    expect(expected.map((t) => t.credits_balance)).toEqual([null, 12.5]);
  });

  it('names each column as the query does, quotes and backslashes in an alias included', async () => {
    const find = precompile(db, ['id'], (p) =>
      db.selectFrom('tenants').select(['id', 'name as a "quoted\\name', 'credits_balance as constructor']).where('id', '=', p.id),
    );
    const rows = await find({ id: 'ten_c' });
    expect(rows).toEqual([{ id: 'ten_c', 'a "quoted\\name': 'C', constructor: 12.5 }]);
    expect(Object.keys(rows[0] as object)).toEqual(['id', 'a "quoted\\name', 'constructor']);
  });

  it('does not see the uncommitted rows of a transaction open on the same connection', async () => {
    const find = precompile(db, ['id'], (p) => db.selectFrom('tenants').select('name').where('id', '=', p.id));
    let inside!: Promise<Array<{ name: string }>>;
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('tenants').values({ id: 'ten_tx', name: 'TX', credits_balance: null, webhook_secret: 's', created_at: 'x' }).execute();
        // A concurrent status read while the transaction is open: it waits for the transaction's end.
        inside = find({ id: 'ten_tx' });
        await new Promise((r) => setTimeout(r, 20));
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await inside).toEqual([]);
  });
});
