import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from './fixtures/documents.js';
import { canRun, commandMissing, pythonModuleMissing } from './helpers/requirements.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { textToPdf } from './fixtures/text-pdf.js';
import { SigningKeyVault } from '../src/surfaces/extraly/signing-key-vault.js';

/**
 * Walks Extraly's API documentation (docs/api-notes.md, "Extraly") over real HTTP against the real server: every cURL, Python and
 * JavaScript example, the documented fields, types, statuses, headers and error bodies, and the
 * webhook with its X-Extraly-Signature checked the documented way on a receiver on 127.0.0.1.
 */

const bankStatement = readDocument('data/transtractor/test1.pdf');
const EMAIL = 'admin@localhost';

interface Received {
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  at: number;
}

/** A webhook receiver on 127.0.0.1: records every request and answers with the next scripted status. */
async function startReceiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks), at: Date.now() });
      res.statusCode = statuses.shift() ?? 200;
      res.end('OK');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhook`, received, close: () => new Promise((r) => server.close(r)) };
}

/** The verification of the docs' Python and PHP receivers: "sha256=" + HMAC-SHA256(body, api_key), compared in constant time. */
function verifyExtralySignature(raw: Buffer, header: string | string[] | undefined, apiKey: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', apiKey).update(raw).digest('hex')}`);
  const given = Buffer.from(String(header ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let t: TestApp;
let BASE_URL: string;
let API_KEY: string;
let ACCESS_TOKEN: string;
let HEADERS: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ env: { DOCSIFT_WEBHOOK_BACKOFF_MS: '200', DOCSIFT_WEBHOOK_MAX_RETRIES: '3' } });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  BASE_URL = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1`;
  API_KEY = t.apiKey;
  const token = await fetch(`${BASE_URL}/auth/token`, {
    method: 'POST',
    headers: { 'X-API-Key': API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL }),
  });
  expect(token.status).toBe(200);
  const body = (await token.json()) as { data: { access_token: string; token_type: string; expires_in: number } };
  expect(body.data).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
  ACCESS_TOKEN = body.data.access_token;
  HEADERS = { Authorization: `Bearer ${ACCESS_TOKEN}`, 'X-API-Key': API_KEY };
}, 60_000);
afterAll(async () => t?.close());

function form(fields: Record<string, string>, file?: { field: string; name: string; bytes: Buffer; type?: string }): FormData {
  const f = new FormData();
  if (file) f.append(file.field, new Blob([file.bytes], { type: file.type ?? 'application/pdf' }), file.name);
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

type Json = Record<string, any>;

async function submit(fields: Record<string, string>, file?: { field: string; name: string; bytes: Buffer; type?: string }, headers = HEADERS) {
  const res = await fetch(`${BASE_URL}/documents`, { method: 'POST', headers, body: form(fields, file) });
  return { res, json: (await res.json()) as Json };
}

async function getDocument(id: string): Promise<Json> {
  const res = await fetch(`${BASE_URL}/documents/${id}`, { headers: HEADERS });
  expect(res.status).toBe(200);
  return ((await res.json()) as Json).data;
}

/** The docs' polling loop: until status is completed or failed. */
async function poll(id: string): Promise<Json> {
  return until(`document ${id}`, async () => {
    const d = await getDocument(id);
    return d.status === 'completed' || d.status === 'failed' ? d : undefined;
  });
}

function expectErrorBody(json: Json, code: string) {
  expect(json).toEqual({ error: { code, message: expect.any(String), ...(json.error?.details !== undefined ? { details: expect.anything() } : {}) } });
  expect(json.error.message.length).toBeGreaterThan(0);
}

function expectDocumentShape(d: Json) {
  expect(d.id).toEqual(expect.any(String));
  expect(['pending', 'processing', 'completed', 'failed']).toContain(d.status);
  expect(typeof d.detection_type).toBe('string');
  expect(typeof d.original_filename).toBe('string');
  expect(Number.isInteger(d.pages)).toBe(true);
  expect(d.webhook_url === null || typeof d.webhook_url === 'string').toBe(true);
  expect(d.metadata).toEqual(expect.any(Object));
  expect(d.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  expect(d.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
}

describe('Authentication: both headers on every request', () => {
  it('POST /api/v1/auth/token needs the API key', async () => {
    const res = await fetch(`${BASE_URL}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL }) });
    expect(res.status).toBe(401);
    expectErrorBody((await res.json()) as Json, 'UNAUTHORIZED');
  });

  const cases: Array<[string, () => Record<string, string>]> = [
    ['no headers', () => ({})],
    ['only X-API-Key', () => ({ 'X-API-Key': API_KEY })],
    ['only the Bearer access token', () => ({ Authorization: `Bearer ${ACCESS_TOKEN}` })],
    ['the API key in the Bearer slot', () => ({ Authorization: `Bearer ${API_KEY}`, 'X-API-Key': API_KEY })],
    ['an invalid access token', () => ({ Authorization: `Bearer dst_${'x'.repeat(43)}`, 'X-API-Key': API_KEY })],
    ['an invalid API key', () => ({ Authorization: `Bearer ${ACCESS_TOKEN}`, 'X-API-Key': `dsk_${'x'.repeat(43)}` })],
  ];
  for (const [label, headers] of cases) {
    it(`answers 401 UNAUTHORIZED with ${label}`, async () => {
      const res = await fetch(`${BASE_URL}/documents`, { headers: headers() });
      expect(res.status).toBe(401);
      expectErrorBody((await res.json()) as Json, 'UNAUTHORIZED');
    });
  }
});

