import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { verifyWebhookSignature } from '../src/webhooks/signature.js';
import { makePdf, sampleInvoiceLines } from '../test/helpers/make-pdf.js';
import { startServer } from '../test/helpers/server-process.js';

/**
 * bench:load — concurrent clients submit N documents to a real server process on loopback, poll them,
 * and a webhook receiver (also on loopback) collects the signed events. Bounded in count and time.
 * At the end every document must be terminal and every event delivered exactly once after
 * de-duplication by event id. Prints documents/minute and submit-to-completed latency.
 */
const DOCUMENTS = Number(process.env.LOAD_DOCUMENTS ?? 200);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 8);
const DEADLINE_MS = Number(process.env.LOAD_DEADLINE_MS ?? 300_000);
// Profiling the server: LOAD_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/p' passes node flags to
// it (it is then stopped with SIGTERM, so that it writes its profile); LOAD_SERVER_ROOT runs another
// checkout's server under this client.
const SERVER_NODE_ARGS = (process.env.LOAD_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const SERVER_ROOT = process.env.LOAD_SERVER_ROOT;
// LOAD_PAGES=letters sends one-page letters of no financial type instead of invoices: the server's own
// path per document (upload, checks, queue, parse, classify, events) without the invoice scorers.
const PAGES = process.env.LOAD_PAGES ?? 'invoices';
if (PAGES !== 'invoices' && PAGES !== 'letters') throw new Error(`LOAD_PAGES must be invoices or letters, not ${PAGES}`);

/** A short business letter: a sender, a date and prose, no amounts, no invoice or receipt words. */
function sampleLetterLines(n: number): string[] {
  return [
    'Northwind Traders',
    '5 Market Street, Leeds LS1 6DT',
    '14 March 2026',
    `Our reference: NT/${n}`,
    'Dear Ms Holloway,',
    'Thank you for showing our team around the new warehouse last week.',
    'We were glad to see how the loading bays are laid out and how the',
    'night shift hands over to the morning crew.',
    'We would like to visit again in April with two of our planners.',
    'Please let us know which days suit you best.',
    'Kind regards,',
    'Daniel Okafor',
  ];
}

interface Received {
  id: string;
  type: string;
  documentId?: string;
  extractionId?: string;
}

const received: Received[] = [];
let badSignatures = 0;
let secret = '';
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const check = verifyWebhookSignature({ header: req.headers['x-docsift-signature'], body, secret });
    if (!check.ok) {
      badSignatures++;
      res.writeHead(401).end();
      return;
    }
    const event = JSON.parse(body.toString('utf8')) as { id: string; type: string; data: { document_id?: string; extraction_id?: string } };
    received.push({ id: event.id, type: event.type, documentId: event.data.document_id, extractionId: event.data.extraction_id });
    res.writeHead(204).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-load-'));
const server = await startServer({
  dataDir,
  nodeArgs: SERVER_NODE_ARGS,
  root: SERVER_ROOT,
  env: {
    DOCSIFT_LOG_LEVEL: 'warn',
    DOCSIFT_ALLOW_PRIVATE_NETWORK: 'true',
    DOCSIFT_RATE_LIMIT_PER_HOUR: '1000000',
    DOCSIFT_SUBMIT_LIMIT_PER_MINUTE: '100000',
  },
});
const stopAll = () => {
  server.proc.kill('SIGKILL');
  receiver.close();
};
const stopGracefully = async () => {
  const killer = setTimeout(() => server.proc.kill('SIGKILL'), 30_000);
  await server.kill('SIGTERM');
  clearTimeout(killer);
  receiver.close();
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopAll(), process.exit(130)));

