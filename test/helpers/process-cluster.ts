import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { startServer, type ServerProcess } from './server-process.js';
import { startWorker, type WorkerProcess } from './worker-process.js';

/**
 * Several docsift processes on one fresh Postgres database, as on several machines: API nodes with no
 * workers of their own and worker processes, sharing one fs blob directory (the blob store is not
 * what these tests are about). `sql` is a plain client on the same database, for asserting on rows.
 */
export interface ProcessCluster {
  database: TestDatabase;
  apis: ServerProcess[];
  workers: WorkerProcess[];
  apiKey: string;
  sql: pg.Client;
  /** Environment of every process (DATABASE_URL, data dir, lease, ...), for starting another worker. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startProcessCluster(
  serverUrl: string,
  options: { apis: number; workers: number; env?: Record<string, string> },
): Promise<ProcessCluster> {
  const database = await createTestDatabase(serverUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-pg-cluster-'));
  const env = { DATABASE_URL: database.url, DOCSIFT_DATA_DIR: dataDir, ...options.env };
  const apis: ServerProcess[] = [];
  const workers: WorkerProcess[] = [];
  const sql = new pg.Client({ connectionString: database.url });
  const close = async () => {
    await sql.end().catch(() => undefined);
    await Promise.all([...workers.map((w) => w.kill('SIGKILL')), ...apis.map((a) => a.kill('SIGKILL'))]);
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // One after the other: the first start creates the tenant and prints its key; the others reuse it.
    for (let i = 0; i < options.apis; i++) apis.push(await startServer({ dataDir, env: { ...env, DOCSIFT_WORKER_CONCURRENCY: '0' } }));
    workers.push(...(await Promise.all(Array.from({ length: options.workers }, () => startWorker(env)))));
    await sql.connect();
    return { database, apis, workers, apiKey: apis[0]!.apiKey!, sql, env, close };
  } catch (err) {
    await close();
    throw err;
  }
}
