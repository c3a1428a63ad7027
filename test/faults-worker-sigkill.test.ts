import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentPath } from './fixtures/documents.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './helpers/postgres.js';
import { canRun, postgresServerMissing } from './helpers/requirements.js';
import { startS3Server, type TestS3Server } from './helpers/s3-server.js';
import { startServer, type ServerProcess } from './helpers/server-process.js';
import { startWorker, type WorkerProcess } from './helpers/worker-process.js';

// Postgres only: runs when DOCSIFT_TEST_DATABASE_URL is set (.ci/run's second pass), skipped on SQLite.
const serverUrl = testDatabaseUrl();
const runs = canRun('test/faults-worker-sigkill.test.ts (a worker SIGKILLed, on Postgres)', 'postgres', postgresServerMissing());
// Three photographed receipts (they need OCR, so a document is caught mid-job).
const RECEIPTS = documentPath('data/sroie');

type Extraction = { extraction_id: string; status: string; documents: Array<{ document_id: string; status: string }> };
type Received = { id: string; type: string; documentId: string | undefined };

/** A webhook receiver on 127.0.0.1 that answers 200 to everything and records each event it gets. */
async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string; type: string; data?: { document_id?: string } };
        received.push({ id: json.id, type: json.type, documentId: json.data?.document_id });
      } catch {
        received.push({ id: '<not json>', type: '<not json>', documentId: undefined });
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe.skipIf(!runs)('a worker process SIGKILLed mid-document on Postgres (fault test)', () => {
  let database: TestDatabase;
  let s3: TestS3Server;
  let api: ServerProcess;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let sql: pg.Client;
  const workers: WorkerProcess[] = [];
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-fault-kill-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl!);
    s3 = await startS3Server();
    receiver = await startReceiver();
    // Separate data dirs, as on separate machines; blobs are shared through S3 (s3rver on loopback).
    // The receiver is on loopback, so private network targets are allowed for this test only.
    const env = {
      ...s3.env,
      DATABASE_URL: database.url,
      DOCSIFT_JOB_LEASE_SECONDS: '2',
      DOCSIFT_WORKER_CONCURRENCY: '1',
      DOCSIFT_ALLOW_PRIVATE_NETWORK: 'true',
    };
    api = await startServer({ dataDir: dataDir(), env: { ...env, DOCSIFT_WORKER_CONCURRENCY: '0' } });
    for (let i = 0; i < 2; i++) workers.push(await startWorker({ ...env, DOCSIFT_DATA_DIR: dataDir() }));
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await api?.kill('SIGKILL');
    await receiver?.close();
    await database?.drop();
    await s3?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('another worker finishes the document and every webhook event arrives exactly once', async () => {
    const headers = { 'x-api-key': api.apiKey!, 'content-type': 'application/json' };
    const hook = await fetch(`${api.url}/v1/webhooks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'fault-receiver', url: receiver.url, events: ['document.completed', 'document.failed', 'extraction.completed', 'extraction.partial', 'extraction.failed'] }),
    });
    expect(hook.status, await hook.clone().text()).toBe(201);

    // Photos of receipts need OCR, so each document takes long enough to be caught mid-job.
    const names = fs.readdirSync(RECEIPTS).filter((f) => f.endsWith('.jpg')).sort().slice(0, 3);
    const form = new FormData();
    for (const name of names) form.append('file', new Blob([fs.readFileSync(path.join(RECEIPTS, name))]), name);
    const submit = await fetch(`${api.url}/v1/extractions`, { method: 'POST', body: form, headers: { 'x-api-key': api.apiKey! } });
    expect(submit.status).toBe(202);
    const id = ((await submit.json()) as { extraction: Extraction }).extraction.extraction_id;

    // With one slot per worker, two documents processing at once means both workers hold one: the first
    // worker is then certainly mid-document when it is killed.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM documents WHERE extraction_id = $1 AND status = 'processing'`, [id]);
      if (rows[0].n >= 2) break;
      if (Date.now() > deadline) throw new Error('two documents never processed at once');
      await new Promise((r) => setTimeout(r, 20));
    }
    await workers[0]!.kill('SIGKILL');

    // The surviving worker takes the killed worker's job over once its lease expires, and finishes all.
    const finalDeadline = Date.now() + 180_000;
    let extraction: Extraction;
    for (;;) {
      const res = await fetch(`${api.url}/v1/extractions/${id}`, { headers: { 'x-api-key': api.apiKey! } });
      extraction = ((await res.json()) as { extraction: Extraction }).extraction;
      if (!['queued', 'processing'].includes(extraction.status)) break;
      if (Date.now() > finalDeadline) throw new Error(`extraction ${id} still ${extraction.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(extraction.status).toBe('completed');
    const docs = await sql.query(
      'SELECT d.id, d.attempts, (SELECT count(*)::int FROM usage_records u WHERE u.document_id = d.id) AS records FROM documents d WHERE d.extraction_id = $1',
      [id],
    );
    expect(docs.rows).toHaveLength(3);
    // Billed once each, and the killed worker's document was tried again elsewhere.
    expect(docs.rows.every((r) => r.records === 1)).toBe(true);
    expect(docs.rows.some((r) => r.attempts >= 2)).toBe(true);

    // One event per document plus extraction.completed: four events, each delivered once.
    const eventsDeadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`);
      if (receiver.received.length >= 4 && rows[0].n === 0) break;
      if (Date.now() > eventsDeadline) throw new Error(`webhook events not settled: ${JSON.stringify(receiver.received)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // Longer than a lease, so a duplicate from a job taken over late would have arrived by now.
    await new Promise((r) => setTimeout(r, 3_000));
    const ids = receiver.received.map((e) => e.id);
    expect(new Set(ids).size, JSON.stringify(receiver.received)).toBe(ids.length);
    expect(receiver.received.map((e) => e.type).sort()).toEqual(['document.completed', 'document.completed', 'document.completed', 'extraction.completed']);
    expect(new Set(receiver.received.filter((e) => e.type === 'document.completed').map((e) => e.documentId))).toEqual(
      new Set(docs.rows.map((r) => r.id as string)),
    );
    // The database agrees: one delivery row per event, each delivered.
    const deliveries = await sql.query(`SELECT event_id, status FROM webhook_deliveries`);
    expect(deliveries.rows).toHaveLength(4);
    expect(new Set(deliveries.rows.map((r) => r.event_id)).size).toBe(4);
    expect(deliveries.rows.every((r) => r.status === 'succeeded')).toBe(true);
  }, 300_000);
});