describe('Quick start and the Python / JavaScript examples: bank statement', () => {
  let docId: string;
  let completed: Json;

  it('cURL: POST /api/v1/documents -F document=@bank_statement.pdf -F detection_type=bank_statement → 201', async () => {
    const { res, json } = await submit({ detection_type: 'bank_statement' }, { field: 'document', name: 'bank_statement.pdf', bytes: bankStatement });
    expect(res.status).toBe(201);
    expectDocumentShape(json.data);
    expect(json.data).toMatchObject({ detection_type: 'bank_statement', original_filename: 'bank_statement.pdf', webhook_url: null, metadata: {} });
    expect(['pending', 'processing']).toContain(json.data.status);
    expect(json.data.pages).toBeGreaterThan(0);
    docId = json.data.id;
  });

  it('GET /api/v1/documents/{id}: polled until completed, results hold the bank statement', async () => {
    completed = await poll(docId);
    expectDocumentShape(completed);
    expect(completed.status).toBe('completed');
    const r = completed.results;
    // Python: result['results']['transaction_count']; JavaScript: result.results.transaction_count
    expect(r.transaction_count).toBe(62);
    expect(r.account_number).toBe('1234 5678 9123 4567');
    expect(r.opening_balance).toBe(50000);
    expect(r.closing_balance).toBe(11663.82);
    for (const key of ['bank_name', 'currency', 'statement_period', 'transactions', 'total_credits', 'total_debits']) expect(r).toHaveProperty(key);
    expect(r.transactions[0]).toEqual(expect.objectContaining({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), amount: expect.any(Number) }));
    expect(['credit', 'debit']).toContain(r.transactions[0].type);
  });

  it('JavaScript: GET export/json is identical to results', async () => {
    const res = await fetch(`${BASE_URL}/documents/${docId}/export/json`, { headers: HEADERS });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(completed.results);
  });

  it('Python: GET export/xlsx is a workbook', async () => {
    const res = await fetch(`${BASE_URL}/documents/${docId}/export/xlsx`, { headers: HEADERS });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="bank_statement\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(book.worksheets.length).toBeGreaterThan(0);
  });

  it('cURL -OJ: GET export/csv downloads a CSV named by Content-Disposition', async () => {
    const res = await fetch(`${BASE_URL}/documents/${docId}/export/csv`, { headers: HEADERS });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="bank_statement\.csv"/);
    const csv = await res.text();
    // One row per transaction below the header.
    expect(csv.trim().split('\n').length).toBeGreaterThanOrEqual(63);
  });

  it('GET export/xml', async () => {
    const res = await fetch(`${BASE_URL}/documents/${docId}/export/xml`, { headers: HEADERS });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(await res.text()).toMatch(/^<\?xml/);
  });

  it('an unknown export format is 400 VALIDATION_ERROR', async () => {
    const res = await fetch(`${BASE_URL}/documents/${docId}/export/pdf`, { headers: HEADERS });
    expect(res.status).toBe(400);
    expectErrorBody((await res.json()) as Json, 'VALIDATION_ERROR');
  });

  it('is the same object on the native API: /v1/extractions/{id}', async () => {
    const res = await fetch(`${BASE_URL.replace('/api/v1', '/v1')}/extractions/${docId}`, { headers: { 'X-API-Key': API_KEY } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.extraction).toMatchObject({ extraction_id: docId, status: 'completed', detection_type: 'bank_statement' });
  });
});

