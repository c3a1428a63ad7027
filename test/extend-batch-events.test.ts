import fs from 'node:fs';
import { fromExtendId, toExtendId } from '../src/surfaces/extend/extend-ids.js';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtendClient, ExtendError, Webhooks } from 'extend-ai';
import { listenOnLoopback, startRecordingReceiver } from './helpers/recording-receiver.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';

/**
 * Extend's batch runs and extractor.* webhook events through the official `extend-ai` 1.17.0 SDK,
 * against a real docsift server on 127.0.0.1 with a real SQLite file, a real file server and a real
 * webhook receiver whose deliveries are verified with the SDK's own `Webhooks.verifyAndParse`.
 */

let t: TestApp;
let client: ExtendClient;
let baseUrl: string;
let fileServer: http.Server;
let fileBase: string;
let receiver: Awaited<ReturnType<typeof startRecordingReceiver>> | undefined;
let receiverUrl: string;
let secret: string;

const SCHEMA = {
  type: 'object',
  properties: {
    invoice_number: { type: ['string', 'null'] },
    total_amount: { type: ['number', 'null'] },
  },
  required: ['invoice_number', 'total_amount'],
  additionalProperties: false,
};

interface Event {
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
}

/** Every verified event so far (a bad signature throws, failing the test). */
function events(): Event[] {
  return receiver!.received.map((r) => new Webhooks().verifyAndParse(r.body, r.headers as Record<string, string>, secret) as unknown as Event);
}

async function waitForEvent(match: (e: Event) => boolean, timeoutMs = 20_000): Promise<Event> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = events().find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching event; got ${events().map((e) => e.eventType).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectExtendError(promise: Promise<unknown>, status: number, code: string): Promise<void> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ExtendError);
    expect((err as ExtendError).statusCode).toBe(status);
    expect((err as ExtendError).body).toMatchObject({ code, retryable: false });
    return;
  }
  throw new Error('expected the SDK call to fail');
}

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  client = new ExtendClient({ token: t.apiKey, baseUrl });
  const pdfs = new Map([
    ['/a.pdf', await makePdf([sampleInvoiceLines(3101)])],
    ['/b.pdf', await makePdf([sampleInvoiceLines(3102)])],
  ]);
  fileServer = http.createServer((req, res) => {
    const pdf = pdfs.get(req.url ?? '');
    if (pdf) res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
    else res.writeHead(404).end('not found');
  });
  fileBase = await listenOnLoopback(fileServer);
  receiver = await startRecordingReceiver();
  receiverUrl = receiver.url;
  const endpoint = await client.webhookEndpoints.create({
    url: `${receiverUrl}/extend`,
    name: 'All events',
    enabledEvents: [
      'extractor.created',
      'extractor.updated',
      'extractor.draft.updated',
      'extractor.version.published',
      'extractor.deleted',
      'batch_processor_run.processed',
      'batch_processor_run.failed',
    ],
    apiVersion: '2026-02-09',
  });
  secret = endpoint.signingSecret;
});

afterAll(async () => {
  await t?.close();
  await new Promise((r) => fileServer?.close(r));
  await receiver?.close();
});

