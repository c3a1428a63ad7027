import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-bench-scale-'));
const pdf = await makePdf([sampleInvoiceLines()]);
const rows: Array<{ backend: string; workers: number; perMinute: number }> = [];

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
    rows.push({ backend: 'postgres (API + worker processes)', workers, perMinute: await measure(api, pdf) });
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
process.stdout.write('| backend | workers | documents/minute | vs 1 worker |\n|---|---|---|---|\n');
for (const row of rows) {
  const base = rows.find((r) => r.backend === row.backend && r.workers === 1)!.perMinute;
  process.stdout.write(`| ${row.backend} | ${row.workers} | ${row.perMinute.toFixed(0)} | ${(row.perMinute / base).toFixed(2)}× |\n`);
}
