import { createHmac } from 'node:crypto';
import { fromExtendId, toExtendId } from '../src/surfaces/extend/extend-ids.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';

/**
 * Walks Extend's API reference (docs/api-notes.md, "Extend": "Extract File (Async)", POST /extract_runs) over real HTTP
 * with plain fetch, the way a client without the SDK calls it: each example and each documented field,
 * type, status value, failure reason, header and error status.
 */

const SETUP_KEY = 'test-setup-key-0123456789';
const API_VERSION = '2026-02-09';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

let t: TestApp;
let base: string;
let files: http.Server;
let fileBase: string;
let extractorId: string;

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

type Json = Record<string, any>;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Json; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${t.apiKey}`,
      'x-extend-api-version': API_VERSION,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Json) : {}, headers: res.headers };
}

async function pollRun(id: string): Promise<Json> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await call('GET', `/extract_runs/${id}`);
    expect(res.status).toBe(200);
    if (!['PENDING', 'PROCESSING'].includes(res.json.status)) return res.json;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${res.json.status}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function expectErrorBody(json: Json, code: string): void {
  expect(json).toEqual({ code, message: expect.any(String), retryable: expect.any(Boolean), requestId: expect.any(String) });
}

async function countRuns(): Promise<number> {
  return (await call('GET', '/extract_runs?maxPageSize=100')).json.data.length;
}

beforeAll(async () => {
  t = await createTestApp({ env: { DOCSIFT_SETUP_KEY: SETUP_KEY } });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const pdf = await makePdf([sampleInvoiceLines(1042)]);
  const twoPages = await makePdf([sampleInvoiceLines(1043), ['Terms and conditions']]);
  const locked = await makePdf([sampleInvoiceLines(1044)], { userPassword: 'secret' });
  files = http.createServer((req, res) => {
    if (req.url === '/invoice.pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
    else if (req.url === '/two-pages.pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end(twoPages);
    else if (req.url === '/locked.pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end(locked);
    else if (req.url === '/broken.pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7\nthis is not a pdf body at all\n%%EOF');
    else res.writeHead(404).end();
  });
  fileBase = await listen(files);

  const created = await call('POST', '/extractors', {
    name: 'Invoice Extractor',
    config: {
      baseProcessor: 'extraction_performance',
      extractionRules: 'Amounts are numbers without currency symbols.',
      schema: {
        type: 'object',
        properties: {
          invoice_number: { type: ['string', 'null'], description: 'The invoice number' },
          total_amount: { type: ['number', 'null'], description: 'The total' },
        },
        required: ['invoice_number', 'total_amount'],
        additionalProperties: false,
      },
    },
  });
  expect(created.status).toBe(200);
  extractorId = created.json.id;
});

afterAll(async () => {
  await t?.close();
  await new Promise((r) => files?.close(r));
});

describe('POST /extract_runs (Extract File (Async))', () => {
  let runId: string;

  it('the TypeScript example: extractor reference + file URL answers the run object, in progress', async () => {
    const res = await call('POST', '/extract_runs', { extractor: { id: extractorId }, file: { url: `${fileBase}/invoice.pdf` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-extend-api-version')).toBe(API_VERSION);
    const run = res.json;
    runId = run.id;
    expect(run.object).toBe('extract_run');
    expect(typeof run.id).toBe('string');
    expect(['PENDING', 'PROCESSING', 'PROCESSED']).toContain(run.status);
    for (const key of ['output', 'initialOutput', 'reviewedOutput', 'failureReason', 'failureMessage', 'metadata', 'edits', 'parseRunId', 'usage']) {
      expect(run).toHaveProperty(key);
    }
    expect(run.reviewed).toBe(false);
    expect(run.edited).toBe(false);
    expect(run.extractor).toEqual({ object: 'extractor', id: extractorId, name: 'Invoice Extractor', createdAt: expect.stringMatching(RFC3339), updatedAt: expect.stringMatching(RFC3339) });
    expect(run.extractorVersion).toMatchObject({ object: 'extractor_version', id: expect.any(String), version: 'draft', extractorId, createdAt: expect.stringMatching(RFC3339) });
    expect(run.extractorVersion).toHaveProperty('description');
    expect(run.file).toMatchObject({ object: 'file', id: expect.any(String), name: 'invoice.pdf', type: 'PDF', parentFileId: null, metadata: { pageCount: 1 } });
    expect(run.file.createdAt).toMatch(RFC3339);
    expect(run.config).toMatchObject({
      baseProcessor: 'extraction_performance',
      baseVersion: expect.any(String),
      extractionRules: 'Amounts are numbers without currency symbols.',
      schema: { type: 'object', properties: { invoice_number: { type: ['string', 'null'] } } },
      advancedOptions: expect.any(Object),
    });
    // The dashboard link is the native API's, under the core id (the same random part as the run's exr_ id).
    expect(run.dashboardUrl).toContain(fromExtendId(run.id));
    expect(run.createdAt).toMatch(RFC3339);
    expect(run.updatedAt).toMatch(RFC3339);
  });

  it('the Python / Java create_and_poll examples: polling GET /extract_runs/{id} until a terminal state', async () => {
    const run = await pollRun(runId);
    expect(run.status).toBe('PROCESSED');
    expect(run.failureReason).toBeNull();
    expect(run.failureMessage).toBeNull();
    // output: JSON Schema output, present when PROCESSED; citations and confidence in output.metadata.
    expect(run.output.value).toEqual({ invoice_number: 'INV-1042', total_amount: 240 });
    const meta = run.output.metadata.invoice_number;
    expect(meta.logprobsConfidence).toBeGreaterThan(0);
    expect(meta.logprobsConfidence).toBeLessThanOrEqual(1);
    expect(meta.citations[0]).toMatchObject({ page: { number: 1 }, referenceText: expect.stringContaining('INV-1042') });
    expect(meta.citations[0].polygon).toHaveLength(4);
    expect(meta.citations[0].polygon[0]).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    // initialOutput / reviewedOutput: present when reviewed is true.
    expect(run.initialOutput).toBeNull();
    expect(run.reviewedOutput).toBeNull();
    // usage: present when PROCESSED.
    expect(run.usage).toEqual({ credits: 1, totalCredits: 1, breakdown: [{ object: 'extract_run', id: run.id, credits: 1 }] });
  });

  it('file as raw text or an Extend file id; priority; metadata with extend:usage_tags returned as given', async () => {
    const upload = new FormData();
    upload.append('file', new Blob([await makePdf([sampleInvoiceLines(3003)])], { type: 'application/pdf' }), 'three.pdf');
    const uploaded = await fetch(`${base}/files/upload`, { method: 'POST', headers: { authorization: `Bearer ${t.apiKey}` }, body: upload });
    expect(uploaded.status).toBe(200);
    const file = (await uploaded.json()) as Json;
    expect(file).toMatchObject({ object: 'file', name: 'three.pdf', type: 'PDF' });

    const metadata = { customer: 'c-123', 'extend:usage_tags': ['production', 'team-eng', 'customer-123'] };
    const byId = await call('POST', '/extract_runs', { extractor: { id: extractorId, version: 'draft' }, file: { id: file.id }, priority: 5, metadata });
    expect(byId.status).toBe(200);
    expect(byId.json.metadata).toEqual(metadata);
    expect(byId.json.file.id).toBe(file.id);
    const native = await t.app.inject({ method: 'GET', url: `/v1/extractions/${fromExtendId(byId.json.id)}`, headers: { 'x-api-key': t.apiKey } });
    expect(native.json().extraction.priority).toBe(5);

    const byText = await call('POST', '/extract_runs', {
      config: { schema: { type: 'object', properties: { invoice_number: { type: ['string', 'null'] } } } },
      file: { text: 'Invoice number: INV-55\nTotal: 10.00', name: 'inline.txt' },
    });
    expect(byText.status).toBe(200);
    expect(byText.json.extractor).toBeNull();
    expect(byText.json.extractorVersion).toBeNull();
    const done = await pollRun(byText.json.id);
    // Usage tags are recorded with special characters removed, as Extend documents.
    await pollRun(byId.json.id);
    const tagged = await call('POST', '/extract_runs', { config: { schema: { type: 'object', properties: { n: { type: ['string', 'null'] } } } }, file: { text: 'n: 1' }, metadata: { 'extend:usage_tags': ['team eng!', 'prod'] } });
    await pollRun(tagged.json.id);
    const records = await t.app.inject({ method: 'GET', url: '/v1/usage/records?per_page=100', headers: { 'x-api-key': t.apiKey } });
    const record = (records.json().usage_records as Json[]).find((r) => r.extraction_id === fromExtendId(tagged.json.id));
    expect(record?.usage_tags).toEqual(['teameng', 'prod']);
    expect(done.status).toBe('PROCESSED');
    expect(Object.keys(done.output.value)).toEqual(['invoice_number']);
    expect(done.file).toMatchObject({ name: 'inline.txt', type: 'TXT' });
    // Priority defaults to 50.
    const nativeText = await t.app.inject({ method: 'GET', url: `/v1/extractions/${fromExtendId(byText.json.id)}`, headers: { 'x-api-key': t.apiKey } });
    expect(nativeText.json().extraction.priority).toBe(50);
  });

  it('a file the engine cannot read ends FAILED with a documented failureReason and a failureMessage', async () => {
    const res = await call('POST', '/extract_runs', { extractor: { id: extractorId }, file: { url: `${fileBase}/broken.pdf` } });
    expect(res.status).toBe(200);
    const run = await pollRun(res.json.id);
    expect(run.status).toBe('FAILED');
    expect(run.failureReason).toBe('FAILED_TO_PROCESS_FILE');
    expect(typeof run.failureMessage).toBe('string');
    expect(run.output).toBeNull();
    expect(run.usage).toBeNull();
    // The same run on the native API names the precise reason.
    const native = await t.app.inject({ method: 'GET', url: `/v1/extractions/${fromExtendId(run.id)}/results`, headers: { 'x-api-key': t.apiKey } });
    expect(native.json().documents[0].error).toMatchObject({ code: 'PROCESSING_ERROR', reason: 'FILE_CORRUPT' });
  });

  it('failureReason follows why the engine refused the run: an encrypted file, a page range past its end', async () => {
    const locked = await call('POST', '/extract_runs', { extractor: { id: extractorId }, file: { url: `${fileBase}/locked.pdf` } });
    expect(locked.status).toBe(200);
    const lockedRun = await pollRun(locked.json.id);
    expect(lockedRun).toMatchObject({ status: 'FAILED', failureReason: 'FAILED_TO_PROCESS_FILE', failureMessage: expect.stringMatching(/encrypted/) });

    // advancedOptions.pageRanges that select no page of the file: the configuration does not fit it.
    const ranged = await call('POST', '/extract_runs', {
      extractor: { id: extractorId, overrideConfig: { advancedOptions: { pageRanges: [{ start: 5, end: 6 }] } } },
      file: { url: `${fileBase}/two-pages.pdf` },
    });
    expect(ranged.status, JSON.stringify(ranged.json)).toBe(200);
    const rangedRun = await pollRun(ranged.json.id);
    expect(rangedRun).toMatchObject({ status: 'FAILED', failureReason: 'INVALID_CONFIGURATION', failureMessage: expect.stringMatching(/selects no page/) });
  });

  it('errors: 400, 401, 402, 404 in Extend\'s shape, and a refused create leaves no run behind', async () => {
    const before = await countRuns();

    const noFile = await call('POST', '/extract_runs', { extractor: { id: extractorId } });
    expect(noFile.status).toBe(400);
    expectErrorBody(noFile.json, 'INVALID_REQUEST');
    expect(noFile.json.retryable).toBe(false);

    const both = await call('POST', '/extract_runs', { extractor: { id: extractorId }, config: { schema: { type: 'object', properties: { a: { type: 'string' } } } }, file: { text: 'x' } });
    expect(both.status).toBe(400);
    // Neither extractor nor config is not an error: the SDK documents it as "infer a schema" (extend-processor-options.test.ts).
    const badConfig = await call('POST', '/extract_runs', { config: { schema: { type: 'string' } }, file: { text: 'x' } });
    expect(badConfig.status).toBe(400);
    const badPriority = await call('POST', '/extract_runs', { extractor: { id: extractorId }, file: { text: 'x' }, priority: 101 });
    expect(badPriority.status).toBe(400);
    const bigMetadata = await call('POST', '/extract_runs', { extractor: { id: extractorId }, file: { text: 'x' }, metadata: { blob: 'x'.repeat(11 * 1024) } });
    expect(bigMetadata.status).toBe(400);
    expectErrorBody(bigMetadata.json, 'INVALID_REQUEST');
    const badVersionHeader = await call('GET', '/extract_runs', undefined, { 'x-extend-api-version': 'yesterday' });
    expect(badVersionHeader.status).toBe(400);

    const unauthorized = await call('POST', '/extract_runs', { extractor: { id: extractorId }, file: { text: 'x' } }, { authorization: 'Bearer dsk_not_a_key' });
    expect(unauthorized.status).toBe(401);
    expectErrorBody(unauthorized.json, 'UNAUTHORIZED');
    const noAuth = await fetch(`${base}/extract_runs`);
    expect(noAuth.status).toBe(401);

    const unknownExtractor = await call('POST', '/extract_runs', { extractor: { id: 'prs_doesnotexist' }, file: { text: 'x' } });
    expect(unknownExtractor.status).toBe(404);
    expectErrorBody(unknownExtractor.json, 'NOT_FOUND');
    expect(unknownExtractor.json.message).toBe("The extractor 'prs_doesnotexist' does not exist.");
    const unknownFile = await call('POST', '/extract_runs', { extractor: { id: extractorId }, file: { id: 'fil_doesnotexist' } });
    expect(unknownFile.status).toBe(404);
    const unreachable = await call('POST', '/extract_runs', { extractor: { id: extractorId }, file: { url: `${fileBase}/missing.pdf` } });
    expect(unreachable.status).toBe(400);

    const credits = await t.app.inject({
      method: 'PUT',
      url: `/v1/admin/tenants/${t.tenantId}/credits`,
      headers: { 'x-setup-key': SETUP_KEY, 'content-type': 'application/json' },
      payload: JSON.stringify({ balance: 1 }),
    });
    expect(credits.statusCode).toBe(200);
    try {
      // Two pages cost two credits; one is left.
      const broke = await call('POST', '/extract_runs', { extractor: { id: extractorId }, file: { url: `${fileBase}/two-pages.pdf` } });
      expect(broke.status).toBe(402);
      expectErrorBody(broke.json, 'USAGE_BLOCKED');
    } finally {
      await t.app.inject({
        method: 'PUT',
        url: `/v1/admin/tenants/${t.tenantId}/credits`,
        headers: { 'x-setup-key': SETUP_KEY, 'content-type': 'application/json' },
        payload: JSON.stringify({ balance: null }),
      });
    }
    expect(await countRuns()).toBe(before);
  });

  it('get, list (nextPageToken), cancel and delete answer as the SDK expects', async () => {
    const list = await call('GET', '/extract_runs?maxPageSize=2&sortDir=asc');
    expect(list.status).toBe(200);
    expect(list.json.object).toBe('list');
    expect(list.json.data).toHaveLength(2);
    expect(list.json.data[0].id).toBe(runId);
    expect(typeof list.json.nextPageToken).toBe('string');
    const next = await call('GET', `/extract_runs?maxPageSize=2&sortDir=asc&nextPageToken=${encodeURIComponent(list.json.nextPageToken)}`);
    expect(next.json.data[0].id).not.toBe(runId);
    const badToken = await call('GET', '/extract_runs?nextPageToken=garbage');
    expect(badToken.status).toBe(400);

    const finished = await call('POST', `/extract_runs/${runId}/cancel`);
    expect(finished.status).toBe(400);
    expectErrorBody(finished.json, 'INVALID_REQUEST');

    const deleted = await call('DELETE', `/extract_runs/${runId}`);
    expect(deleted).toMatchObject({ status: 200, json: { id: runId } });
    const gone = await call('GET', `/extract_runs/${runId}`);
    expect(gone.status).toBe(404);
    expectErrorBody(gone.json, 'NOT_FOUND');
  });
});

describe('webhooks: Extend signature on a real receiver', () => {
  it('signs extract_run.processed with HMAC-SHA256 over v0:{timestamp}:{raw body}', async () => {
    const got: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    const url = await listen(receiver);
    try {
      const endpoint = await call('POST', '/webhook_endpoints', { url: `${url}/hook`, name: 'hook', enabledEvents: ['extract_run.processed'], apiVersion: API_VERSION });
      expect(endpoint.status).toBe(200);
      const secret = endpoint.json.signingSecret as string;
      const run = await call('POST', '/extract_runs', { extractor: { id: extractorId }, file: { url: `${fileBase}/invoice.pdf` } });
      await pollRun(run.json.id);
      const deadline = Date.now() + 15_000;
      while (got.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(got).toHaveLength(1);
      const { headers, body } = got[0];
      const timestamp = headers['x-extend-request-timestamp'] as string;
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
      const expected = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
      expect(headers['x-extend-request-signature']).toBe(expected);
      const event = JSON.parse(body) as Json;
      expect(event).toMatchObject({ eventId: expect.any(String), eventType: 'extract_run.processed', payload: { object: 'extract_run', id: run.json.id, status: 'PROCESSED' } });
      expect(event.payload.output.value.invoice_number).toBe('INV-1042');
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });
});

describe('one core: a template made on one surface runs on another', () => {
  it('a /v1 parser is an Extend extractor, and the Extend run is a /v1 extraction', async () => {
    const parser = await t.app.inject({
      method: 'POST',
      url: '/v1/parsers',
      headers: { 'x-api-key': t.apiKey, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Native parser', description: 'made natively', fields: [{ name: 'invoice_number', type: 'String', description: 'The invoice number' }] }),
    });
    expect(parser.statusCode).toBe(201);
    const id = parser.json().parser.parser_id as string;
    // The native id works on Extend too; Extend shows it under its own prefix (prs_X is ex_X).
    const extractor = await call('GET', `/extractors/${id}`);
    expect(extractor.json).toMatchObject({ object: 'extractor', id: toExtendId(id), name: 'Native parser', draftVersion: { version: 'draft' } });
    expect(extractor.json.draftVersion.config.schema.properties.invoice_number).toMatchObject({ description: 'The invoice number' });
    const run = await call('POST', '/extract_runs', { extractor: { id }, file: { url: `${fileBase}/invoice.pdf` } });
    const done = await pollRun(run.json.id);
    expect(done.output.value).toEqual({ invoice_number: 'INV-1042' });
    const results = await t.app.inject({ method: 'GET', url: `/v1/extractions/${fromExtendId(run.json.id)}/results`, headers: { 'x-api-key': t.apiKey } });
    expect(results.statusCode).toBe(200);
    expect(JSON.stringify(results.json())).toContain('INV-1042');
  });
});

describe('document URLs and webhook targets on private addresses', () => {
  it('are refused unless DOCSIFT_ALLOW_PRIVATE_NETWORK=true, and nothing is created', async () => {
    const strict = await createTestApp({ env: { DOCSIFT_ALLOW_PRIVATE_NETWORK: 'false' } });
    try {
      const headers = { authorization: `Bearer ${strict.apiKey}`, 'content-type': 'application/json' };
      const run = await strict.app.inject({
        method: 'POST',
        url: '/extract_runs',
        headers,
        payload: JSON.stringify({ config: { schema: { type: 'object', properties: { a: { type: ['string', 'null'] } } } }, file: { url: `${fileBase}/invoice.pdf` } }),
      });
      expect(run.statusCode).toBe(400);
      expectErrorBody(run.json(), 'INVALID_REQUEST');
      const hook = await strict.app.inject({
        method: 'POST',
        url: '/webhook_endpoints',
        headers,
        payload: JSON.stringify({ url: 'http://127.0.0.1:9/hook', name: 'x', enabledEvents: ['extract_run.processed'], apiVersion: API_VERSION }),
      });
      expect(hook.statusCode).toBe(400);
      const runs = await strict.app.inject({ method: 'GET', url: '/extract_runs', headers });
      expect(runs.json().data).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});