describe('extractor.* webhook events', () => {
  it('sends created, updated, draft.updated and version.published, signed v0 and verified by the SDK', async () => {
    const extractor = await client.extractors.create({ name: 'Events', config: { schema: SCHEMA } });
    const created = await waitForEvent((e) => e.eventType === 'extractor.created' && e.payload.id === extractor.id);
    expect(created.payload).toMatchObject({ object: 'extractor', id: extractor.id, name: 'Events', draftVersion: { version: 'draft' } });
    expect(created.eventId).toMatch(/^evt_/);

    await client.extractors.update(extractor.id, { name: 'Events renamed' });
    const renamed = await waitForEvent((e) => e.eventType === 'extractor.updated' && e.payload.id === extractor.id);
    expect(renamed.payload.name).toBe('Events renamed');

    await client.extractors.update(extractor.id, { config: { schema: SCHEMA, extractionRules: 'Totals are numbers.' } });
    const draft = await waitForEvent((e) => e.eventType === 'extractor.draft.updated' && e.payload.id === extractor.id);
    expect((draft.payload.draftVersion as { config: { extractionRules?: string } }).config.extractionRules).toBe('Totals are numbers.');

    const version = await client.extractorVersions.create(extractor.id, { releaseType: 'major', description: 'First' });
    const published = await waitForEvent((e) => e.eventType === 'extractor.version.published' && e.payload.id === version.id);
    expect(published.payload).toMatchObject({ object: 'extractor_version', version: '1.0', extractorId: extractor.id, description: 'First' });

    // A rename only: no draft event for it.
    const draftEvents = events().filter((e) => e.eventType === 'extractor.draft.updated' && e.payload.id === extractor.id);
    expect(draftEvents).toHaveLength(1);
  });

  it('a parser changed on /v1 is an extractor too: created and deleted events', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/parsers',
      headers: { 'x-api-key': t.apiKey },
      payload: { name: 'Native parser', fields: [{ name: 'invoice_number', type: 'string' }] },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().parser.parser_id ?? res.json().parser.id;
    // Extend events name it under Extend's prefix (prs_X is ex_X).
    await waitForEvent((e) => e.eventType === 'extractor.created' && e.payload.id === toExtendId(id));
    const del = await t.app.inject({ method: 'DELETE', url: `/v1/parsers/${id}`, headers: { 'x-api-key': t.apiKey } });
    expect(del.statusCode).toBeLessThan(300);
    const deleted = await waitForEvent((e) => e.eventType === 'extractor.deleted' && e.payload.id === toExtendId(id));
    expect(deleted.payload).toMatchObject({ object: 'extractor', name: 'Native parser' });
  });
});

