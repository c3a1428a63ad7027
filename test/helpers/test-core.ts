import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/app-type.js';
import { createCore } from '../../src/start/core.js';
import type { Core } from '../../src/core.js';
import { createTestDatabase, testDatabaseUrl } from './postgres.js';

export interface TestApp {
  app: App;
  core: Core;
  dataDir: string;
  /** Set when the app runs on Postgres (DOCSIFT_TEST_DATABASE_URL): its own database's URL. */
  databaseUrl?: string;
  /** The bootstrap tenant's API key. */
  apiKey: string;
  tenantId: string;
  close(): Promise<void>;
}

/**
 * A real app on a real SQLite file in a fresh temp dir, with the bootstrap tenant created.
 * `startWorkers: false` leaves jobs queued, for tests that inspect queued state.
 */
export async function createTestApp(
  options: { env?: Record<string, string>; startWorkers?: boolean; logger?: Logger } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-test-'));
  // DOCSIFT_TEST_DATABASE_URL runs the suite on Postgres: a fresh database per app (see .ci/run).
  const serverUrl = testDatabaseUrl();
  const database = serverUrl && !options.env?.DATABASE_URL ? await createTestDatabase(serverUrl) : undefined;
  const config = loadConfig({
    DOCSIFT_DATA_DIR: dataDir,
    DOCSIFT_LOG_LEVEL: 'silent',
    DOCSIFT_SETUP_KEY: 'test-setup-key-0123456789',
    DOCSIFT_ALLOW_PRIVATE_NETWORK: 'true',
    // Generous limits so suites that fire many requests don't hit 429; rate-limit tests set their own.
    DOCSIFT_RATE_LIMIT_PER_HOUR: '1000000',
    DOCSIFT_SUBMIT_LIMIT_PER_MINUTE: '100000',
    // The shared security test probes every route with bad keys; throttling tests set their own limit.
    DOCSIFT_AUTH_FAILURES_PER_MINUTE: '1000000',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const core = await createCore(config, { logger: options.logger ?? pino({ level: 'silent' }) });
  const app = await buildApp(core, { logger: options.logger !== undefined });
  const boot = await core.accounts.bootstrapIfEmpty();
  if (!boot) throw new Error('bootstrap did not run on an empty database');
  if (options.startWorkers !== false) core.queue.start();
  return {
    app,
    core,
    dataDir,
    databaseUrl: database?.url,
    apiKey: boot.apiKey,
    tenantId: boot.tenant.id,
    close: async () => {
      await app.close();
      await core.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The env that opens a second core or server on the same database as `t` (its SQLite file or Postgres database). */
export function sharedDatabaseEnv(t: Pick<TestApp, 'dataDir' | 'databaseUrl'>): Record<string, string> {
  return { DOCSIFT_DATA_DIR: t.dataDir, ...(t.databaseUrl ? { DATABASE_URL: t.databaseUrl } : {}) };
}
