import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { makePdf, sampleInvoiceLines } from '../test/helpers/make-pdf.js';
import { startServer } from '../test/helpers/server-process.js';

/**
 * bench:api — requests/s of an authenticated status read against a trivial Fastify route measured in
 * the same run, and submit-to-completed latency for a 1-page text PDF. Servers run in their own
 * processes; the load generator runs here.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 40);

async function load(url: string, headers: Record<string, string> = {}): Promise<number> {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers }); // warm-up
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function startReference(script: string, args: string[] = []): Promise<{ url: string; stop: () => void }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => proc.stdout.once('data', (d) => resolve(/listening on (\S+)/.exec(String(d))![1])));
  proc.stdout.resume(); // what it logs is read and dropped, as docsift's output is
  return { url, stop: () => proc.kill('SIGKILL') };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function submitToCompleted(url: string, key: string, pdf: Buffer): Promise<number> {
  const started = performance.now();
  const form = new FormData();
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'invoice.pdf');
  const res = await fetch(`${url}/v1/extractions`, { method: 'POST', body: form, headers: { 'x-api-key': key } });
  const { extraction } = (await res.json()) as { extraction: { extraction_id: string } };
  for (;;) {
    const poll = await fetch(`${url}/v1/extractions/${extraction.extraction_id}`, { headers: { 'x-api-key': key } });
    const { extraction: e } = (await poll.json()) as { extraction: { status: string } };
    if (e.status === 'completed') return performance.now() - started;
    if (e.status !== 'queued' && e.status !== 'processing') throw new Error(`extraction ended ${e.status}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-bench-'));
const trivial = await startReference('bench/trivial-server.ts');
let floor: { url: string; stop: () => void } | undefined;
const server = await startServer({ dataDir, env: { DOCSIFT_RATE_LIMIT_PER_HOUR: '100000000', DOCSIFT_SUBMIT_LIMIT_PER_MINUTE: '100000' } });
// An interrupted run must not leave the two servers behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    trivial.stop();
    floor?.stop();
    server.proc.kill('SIGKILL');
    process.exit(130);
  });
}
try {
  const key = server.apiKey!;
  const pdf = await makePdf([sampleInvoiceLines()]);

  const latencies: number[] = [];
  for (let i = 0; i < 3; i++) await submitToCompleted(server.url, key, pdf); // warm-up: JIT, pdfjs load
  for (let i = 0; i < LATENCY_RUNS; i++) latencies.push(await submitToCompleted(server.url, key, pdf));
  latencies.sort((a, b) => a - b);

  const list = (await (await fetch(`${server.url}/v1/extractions?per_page=1`, { headers: { 'x-api-key': key } })).json()) as {
    extractions: Array<{ extraction_id: string }>;
  };
  const statusUrl = `${server.url}/v1/extractions/${list.extractions[0].extraction_id}`;
  const trivialRps = await load(`${trivial.url}/ping`);
  const statusRps = await load(statusUrl, { 'x-api-key': key });
  floor = await startReference('bench/floor-server.ts', [dataDir]);
  const floorRps = await load(statusUrl.replace(server.url, floor.url), { 'x-api-key': key });

  const lines = [
    `bench:api on ${os.cpus().length} cores, Node ${process.version}, ${CONNECTIONS} connections, ${DURATION} s per run`,
    `trivial Fastify route (reference)        ${trivialRps.toFixed(0)} req/s`,
    `GET /v1/extractions/:id (authenticated)  ${statusRps.toFixed(0)} req/s   ratio ${(statusRps / trivialRps).toFixed(2)} (target ≥ 0.50)`,
    `same read, least work (bench/floor-server.ts) ${floorRps.toFixed(0)} req/s   ratio ${(floorRps / trivialRps).toFixed(2)}`,
    `submit → completed, 1-page text PDF      p50 ${percentile(latencies, 50).toFixed(0)} ms   p95 ${percentile(latencies, 95).toFixed(0)} ms   (${LATENCY_RUNS} runs, target p50 < 300 ms)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  trivial.stop();
  floor?.stop();
  await server.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
