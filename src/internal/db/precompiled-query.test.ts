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
});