describe('cURL: invoice with file=, webhook_url, metadata and custom_fields; signed webhook', () => {
  it('delivers document.completed with the documented payload and a valid X-Extraly-Signature', async () => {
    const receiver = await startReceiver();
    try {
      const pdf = await makePdf([sampleInvoiceLines(7001)]);
      const { res, json } = await submit(
        { detection_type: 'invoice', webhook_url: receiver.url, metadata: JSON.stringify({ order: 'A-17' }), custom_fields: JSON.stringify(['vat_number', 'po_number']) },
        { field: 'file', name: 'invoice.pdf', bytes: pdf },
      );
      expect(res.status).toBe(201);
      expect(json.data).toMatchObject({ detection_type: 'invoice', original_filename: 'invoice.pdf', webhook_url: receiver.url, metadata: { order: 'A-17' } });
      const done = await poll(json.data.id);
      expect(done.status).toBe('completed');
      expect(done.results.invoice_number).toBe('INV-7001');
      expect(done.results).toHaveProperty('vat_number');
      expect(done.results).toHaveProperty('po_number');

      const hook = await until('the webhook', async () => receiver.received[0]);
      expect(hook.headers['content-type']).toMatch(/^application\/json/);
      expect(verifyExtralySignature(hook.raw, hook.headers['x-extraly-signature'], API_KEY)).toBe(true);
      expect(hook.headers['x-extraly-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifyExtralySignature(hook.raw, hook.headers['x-extraly-signature'], `${API_KEY}x`)).toBe(false);
      const event = JSON.parse(hook.raw.toString('utf8')) as Json;
      expect(event).toEqual({
        event: 'document.completed',
        document_id: json.data.id,
        status: 'completed',
        results: done.results,
        metadata: { order: 'A-17' },
        timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      });
      // Exactly one callback: the native payload is not sent to an Extraly webhook_url as well.
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('delivers document.failed with the error, to callback_url (the alias), and retries a non-2xx answer with backoff', async () => {
    const receiver = await startReceiver([500, 503]);
    try {
      const broken = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'), Buffer.alloc(64, 0x41), Buffer.from('\n%%EOF\n')]);
      const { res, json } = await submit({ callback_url: receiver.url }, { field: 'document', name: 'broken.pdf', bytes: broken });
      expect(res.status).toBe(201);
      expect(json.data.webhook_url).toBe(receiver.url);
      const done = await poll(json.data.id);
      expect(done.status).toBe('failed');
      // Extraly's error shape, with the engine's reason in `details` as Extraly's errors carry details.
      expect(done.error).toEqual({ code: 'PROCESSING_ERROR', message: expect.any(String), details: { reason: 'FILE_CORRUPT' } });
      expect(done.results).toBeNull();

      const attempts = await until('three attempts', async () => (receiver.received.length >= 3 ? receiver.received : undefined));
      expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(50);
      for (const a of attempts) expect(verifyExtralySignature(a.raw, a.headers['x-extraly-signature'], API_KEY)).toBe(true);
      // The same body byte for byte on every attempt.
      expect(attempts[2]!.raw.equals(attempts[0]!.raw)).toBe(true);
      const event = JSON.parse(attempts[0]!.raw.toString('utf8')) as Json;
      expect(event).toEqual({
        event: 'document.failed',
        document_id: json.data.id,
        status: 'failed',
        error: { code: done.error.code, message: done.error.message, details: { reason: 'FILE_CORRUPT' } },
        metadata: {},
        timestamp: expect.any(String),
      });
    } finally {
      await receiver.close();
    }
  });

  it('signs with the API key that submitted the document, kept sealed so a restarted process can still sign', async () => {
    // A second key of the tenant submits; its own key (not the bootstrap key) signs the callback.
    const created = await fetch(`${BASE_URL.replace('/api/v1', '/v1')}/api-keys`, {
      method: 'POST',
      headers: { 'X-API-Key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'second' }),
    });
    const key = ((await created.json()) as Json).api_key.key as string;
    const receiver = await startReceiver();
    try {
      const { res, json } = await submit(
        { detection_type: 'invoice', webhook_url: receiver.url },
        { field: 'document', name: 'inv.pdf', bytes: await makePdf([sampleInvoiceLines(7002)]) },
        { Authorization: `Bearer ${ACCESS_TOKEN}`, 'X-API-Key': key },
      );
      expect(res.status).toBe(201);
      const hook = await until('the webhook', async () => receiver.received[0]);
      expect(verifyExtralySignature(hook.raw, hook.headers['x-extraly-signature'], key)).toBe(true);
      expect(verifyExtralySignature(hook.raw, hook.headers['x-extraly-signature'], API_KEY)).toBe(false);
      // The key is stored sealed, never in clear, in the extraction and in the delivery rows.
      const rows = await t.core.db.selectFrom('webhook_deliveries').select(['signing', 'body']).where('extraction_id', '=', json.data.id).execute();
      const ext = await t.core.db.selectFrom('extractions').select('metadata').where('id', '=', json.data.id).executeTakeFirstOrThrow();
      for (const text of [...rows.map((r) => r.signing + r.body), ext.metadata]) expect(text).not.toContain(key);
      // A new process (a fresh vault over the same data directory) opens the sealed key; another key id cannot.
      const sealed = (JSON.parse(ext.metadata) as Json)._extraly.signing_key as string;
      const row = await t.core.db.selectFrom('extractions').select('api_key_id').where('id', '=', json.data.id).executeTakeFirstOrThrow();
      expect(new SigningKeyVault({ dataDir: t.dataDir }).open(sealed, row.api_key_id!)).toBe(key);
      expect(new SigningKeyVault({ dataDir: t.dataDir }).open(sealed, 'key_other')).toBeNull();
    } finally {
      await receiver.close();
    }
  });
});

describe('GET /api/v1/documents: list, filters, sort and the meta block', () => {
  it('cURL: ?page=1&per_page=20&status=completed', async () => {
    const res = await fetch(`${BASE_URL}/documents?page=1&per_page=20&status=completed`, { headers: HEADERS });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.meta).toEqual({ current_page: 1, last_page: expect.any(Number), per_page: 20, total: expect.any(Number) });
    expect(body.data.length).toBeGreaterThan(0);
    for (const d of body.data) {
      expect(d.status).toBe('completed');
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['id', 'status', 'detection_type', 'original_filename', 'pages', 'created_at']));
    }
  });

  it('pages with per_page, filters by detection_type and status=failed, sorts by created_at asc', async () => {
    const all = (await (await fetch(`${BASE_URL}/documents?per_page=100`, { headers: HEADERS })).json()) as Json;
    const total = all.meta.total as number;
    expect(total).toBeGreaterThanOrEqual(4);
    const page2 = (await (await fetch(`${BASE_URL}/documents?page=2&per_page=1&sort=created_at&order=asc`, { headers: HEADERS })).json()) as Json;
    expect(page2.meta).toEqual({ current_page: 2, last_page: total, per_page: 1, total });
    const asc = (await (await fetch(`${BASE_URL}/documents?per_page=100&order=asc`, { headers: HEADERS })).json()) as Json;
    expect(asc.data.map((d: Json) => d.id)).toEqual([...all.data.map((d: Json) => d.id)].reverse());
    expect(page2.data[0].id).toBe(asc.data[1].id);
    const invoices = (await (await fetch(`${BASE_URL}/documents?detection_type=invoice`, { headers: HEADERS })).json()) as Json;
    expect(invoices.data.length).toBeGreaterThan(0);
    for (const d of invoices.data) expect(d.detection_type).toBe('invoice');
    const failed = (await (await fetch(`${BASE_URL}/documents?status=failed&sort=updated_at`, { headers: HEADERS })).json()) as Json;
    expect(failed.data.length).toBeGreaterThan(0);
    for (const d of failed.data) expect(d.status).toBe('failed');
  });

  it('refuses per_page over 100 and an unknown status with 400 VALIDATION_ERROR', async () => {
    for (const q of ['per_page=101', 'status=done', 'sort=name', 'order=up']) {
      const res = await fetch(`${BASE_URL}/documents?${q}`, { headers: HEADERS });
      expect(res.status, q).toBe(400);
      expectErrorBody((await res.json()) as Json, 'VALIDATION_ERROR');
    }
  });
});

describe('DELETE /api/v1/documents/{id}', () => {
  it('cURL: deletes the document; it is gone afterwards (404 NOT_FOUND) on both surfaces', async () => {
    const { json } = await submit({}, { field: 'document', name: 'note.pdf', bytes: textToPdf('Invoice INV-9 total 10.00'), type: 'application/pdf' });
    await poll(json.data.id);
    const res = await fetch(`${BASE_URL}/documents/${json.data.id}`, { method: 'DELETE', headers: HEADERS });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: 'Document deleted successfully.' });
    const again = await fetch(`${BASE_URL}/documents/${json.data.id}`, { headers: HEADERS });
    expect(again.status).toBe(404);
    expectErrorBody((await again.json()) as Json, 'NOT_FOUND');
    const native = await fetch(`${BASE_URL.replace('/api/v1', '/v1')}/extractions/${json.data.id}`, { headers: { 'X-API-Key': API_KEY } });
    expect(native.status).toBe(404);
  });
});

describe('Error codes', () => {
  it('400 VALIDATION_ERROR: "The document field is required." with details.document', async () => {
    const { res, json } = await submit({ detection_type: 'invoice' });
    expect(res.status).toBe(400);
    expect(json).toEqual({
      error: { code: 'VALIDATION_ERROR', message: 'The document field is required.', details: { document: ['The document field is required.'] } },
    });
  });

  it('400 VALIDATION_ERROR for a bad detection_type, metadata or webhook_url', async () => {
    const file = { field: 'document', name: 'a.pdf', bytes: textToPdf('Invoice 1 total 2.00'), type: 'application/pdf' };
    for (const [fields, detail] of [
      [{ detection_type: 'passport' }, 'detection_type'],
      [{ metadata: '{not json' }, 'metadata'],
      [{ metadata: '[1,2]' }, 'metadata'],
      [{ webhook_url: 'not a url' }, 'webhook_url'],
    ] as const) {
      const { res, json } = await submit(fields, file);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expectErrorBody(json, 'VALIDATION_ERROR');
      expect(json.error.details).toHaveProperty(detail);
    }
  });

  it('404 NOT_FOUND for an unknown id', async () => {
    const res = await fetch(`${BASE_URL}/documents/doc_8f3a1b2c4d5e`, { headers: HEADERS });
    expect(res.status).toBe(404);
    expectErrorBody((await res.json()) as Json, 'NOT_FOUND');
  });

  it('415 UNSUPPORTED_FORMAT for a file that is not a document', async () => {
    const zip = Buffer.from('504b0304140000000800', 'hex');
    const { res, json } = await submit({}, { field: 'document', name: 'archive.zip', bytes: zip, type: 'application/zip' });
    expect(res.status).toBe(415);
    expectErrorBody(json, 'UNSUPPORTED_FORMAT');
  });

  it('409 CONFLICT: exporting a document that has not completed', async () => {
    const paused = await createTestApp({ startWorkers: false });
    try {
      await paused.app.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${(paused.app.server.address() as AddressInfo).port}/api/v1`;
      const tok = (await (await fetch(`${base}/auth/token`, { method: 'POST', headers: { 'X-API-Key': paused.apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL }) })).json()) as Json;
      const headers = { Authorization: `Bearer ${tok.data.access_token}`, 'X-API-Key': paused.apiKey };
      const sub = await fetch(`${base}/documents`, { method: 'POST', headers, body: form({}, { field: 'document', name: 'a.pdf', bytes: textToPdf('Invoice 1'), type: 'application/pdf' }) });
      const doc = ((await sub.json()) as Json).data;
      expect(doc.status).toBe('pending');
      const res = await fetch(`${base}/documents/${doc.id}/export/csv`, { headers });
      expect(res.status).toBe(409);
      expectErrorBody((await res.json()) as Json, 'CONFLICT');
      // A document being processed cannot be deleted (409); a pending one can.
      await paused.core.db.updateTable('extractions').set({ status: 'processing' }).where('id', '=', doc.id).execute();
      const del = await fetch(`${base}/documents/${doc.id}`, { method: 'DELETE', headers });
      expect(del.status).toBe(409);
      expect(((await del.json()) as Json).error).toEqual({ code: 'CONFLICT', message: 'The document is still processing and cannot be modified.' });
    } finally {
      await paused.close();
    }
  });

  it('400 VALIDATION_ERROR for a webhook_url on a private or loopback address (unless allowed)', async () => {
    const strict = await createTestApp({ startWorkers: false, env: { DOCSIFT_ALLOW_PRIVATE_NETWORK: 'false' } });
    try {
      await strict.app.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${(strict.app.server.address() as AddressInfo).port}/api/v1`;
      const tok = (await (await fetch(`${base}/auth/token`, { method: 'POST', headers: { 'X-API-Key': strict.apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL }) })).json()) as Json;
      const headers = { Authorization: `Bearer ${tok.data.access_token}`, 'X-API-Key': strict.apiKey };
      for (const url of ['http://127.0.0.1:9/hook', 'http://169.254.169.254/latest', 'http://10.0.0.1/x']) {
        const res = await fetch(`${base}/documents`, { method: 'POST', headers, body: form({ webhook_url: url }, { field: 'document', name: 'a.pdf', bytes: textToPdf('Invoice 1'), type: 'application/pdf' }) });
        expect(res.status, url).toBe(400);
        const body = (await res.json()) as Json;
        expectErrorBody(body, 'VALIDATION_ERROR');
        expect(body.error.details).toHaveProperty('webhook_url');
      }
    } finally {
      await strict.close();
    }
  });

  it('413 FILE_TOO_LARGE past the upload limit', async () => {
    const small = await createTestApp({ startWorkers: false, env: { DOCSIFT_MAX_UPLOAD_MB: '1' } });
    try {
      await small.app.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${(small.app.server.address() as AddressInfo).port}/api/v1`;
      const tok = (await (await fetch(`${base}/auth/token`, { method: 'POST', headers: { 'X-API-Key': small.apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL }) })).json()) as Json;
      const headers = { Authorization: `Bearer ${tok.data.access_token}`, 'X-API-Key': small.apiKey };
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
      const res = await fetch(`${base}/documents`, { method: 'POST', headers, body: form({}, { field: 'document', name: 'big.pdf', bytes: big }) });
      expect(res.status).toBe(413);
      expectErrorBody((await res.json()) as Json, 'FILE_TOO_LARGE');
    } finally {
      await small.close();
    }
  });
});

describe('Rate limits', () => {
  it('every response carries X-RateLimit-Limit / -Remaining / -Reset', async () => {
    const res = await fetch(`${BASE_URL}/documents`, { headers: HEADERS });
    expect(res.headers.get('x-ratelimit-limit')).toBe(String(t.core.config.rateLimitPerHour));
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeLessThan(t.core.config.rateLimitPerHour);
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('429 RATE_LIMITED with Retry-After past the limit', async () => {
    const limited = await createTestApp({ startWorkers: false, env: { DOCSIFT_RATE_LIMIT_PER_HOUR: '3' } });
    try {
      await limited.app.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${(limited.app.server.address() as AddressInfo).port}/api/v1`;
      const tok = (await (await fetch(`${base}/auth/token`, { method: 'POST', headers: { 'X-API-Key': limited.apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL }) })).json()) as Json;
      const headers = { Authorization: `Bearer ${tok.data.access_token}`, 'X-API-Key': limited.apiKey };
      let last: Response | undefined;
      for (let i = 0; i < 5; i++) last = await fetch(`${base}/documents`, { headers });
      expect(last!.status).toBe(429);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
      expectErrorBody((await last!.json()) as Json, 'RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

/** The documentation's cURL and Python examples, run as written (base URL, credentials and webhook target substituted). */
describe('The documented cURL, Python and JavaScript examples, run as written', () => {
  const run = promisify(execFile);
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'extraly-examples-'));
    writeFileSync(path.join(dir, 'bank_statement.pdf'), bankStatement);
    writeFileSync(path.join(dir, 'invoice.pdf'), await makePdf([sampleInvoiceLines(5150)]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const require_path = path.resolve('node_modules/form-data');
  const auth = () => ['-H', `Authorization: Bearer ${ACCESS_TOKEN}`, '-H', `X-API-Key: ${API_KEY}`];
  const curl = async (args: string[]) => (await run('curl', ['-s', '-w', '\n%{http_code}', ...args], { cwd: dir })).stdout;
  const hasCurl = canRun('the cURL example (test/extraly-conformance.test.ts)', 'tools', commandMissing('curl', 'apt-get install curl'));
  const hasRequests = canRun('the Python example (test/extraly-conformance.test.ts)', 'tools', pythonModuleMissing('requests', 'apt-get install python3-requests'));
  const split = (out: string) => {
    const i = out.lastIndexOf('\n');
    return { body: out.slice(0, i), status: Number(out.slice(i + 1)) };
  };

  it.skipIf(!hasCurl)('cURL: submit, get, list, export as CSV (-OJ) and delete', async () => {
    const receiver = await startReceiver();
    try {
      const submitted = split(await curl(['-X', 'POST', `${BASE_URL}/documents`, ...auth(), '-F', 'document=@invoice.pdf', '-F', 'detection_type=invoice', '-F', `webhook_url=${receiver.url}`]));
      expect(submitted.status).toBe(201);
      const id = (JSON.parse(submitted.body) as Json).data.id as string;
      await poll(id);
      const got = split(await curl([`${BASE_URL}/documents/${id}`, ...auth()]));
      expect(got.status).toBe(200);
      expect((JSON.parse(got.body) as Json).data).toMatchObject({ id, status: 'completed', results: { invoice_number: 'INV-5150' } });
      const listed = split(await curl([`${BASE_URL}/documents?page=1&per_page=20&status=completed`, ...auth()]));
      expect(listed.status).toBe(200);
      expect((JSON.parse(listed.body) as Json).data.map((d: Json) => d.id)).toContain(id);
      const exported = split(await curl(['-OJ', `${BASE_URL}/documents/${id}/export/csv`, ...auth()]));
      expect(exported.status).toBe(200);
      expect(readdirSync(dir)).toContain('invoice.csv');
      expect(readFileSync(path.join(dir, 'invoice.csv'), 'utf8')).toContain('INV-5150');
      const deleted = split(await curl(['-X', 'DELETE', `${BASE_URL}/documents/${id}`, ...auth()]));
      expect(deleted.status).toBe(200);
      expect(JSON.parse(deleted.body)).toEqual({ message: 'Document deleted successfully.' });
      const hook = await until('the webhook', async () => receiver.received[0]);
      expect(verifyExtralySignature(hook.raw, hook.headers['x-extraly-signature'], API_KEY)).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('JavaScript (Node.js, form-data): submit, poll, print transactions, export JSON', async () => {
    // The example streams a form-data body, which Node's built-in fetch cannot send (it would post
    // the text "[object FormData]"); it is written for node-fetch 2, which this one line provides.
    const script = `const fetch = require(${JSON.stringify(path.resolve('node_modules/node-fetch'))});
const fs = require("fs");
const FormData = require(${JSON.stringify(require_path)});

const BASE_URL = "${BASE_URL}";
const headers = {
  Authorization: "Bearer ${ACCESS_TOKEN}",
  "X-API-Key": "${API_KEY}",
};

async function processDocument(filePath) {
  // Submit document
  const form = new FormData();
  form.append("document", fs.createReadStream(filePath));
  form.append("detection_type", "bank_statement");

  const submitRes = await fetch(\`\${BASE_URL}/documents\`, {
    method: "POST",
    headers: { ...headers, ...form.getHeaders() },
    body: form,
  });
  const { data: doc } = await submitRes.json();
  console.log(\`Submitted: \${doc.id}\`);

  // Poll for results
  let result;
  while (true) {
    const res = await fetch(\`\${BASE_URL}/documents/\${doc.id}\`, { headers });
    result = (await res.json()).data;

    if (result.status === "completed" || result.status === "failed") break;
    await new Promise((r) => setTimeout(r, 2000));
  }

  if (result.status === "completed") {
    console.log(\`Transactions: \${result.results.transaction_count}\`);

    // Export as JSON
    const exportRes = await fetch(
      \`\${BASE_URL}/documents/\${doc.id}/export/json\`,
      { headers }
    );
    const exportData = await exportRes.json();
    console.log(JSON.stringify(exportData));
  }
}

processDocument("./bank_statement.pdf");
`;
    writeFileSync(path.join(dir, 'example.cjs'), script);
    const { stdout } = await run(process.execPath, ['example.cjs'], { cwd: dir, timeout: 60_000 });
    expect(stdout).toMatch(/^Submitted: ext_\w+$/m);
    expect(stdout).toMatch(/^Transactions: 62$/m);
    const exported = JSON.parse(stdout.trim().split('\n').pop()!) as Json;
    expect(exported.transaction_count).toBe(62);
  }, 90_000);

  it.skipIf(!hasRequests)('Python (requests): submit, poll every 2 s, print transaction_count, export XLSX to results.xlsx', async () => {
    const receiver = await startReceiver();
    try {
      const script = `import requests
import time

BASE_URL = "${BASE_URL}"
HEADERS = {
    "Authorization": "Bearer ${ACCESS_TOKEN}",
    "X-API-Key": "${API_KEY}",
}

# Submit a document
with open("bank_statement.pdf", "rb") as f:
    response = requests.post(
        f"{BASE_URL}/documents",
        headers=HEADERS,
        files={"document": f},
        data={
            "detection_type": "bank_statement",
            "webhook_url": "${receiver.url}",
        },
    )

doc = response.json()["data"]
doc_id = doc["id"]
print(f"Document submitted: {doc_id} (status: {doc['status']})")

# Poll for results
while True:
    result = requests.get(
        f"{BASE_URL}/documents/{doc_id}",
        headers=HEADERS,
    ).json()["data"]

    if result["status"] in ("completed", "failed"):
        break

    time.sleep(2)

if result["status"] == "completed":
    print(f"Transactions found: {result['results']['transaction_count']}")

    # Export as XLSX
    export = requests.get(
        f"{BASE_URL}/documents/{doc_id}/export/xlsx",
        headers=HEADERS,
    )
    with open("results.xlsx", "wb") as f:
        f.write(export.content)
else:
    print(f"Processing failed: {result['error']}")
`;
      writeFileSync(path.join(dir, 'example.py'), script);
      const { stdout } = await run('python3', ['example.py'], { cwd: dir, timeout: 60_000 });
      expect(stdout).toMatch(/^Document submitted: ext_\w+ \(status: (pending|processing)\)$/m);
      expect(stdout).toMatch(/^Transactions found: 62$/m);
      expect(readFileSync(path.join(dir, 'results.xlsx')).subarray(0, 2).toString()).toBe('PK');
      // The docs' Flask receiver check: hmac.compare_digest("sha256=" + hmac(API_KEY, request.data), header).
      const hook = await until('the webhook', async () => receiver.received[0]);
      const verifier = `import hmac, hashlib, sys
body = open("body.json", "rb").read()
expected = "sha256=" + hmac.new("${API_KEY}".encode(), body, hashlib.sha256).hexdigest()
print("valid" if hmac.compare_digest(expected, sys.argv[1]) else "invalid")
`;
      writeFileSync(path.join(dir, 'verify.py'), verifier);
      writeFileSync(path.join(dir, 'body.json'), hook.raw);
      const verified = await run('python3', ['verify.py', String(hook.headers['x-extraly-signature'])], { cwd: dir });
      expect(verified.stdout.trim()).toBe('valid');
      expect((JSON.parse(hook.raw.toString()) as Json).results.transaction_count).toBe(62);
    } finally {
      await receiver.close();
    }
  }, 90_000);
});