const key = server.apiKey!;
// The server's own CPU time (user + system, from /proc) around the timed part: on a shared machine
// wall-clock throughput moves with everyone else's load, CPU per document much less.
const CLOCK_TICKS_PER_SECOND = 100;
const serverCpuMs = (): number | null => {
  try {
    const stat = fs.readFileSync(`/proc/${server.proc.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null; // not Linux
  }
};
// The same per thread, summed by thread name (main, V8's GC/compiler workers, libuv's pool, ...).
const threadCpuMs = (): Map<string, number> => {
  const byTid = new Map<string, number>();
  try {
    for (const tid of fs.readdirSync(`/proc/${server.proc.pid}/task`)) {
      const stat = fs.readFileSync(`/proc/${server.proc.pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byTid.set(`${tid} ${name}`, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND);
    }
  } catch {
    // not Linux, or a thread ended while listed
  }
  return byTid;
};
const threadCpuLine = (before: Map<string, number>, after: Map<string, number>, documents: number): string => {
  const byName = new Map<string, number>();
  for (const [key, ms] of after) {
    const name = key.slice(key.indexOf(' ') + 1);
    byName.set(name, (byName.get(name) ?? 0) + ms - (before.get(key) ?? 0));
  }
  return [...byName].sort((a, b) => b[1] - a[1]).map(([name, ms]) => `${name} ${(ms / documents).toFixed(1)}`).join(', ');
};
const api = (p: string, init: RequestInit = {}) => fetch(`${server.url}${p}`, { ...init, headers: { 'x-api-key': key, ...(init.headers ?? {}) } });

/**
 * LOAD_POLL_PROBE=n: after the run, n polls of one finished extraction one after another, and the server
 * CPU they took: each client polls every 20 ms, so the slower the documents, the more polls each
 * costs, and this says how much of the CPU per document that is.
 */
const pollProbe = async (extractionId: string): Promise<string[]> => {
  const n = Number(process.env.LOAD_POLL_PROBE ?? 0);
  const before = serverCpuMs();
  if (n <= 0 || before === null) return [];
  for (let i = 0; i < n; i++) await (await api(`/v1/extractions/${extractionId}`)).arrayBuffer();
  return [`one poll (probe)           ${((serverCpuMs()! - before) / n).toFixed(2)} ms server CPU (${n} polls)`];
};

try {
  const sub = await api('/v1/webhooks', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: hookUrl, name: 'load', events: ['document.completed', 'document.failed', 'extraction.completed', 'extraction.failed', 'extraction.partial'] }),
  });
  if (sub.status !== 201) throw new Error(`webhook subscription failed: ${sub.status} ${await sub.text()}`);
  secret = ((await sub.json()) as { webhook: { secret: string } }).webhook.secret;

  const sample = PAGES === 'letters' ? sampleLetterLines : sampleInvoiceLines;
  const pdfs = await Promise.all(Array.from({ length: 10 }, (_, i) => makePdf([sample(1000 + i)])));
  const latencies: number[] = [];
  const documentIds = new Set<string>();
  const extractionIds = new Set<string>();
  const terminal = new Map<string, string>();
  let next = 0;
  let polls = 0;
  const started = performance.now();
  const cpuAtStart = serverCpuMs();
  const threadsAtStart = threadCpuMs();

  async function client(): Promise<void> {
    while (next < DOCUMENTS && performance.now() - started < DEADLINE_MS) {
      const n = next++;
      const t0 = performance.now();
      const form = new FormData();
      form.append('file', new Blob([pdfs[n % pdfs.length]], { type: 'application/pdf' }), `${PAGES.slice(0, -1)}-${n}.pdf`);
      const res = await api('/v1/extractions', { method: 'POST', body: form });
      if (res.status !== 202) throw new Error(`submit ${n}: ${res.status} ${await res.text()}`);
      const { extraction } = (await res.json()) as { extraction: { extraction_id: string; documents: Array<{ document_id: string }> } };
      extractionIds.add(extraction.extraction_id);
      for (const d of extraction.documents) documentIds.add(d.document_id);
      for (;;) {
        const poll = await api(`/v1/extractions/${extraction.extraction_id}`);
        polls++;
        const { extraction: e } = (await poll.json()) as { extraction: { status: string } };
        if (!['queued', 'processing'].includes(e.status)) {
          terminal.set(extraction.extraction_id, e.status);
          latencies.push(performance.now() - t0);
          break;
        }
        if (performance.now() - started > DEADLINE_MS) throw new Error('deadline passed while polling');
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const elapsedMs = performance.now() - started;
  const cpuAtEnd = serverCpuMs();
  const threadsAtEnd = threadCpuMs();

  // Events for the last documents may still be in flight: wait for them, boundedly.
  const expected = documentIds.size + extractionIds.size;
  const waitUntil = Date.now() + 60_000;
  while (new Set(received.map((r) => r.id)).size < expected && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 100));

  const uniqueIds = new Set(received.map((r) => r.id));
  const documentEvents = new Set(received.filter((r) => r.type.startsWith('document.')).map((r) => r.documentId));
  const extractionEvents = new Set(received.filter((r) => r.type.startsWith('extraction.')).map((r) => r.extractionId));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const allTerminal = terminal.size === extractionIds.size;
  const lostDocuments = [...documentIds].filter((id) => !documentEvents.has(id)).length;
  const lostExtractions = [...extractionIds].filter((id) => !extractionEvents.has(id)).length;
  const statuses = [...terminal.values()].reduce<Record<string, number>>((acc, s) => ((acc[s] = (acc[s] ?? 0) + 1), acc), {});

  const lines = [
    `bench:load on ${os.cpus().length} cores, Node ${process.version}: ${documentIds.size} documents, ${CLIENTS} concurrent clients, 1-page text PDFs (${PAGES})`,
    `throughput                 ${((documentIds.size / elapsedMs) * 60_000).toFixed(0)} documents/minute (${(elapsedMs / 1000).toFixed(1)} s)`,
    ...(cpuAtStart === null || cpuAtEnd === null
      ? []
      : [
          `server CPU                 ${((cpuAtEnd - cpuAtStart) / documentIds.size).toFixed(1)} ms per document (user + system, ${((cpuAtEnd - cpuAtStart) / 1000).toFixed(1)} s)`,
          `  by thread (ms/document)  ${threadCpuLine(threadsAtStart, threadsAtEnd, documentIds.size)}`,
        ]),
    `submit → terminal          p50 ${pct(50).toFixed(0)} ms   p95 ${pct(95).toFixed(0)} ms (${(polls / documentIds.size).toFixed(1)} polls per document)`,
    ...(await pollProbe([...extractionIds][0])),
    `terminal states            ${JSON.stringify(statuses)} (all terminal: ${allTerminal})`,
    `webhook events             ${received.length} received, ${uniqueIds.size} unique, ${received.length - uniqueIds.size} duplicates dropped, ${badSignatures} bad signatures`,
    `lost                       ${lostDocuments} documents and ${lostExtractions} extractions without their event`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!allTerminal || lostDocuments > 0 || lostExtractions > 0 || badSignatures > 0) process.exitCode = 1;
} finally {
  if (SERVER_NODE_ARGS.length > 0) await stopGracefully();
  else stopAll();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
