import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentPath } from './fixtures/documents.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './helpers/postgres.js';
import { canRun, postgresServerMissing } from './helpers/requirements.js';
import { startS3Server, type TestS3Server } from './helpers/s3-server.js';
import { startServer, type ServerProcess } from './helpers/server-process.js';

const ROOT = path.resolve(import.meta.dirname, '..');
// Three photographed receipts (they need OCR, so a document is caught mid-job).
const RECEIPTS = documentPath('data/sroie');
const serverUrl = testDatabaseUrl();
const runs = canRun('test/postgres-processes.test.ts (API and worker processes on Postgres)', 'postgres', postgresServerMissing());

type Extraction = { extraction_id: string; status: string; documents: Array<{ document_id: string; status: string }> };

/** A `docsift worker` process (src/start/worker.ts), ready once it logs that it runs. */
async function startWorker(env: Record<string, string>): Promise<{ proc: ChildProcess; kill(signal?: NodeJS.Signals): Promise<void> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/start/worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, DOCSIFT_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${out}`)), 30_000);
    proc.stdout!.on('data', () => {
      if (out.includes('docsift worker is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.on('exit', (code) => reject(new Error(`worker exited with ${code}:\n${out}`)));
  });
  return {
    proc,
    kill: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null) proc.kill(signal);
      await exited;
    },
  };
}

async function submit(api: ServerProcess, files: Array<{ name: string; bytes: Buffer }>): Promise<string> {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([f.bytes]), f.name);
  const res = await fetch(`${api.url}/v1/extractions`, { method: 'POST', body: form, headers: { 'x-api-key': api.apiKey! } });
  expect(res.status).toBe(202);
  return ((await res.json()) as { extraction: Extraction }).extraction.extraction_id;
}

async function waitFinal(api: ServerProcess, id: string, timeoutMs: number): Promise<Extraction> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${api.url}/v1/extractions/${id}`, { headers: { 'x-api-key': api.apiKey! } });
    const extraction = ((await res.json()) as { extraction: Extraction }).extraction;
    if (!['queued', 'processing'].includes(extraction.status)) return extraction;
    if (Date.now() > deadline) throw new Error(`extraction ${id} still ${extraction.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!runs)('API and worker processes on one Postgres (docsift serve + docsift worker)', () => {
  let database: TestDatabase;
  let api: ServerProcess;
  const workers: Array<Awaited<ReturnType<typeof startWorker>>> = [];
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-pg-proc-'));
    dirs.push(dir);
    return dir;
  };
  let env: Record<string, string>;
  let sql: pg.Client;
  let s3: TestS3Server;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl!);
    // Separate data dirs, as on separate machines: the blobs are shared through S3 (s3rver on loopback).
    s3 = await startS3Server();
    env = { ...s3.env, DATABASE_URL: database.url, DOCSIFT_JOB_LEASE_SECONDS: '2', DOCSIFT_WORKER_CONCURRENCY: '1' };
    // The API node: no workers of its own.
    api = await startServer({ dataDir: dataDir(), env: { ...env, DOCSIFT_WORKER_CONCURRENCY: '0' } });
    for (let i = 0; i < 2; i++) workers.push(await startWorker({ ...env, DOCSIFT_DATA_DIR: dataDir() }));
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await api?.kill('SIGKILL');
    await database?.drop();
    await s3?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('processes every document once across two worker processes', async () => {
    const files = Array.from({ length: 8 }, (_, i) => ({ name: `note-${i}.txt`, bytes: Buffer.from(`Invoice INV-${i}\nTotal: ${i + 1}.00 EUR\n`) }));
    const id = await submit(api, files);
    const done = await waitFinal(api, id, 60_000);
    expect(done.status).toBe('completed');
    const { rows } = await sql.query('SELECT d.attempts, (SELECT count(*)::int FROM usage_records u WHERE u.document_id = d.id) AS records FROM documents d WHERE d.extraction_id = $1', [id]);
    expect(rows).toHaveLength(8);
    // Taken once each: one attempt and one usage record per document.
    expect(rows.every((r) => r.attempts === 1 && r.records === 1)).toBe(true);
    const jobs = await sql.query(`SELECT state, count(*)::int AS n FROM jobs WHERE name = 'document.process' GROUP BY state`);
    expect(jobs.rows).toEqual([{ state: 'completed', n: 8 }]);
  }, 90_000);

  it('finishes a document in another worker after one is SIGKILLed mid-document', async () => {
    const names = fs.readdirSync(RECEIPTS).filter((f) => f.endsWith('.jpg')).sort().slice(0, 3);
    const id = await submit(api, names.map((name) => ({ name, bytes: fs.readFileSync(path.join(RECEIPTS, name)) })));
    // Kill whichever worker holds a running job as soon as one is processing.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM documents WHERE extraction_id = $1 AND status = 'processing'`, [id]);
      if (rows[0].n > 0) break;
      if (Date.now() > deadline) throw new Error('no document started processing');
      await new Promise((r) => setTimeout(r, 20));
    }
    await workers[0]!.kill('SIGKILL');
    const done = await waitFinal(api, id, 180_000);
    expect(done.status).toBe('completed');
    const { rows } = await sql.query('SELECT d.attempts, (SELECT count(*)::int FROM usage_records u WHERE u.document_id = d.id) AS records FROM documents d WHERE d.extraction_id = $1', [id]);
    expect(rows.every((r) => r.records === 1)).toBe(true);
  }, 240_000);
});