describe('batch runs (POST /extract_runs/batch, GET /batch_runs/{id})', () => {
  let extractorId: string;

  beforeAll(async () => {
    extractorId = (await client.extractors.create({ name: 'Batch', config: { schema: SCHEMA } })).id;
  });

  it('creates one run per input, reports the batch status and sends batch_processor_run.processed', async () => {
    const uploaded = await client.files.upload(new Blob(['Invoice number: INV-3103\nTotal: EUR 30.00\n'], { type: 'text/plain' }) as never, {});
    const batch = await client.extractRuns.createBatch({
      extractor: { id: extractorId },
      inputs: [
        { file: { url: `${fileBase}/a.pdf` }, metadata: { customerId: 'cust_a' } },
        { file: { url: `${fileBase}/b.pdf` }, metadata: { customerId: 'cust_b' } },
        { file: { id: uploaded.id } },
      ],
      priority: 20,
    });
    expect(batch).toMatchObject({ object: 'batch_run', runCount: 3 });
    expect(['PENDING', 'PROCESSING']).toContain(batch.status);
    expect(typeof batch.createdAt).toBe('string');

    const event = await waitForEvent((e) => e.eventType === 'batch_processor_run.processed' && e.payload.id === batch.id);
    expect(event.payload).toMatchObject({ object: 'batch_run', id: batch.id, status: 'PROCESSED', runCount: 3 });
    const got = await client.batchRuns.get(batch.id);
    expect(got).toMatchObject({ object: 'batch_run', id: batch.id, status: 'PROCESSED', runCount: 3, createdAt: batch.createdAt });

    const runs = await client.extractRuns.list({ batchId: batch.id });
    expect(runs.data).toHaveLength(3);
    // The batch is its runs' source; runs made one by one are the API's.
    const bySource = await client.extractRuns.list({ source: 'BATCH_PROCESSOR_RUN', sourceId: batch.id });
    expect(bySource.data.map((r) => r.id).sort()).toEqual(runs.data.map((r) => r.id).sort());
    const single = await client.extractRuns.create({ extractor: { id: extractorId }, file: { text: 'Invoice number: INV-1' } });
    const api = await client.extractRuns.list({ source: 'API', maxPageSize: 100 });
    expect(api.data.map((r) => r.id)).toContain(single.id);
    expect(api.data.some((r) => runs.data.some((b) => b.id === r.id))).toBe(false);
    expect((await client.extractRuns.list({ source: 'WORKFLOW_RUN' })).data).toEqual([]);
    expect(runs.data.every((r) => r.status === 'PROCESSED' && r.extractor?.id === extractorId)).toBe(true);
    expect(runs.data.map((r) => (r.metadata as Record<string, unknown> | null)?.customerId ?? null).sort()).toEqual(['cust_a', 'cust_b', null].sort());
    const a = runs.data.find((r) => (r.metadata as Record<string, unknown> | null)?.customerId === 'cust_a')!;
    const full = await client.extractRuns.retrieve(a.id);
    expect((full.output as { value: Record<string, unknown> }).value.invoice_number).toBe('INV-3101');
    // The same extraction on /v1, with the batch's priority.
    const native = await t.app.inject({ method: 'GET', url: `/v1/extractions/${fromExtendId(a.id)}`, headers: { 'x-api-key': t.apiKey } });
    expect(native.json().extraction).toMatchObject({ status: 'completed', priority: 20 });
    // Exactly one batch event.
    expect(events().filter((e) => e.payload.id === batch.id)).toHaveLength(1);
  });

  it('a batch whose every run is cancelled ends CANCELLED and sends batch_processor_run.failed', async () => {
    await t.core.queue.stop({ graceMs: 1000 });
    let batchId: string;
    try {
      const batch = await client.extractRuns.createBatch({ extractor: { id: extractorId }, inputs: [{ file: { text: 'Invoice INV-1' } }, { file: { text: 'Invoice INV-2' } }] });
      batchId = batch.id;
      expect(batch.status).toBe('PENDING');
      const runs = await client.extractRuns.list({ batchId });
      expect(runs.data.map((r) => r.status)).toEqual(['PENDING', 'PENDING']);
      await client.extractRuns.cancel(runs.data[0].id);
      expect((await client.batchRuns.get(batchId)).status).toBe('PENDING');
      expect(events().some((e) => e.payload.id === batchId)).toBe(false);
      await client.extractRuns.cancel(runs.data[1].id);
    } finally {
      t.core.queue.start();
    }
    expect((await client.batchRuns.get(batchId)).status).toBe('CANCELLED');
    const event = await waitForEvent((e) => e.eventType === 'batch_processor_run.failed' && e.payload.id === batchId);
    expect(event.payload.status).toBe('CANCELLED');
  });

  it('refuses a bad batch in Extend shape and creates no run of it, nor keeps its files', async () => {
    const before = (await client.extractRuns.list({ maxPageSize: 100 })).data.length;
    const blobsBefore = blobCount();
    // The second input's URL is a 404: the first input's download must not leave a run behind.
    await expectExtendError(
      client.extractRuns.createBatch({ extractor: { id: extractorId }, inputs: [{ file: { url: `${fileBase}/a.pdf` } }, { file: { url: `${fileBase}/missing.pdf` } }] }),
      400,
      'INVALID_REQUEST',
    );
    await expectExtendError(client.extractRuns.createBatch({ extractor: { id: extractorId }, inputs: [] }), 400, 'INVALID_REQUEST');
    await expectExtendError(client.extractRuns.createBatch({ extractor: { id: 'prs_missing' }, inputs: [{ file: { text: 'x' } }] }), 404, 'NOT_FOUND');
    const inline = await fetch(`${baseUrl}/extract_runs/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ config: { schema: SCHEMA }, inputs: [{ file: { text: 'x' } }] }),
    });
    expect(inline.status).toBe(400);
    expect(await inline.json()).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('inline config') });
    await expectExtendError(client.batchRuns.get('bat_doesnotexist'), 404, 'NOT_FOUND');
    expect((await client.extractRuns.list({ maxPageSize: 100 })).data.length).toBe(before);
    // The first input's PDF was downloaded and stored before the second failed: its blob is gone again.
    expect(blobCount()).toBe(blobsBefore);
  });
});

/** Files in the fs blob store (skipped on S3, where blobs are not under the data dir). */
function blobCount(): number {
  const dir = path.join(t.dataDir, 'blobs');
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
}
