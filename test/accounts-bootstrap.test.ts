import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../src/internal/db/database.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-bootstrap-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A separate process that opens the database and bootstraps once the shared start time is reached. */
function bootstrapInChild(startAt: number): Promise<{ stdout: string }> {
  const dbUrl = pathToFileURL(path.join(root, 'src/internal/db/database.ts')).href;
  const svcUrl = pathToFileURL(path.join(root, 'src/accounts/accounts-service.ts')).href;
  const cfgUrl = pathToFileURL(path.join(root, 'src/config.ts')).href;
  const script = `
    const { openDatabase } = await import(${JSON.stringify(dbUrl)});
    const { AccountsService } = await import(${JSON.stringify(svcUrl)});
    const { loadConfig } = await import(${JSON.stringify(cfgUrl)});
    const dataDir = ${JSON.stringify(dataDir)};
    const db = await openDatabase({ dataDir });
    const accounts = new AccountsService({ db, config: loadConfig({ DOCSIFT_DATA_DIR: dataDir }) });
    while (Date.now() < ${startAt}) await new Promise((r) => setTimeout(r, 1));
    const result = await accounts.bootstrapIfEmpty();
    process.stdout.write(JSON.stringify({ created: result !== null }));
    await db.destroy();
  `;
  return run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, timeout: 30_000 });
}

it('creates exactly one tenant when several processes bootstrap at once', async () => {
  // Migrate first, so the race is about the bootstrap and not the schema.
  const db = await openDatabase({ dataDir });
  await db.destroy();
  const startAt = Date.now() + 3000;
  const results = await Promise.all([1, 2, 3, 4].map(() => bootstrapInChild(startAt)));
  const created = results.map((r) => (JSON.parse(r.stdout) as { created: boolean }).created);
  expect(created.filter(Boolean)).toHaveLength(1);

  const check = await openDatabase({ dataDir });
  try {
    expect(await check.selectFrom('tenants').selectAll().execute()).toHaveLength(1);
    expect(await check.selectFrom('users').selectAll().execute()).toHaveLength(1);
    expect(await check.selectFrom('api_keys').selectAll().execute()).toHaveLength(1);
  } finally {
    await check.destroy();
  }
});
