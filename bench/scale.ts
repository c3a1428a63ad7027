import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { makePdf, sampleInvoiceLines } from '../test/helpers/make-pdf.js';
import { createTestDatabase } from '../test/helpers/postgres.js';
import { startServer, type ServerProcess } from '../test/helpers/server-process.js';

/**
 * `npm run bench:scale`: documents per minute with 1, 2 and 4 worker processes on Postgres (pg-boss,
 * one API process with no workers of its own), and with the same worker counts as concurrency of the
 * single embedded-SQLite process, in one run. Needs DOCSIFT_BENCH_DATABASE_URL (or
 * DOCSIFT_TEST_DATABASE_URL) pointing at a Postgres server where it may create databases.
 * DOCSIFT_BENCH_DOCS sets the documents per run (default 60 text PDFs of one page).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const serverUrl = process.env.DOCSIFT_BENCH_DATABASE_URL ?? process.env.DOCSIFT_TEST_DATABASE_URL;
const DOCS = Number(process.env.DOCSIFT_BENCH_DOCS ?? 60);
const BATCH = 10;

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/start/worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, DOCSIFT_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('docsift worker is running')) resolve(proc);
    });
    proc.on('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

/** Submits DOCS documents in batches of BATCH and returns documents per minute until all are final. */
async function measure(api: ServerProcess, pdf: Buffer): Promise<number> {
  const started = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < DOCS / BATCH; i++) {
    const form = new FormData();
    for (let j = 0; j < BATCH; j++) form.append('file', new Blob([pdf]), `invoice-${i}-${j}.pdf`);
    const res = await fetch(`${api.url}/v1/extractions`, { method: 'POST', body: form, headers: { 'x-api-key': api.apiKey! } });
    if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
    ids.push(((await res.json()) as { extraction: { extraction_id: string } }).extraction.extraction_id);
  }
  for (const id of ids) {
    for (;;) {
      const res = await fetch(`${api.url}/v1/extractions/${id}`, { headers: { 'x-api-key': api.apiKey! } });
      const { extraction } = (await res.json()) as { extraction: { status: string } };
      if (extraction.status === 'completed') break;
      if (!['queued', 'processing'].includes(extraction.status)) throw new Error(`extraction ${id} ended ${extraction.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return (DOCS / (performance.now() - started)) * 60_000;
}

/**
 * Samples pg_stat_activity every 10 ms while `run` goes: the share of samples in which some transaction
 * waits for docsift's transaction advisory lock, and in which a transaction is open but idle (its process
 * busy with JavaScript, or waiting for a CPU, while it holds the lock).
 */
async function sampleLocks<T>(databaseUrl: string, run: () => Promise<T>): Promise<{ result: T; lockWait: number; idleInTx: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let sampling = true;
  let samples = 0;
  let lockWait = 0;
  let idleInTx = 0;
  const loop = (async () => {
    while (sampling) {
      const { rows } = await client.query(
        `SELECT count(*) FILTER (WHERE wait_event = 'advisory')::int AS waiting, count(*) FILTER (WHERE state = 'idle in transaction')::int AS idle
         FROM pg_stat_activity WHERE datname = current_database()`,
      );
      samples++;
      if (rows[0].waiting > 0) lockWait++;
      if (rows[0].idle > 0) idleInTx++;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    const result = await run();
    return { result, lockWait: lockWait / Math.max(1, samples), idleInTx: idleInTx / Math.max(1, samples) };
  } finally {
    sampling = false;
    await loop;
    await client.end();
  }
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-bench-scale-'));
const pdf = await makePdf([sampleInvoiceLines()]);
const rows: Array<{ backend: string; workers: number; perMinute: number; lockWait?: number; idleInTx?: number }> = [];

for (const workers of [1, 2, 4]) {
  const dir = tempDir();
  const api = await startServer({ dataDir: dir, env: { DOCSIFT_WORKER_CONCURRENCY: String(workers), DOCSIFT_LOG_LEVEL: 'warn' } });
  rows.push({ backend: 'sqlite (one process)', workers, perMinute: await measure(api, pdf) });
  await api.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}

if (serverUrl) {
  for (const workers of [1, 2, 4]) {
    const database = await createTestDatabase(serverUrl);
    // One shared data dir stands in for a shared bucket here: the blob store is not what is measured.
    const dir = tempDir();
    const env = { DATABASE_URL: database.url, DOCSIFT_WORKER_CONCURRENCY: '1' };
    const api = await startServer({ dataDir: dir, env: { ...env, DOCSIFT_WORKER_CONCURRENCY: '0', DOCSIFT_LOG_LEVEL: 'warn' } });
    const procs = await Promise.all(Array.from({ length: workers }, () => startWorker({ ...env, DOCSIFT_DATA_DIR: dir })));
    const sampled = await sampleLocks(database.url, () => measure(api, pdf));
    rows.push({ backend: 'postgres (API + worker processes)', workers, perMinute: sampled.result, lockWait: sampled.lockWait, idleInTx: sampled.idleInTx });
    for (const proc of procs) proc.kill('SIGTERM');
    await api.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
} else {
  process.stderr.write('DOCSIFT_BENCH_DATABASE_URL is not set: skipping the Postgres runs.\n');
}

process.stdout.write(`\n${DOCS} one-page text PDFs per run, ${os.cpus().length} CPU cores\n\n`);
process.stdout.write('| backend | workers | documents/minute | vs 1 worker | a transaction waits for the lock | a transaction is open but idle |\n|---|---|---|---|---|---|\n');
const pct = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(0)} %`);
for (const row of rows) {
  const base = rows.find((r) => r.backend === row.backend && r.workers === 1)!.perMinute;
  process.stdout.write(`| ${row.backend} | ${row.workers} | ${row.perMinute.toFixed(0)} | ${(row.perMinute / base).toFixed(2)}× | ${pct(row.lockWait)} | ${pct(row.idleInTx)} |\n`);
}
