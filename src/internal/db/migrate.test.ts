import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from './database.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-migrate-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('migrate', () => {
  it('runs a migration that arrives after a later-numbered one already ran (branches merged out of order)', async () => {
    const all = await migrationProvider.getMigrations();
    const names = Object.keys(all).sort();
    expect(names.length).toBeGreaterThanOrEqual(3);
    const late = names[names.length - 2]; // ran nowhere yet, though the last one did
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(path.join(dir, 'db.sqlite')) }) });
    try {
      const without = Object.fromEntries(Object.entries(all).filter(([name]) => name !== late));
      const first = await new Migrator({ db, provider: { getMigrations: async () => without } }).migrateToLatest();
      expect(first.error).toBeUndefined();

      await migrate(db);
      const ran = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect((ran as Array<{ name: string }>).map((r) => r.name).sort()).toEqual(names);
    } finally {
      await db.destroy();
    }
  });
});
