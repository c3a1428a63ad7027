import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../src/webhooks/signature.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

/**
 * Walks the Extractor embed API's documentation (docs/api-notes.md, "Extractor embed"): each curl example as a request over real HTTP (fetch against the
 * listening server), asserting the documented status codes, fields, types and `{data, error}` bodies.
 */

const SETUP_KEY = 'test-setup-key-0123456789';
let t: TestApp;
let base: string;
/** The onboarded tenant's key and owner (the docs' integration flow starts with onboarding). */
let key: string;
let tenantId: string;
const OWNER = 'john@acme.test';

type Json = Record<string, any>;

async function api(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; json?: unknown; form?: FormData; auth?: boolean } = {},
): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {
    ...(options.auth === false ? {} : { 'X-API-Key': key, 'X-User-Email': OWNER }),
    ...options.headers,
  };
  let body: string | FormData | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) body = options.form;
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

function fileForm(name: string, bytes: Buffer, type: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

function expectError(res: { status: number; body: Json }, status: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.data).toBeNull();
  expect(typeof res.body.error).toBe('string');
  expect(res.body.error.length).toBeGreaterThan(0);
}

const isoDate = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);

async function waitForStatus(id: string, done: (status: string) => boolean, timeoutMs = 60_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api('GET', `/api/embed/extractions/${id}`);
    expect(res.status).toBe(200);
    if (done(res.body.data.status)) return res.body.data;
    if (Date.now() > deadline) throw new Error(`extraction ${id} still ${res.body.data.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  t = await createTestApp({ env: { DOCSIFT_SETUP_KEY: SETUP_KEY, DOCSIFT_WEBHOOK_BACKOFF_MS: '50' } });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t?.close();
});

describe('onboarding (POST /api/embed/onboard)', () => {
  it('creates a tenant, an owner and an "<org> - Embed API Key" with the documented body', async () => {
    const res = await api('POST', '/api/embed/onboard', {
      auth: false,
      headers: { 'X-Setup-Key': SETUP_KEY },
      json: { organizationName: 'Acme Corp', firstName: 'John', lastName: 'Doe', email: OWNER },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.error).toBeNull();
    const data = res.body.data;
    expect(data.message).toBe("Successfully onboarded. Store the API key securely - it won't be shown again.");
    expect(data.tenant).toEqual({ id: expect.any(String), name: 'Acme Corp' });
    expect(data.user).toEqual({ id: expect.any(String), firstName: 'John', lastName: 'Doe', email: OWNER, role: 'owner', isExistingUser: false });
    expect(data.apiKey).toEqual({ id: expect.any(String), name: 'Acme Corp - Embed API Key', key: expect.any(String), expiresAt: null, allowedDomains: [] });
    key = data.apiKey.key;
    tenantId = data.tenant.id;
  });

  it('takes the optional fields (apiKeyName, allowedDomains, hasExpiry, expiryDays, appName)', async () => {
    const res = await api('POST', '/api/embed/onboard', {
      auth: false,
      headers: { 'X-Setup-Key': SETUP_KEY },
      json: {
        organizationName: 'Beta Ltd',
        firstName: 'Bea',
        lastName: 'Ta',
        email: 'bea@beta.test',
        apiKeyName: 'Production API Key',
        allowedDomains: ['beta.test', '*.beta.test'],
        hasExpiry: true,
        expiryDays: 90,
        appName: 'my-app',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.apiKey.name).toBe('Production API Key');
    expect(res.body.data.apiKey.allowedDomains).toEqual(['beta.test', '*.beta.test']);
    const days = (Date.parse(res.body.data.apiKey.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThan(91);
  });

  it('refuses a missing or wrong setup key with 401 and a missing field with 400', async () => {
    const body = { organizationName: 'X', firstName: 'A', lastName: 'B', email: 'x@x.test' };
    expectError(await api('POST', '/api/embed/onboard', { auth: false, json: body }), 401);
    expectError(await api('POST', '/api/embed/onboard', { auth: false, headers: { 'X-Setup-Key': 'nope-nope-nope' }, json: body }), 401);
    const missing = await api('POST', '/api/embed/onboard', { auth: false, headers: { 'X-Setup-Key': SETUP_KEY }, json: { organizationName: 'X', lastName: 'B', email: 'x@x.test' } });
    expectError(missing, 400);
    expect(missing.body.error).toMatch(/firstName/);
  });
});

describe('authentication', () => {
  it('GET /api/embed/verify with X-API-Key + X-User-Email answers the documented data', async () => {
    const res = await api('GET', '/api/embed/verify');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { valid: true, tenantId, apiKeyName: 'Acme Corp - Embed API Key', userEmail: OWNER, message: 'API key is valid' },
      error: null,
    });
  });

  it('accepts Authorization: Bearer and ?apiKey=&userEmail=&appName=', async () => {
    const bearer = await api('GET', '/api/embed/verify', { auth: false, headers: { Authorization: `Bearer ${key}`, 'X-User-Email': OWNER } });
    expect(bearer.status).toBe(200);
    expect(bearer.body.data.valid).toBe(true);
    const query = await api('GET', `/api/embed/verify?apiKey=${encodeURIComponent(key)}&userEmail=${encodeURIComponent(OWNER)}&appName=my-app`, { auth: false });
    expect(query.status).toBe(200);
    expect(query.body.data.userEmail).toBe(OWNER);
  });

  it('answers 401 without a key or with a bad one, 403 for a user outside the tenant', async () => {
    expectError(await api('GET', '/api/embed/verify', { auth: false, headers: { 'X-User-Email': OWNER } }), 401);
    expectError(await api('GET', '/api/embed/verify', { auth: false, headers: { 'X-API-Key': 'ext_wrong', 'X-User-Email': OWNER } }), 401);
    const outsider = await api('GET', '/api/embed/verify', { headers: { 'X-User-Email': 'bea@beta.test' } });
    expectError(outsider, 403);
    expect(outsider.body.error).toMatch(/not a member/);
    expectError(await api('GET', '/api/embed/verify', { headers: { 'X-User-Email': 'nobody@acme.test' } }), 403);
  });

  it("refuses an Origin outside the key's allowedDomains with 403", async () => {
    const created = await api('POST', '/api/embed/api-keys', { json: { name: 'Restricted', allowedDomains: ['app.acme.test'] } });
    const restricted = created.body.data.key as string;
    const ok = await api('GET', '/api/embed/verify', { headers: { 'X-API-Key': restricted, Origin: 'https://app.acme.test' } });
    expect(ok.status).toBe(200);
    expectError(await api('GET', '/api/embed/verify', { headers: { 'X-API-Key': restricted, Origin: 'https://evil.test' } }), 403);
    // docsift's own pages (the iframe itself) always may call it.
    const self = await api('GET', '/api/embed/verify', { headers: { 'X-API-Key': restricted, Origin: new URL(base).origin } });
    expect(self.status).toBe(200);
  });
});

const invoiceFields = [
  { id: '1', key: 'vendor_name', type: 'String', description: 'Vendor name' },
  { id: '2', key: 'total', type: 'String', description: 'Total amount' },
];

describe('documents (templates)', () => {
  let documentId: string;

  it('POST /api/embed/documents creates a template with every field type and children', async () => {
    const res = await api('POST', '/api/embed/documents', {
      json: {
        name: 'Invoice',
        description: 'Invoice document template',
        fields: [
          ...invoiceFields,
          { id: '3', key: 'amount_due', type: 'Number', description: 'Amount due' },
          { id: '4', key: 'paid', type: 'Boolean', description: 'Whether it is paid' },
          { id: '5', key: 'invoice_date', type: 'Date', description: 'Invoice date' },
          { id: '6', key: 'vendor', type: 'Object', description: 'Vendor', children: [{ key: 'address', type: 'String', description: 'Address' }] },
          { id: '7', key: 'tags', type: 'List<String>', description: 'Tags' },
          {
            id: '8',
            key: 'line_items',
            type: 'List<Object>',
            description: 'Line items',
            children: [
              { key: 'description', type: 'String', description: 'Item' },
              { key: 'amount', type: 'Number', description: 'Amount' },
            ],
          },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.error).toBeNull();
    const data = res.body.data;
    expect(data).toMatchObject({ _id: expect.any(String), name: 'Invoice', description: 'Invoice document template', createdAt: isoDate, updatedAt: isoDate });
    expect(data.fields.map((f: Json) => [f.key, f.type])).toEqual([
      ['vendor_name', 'String'],
      ['total', 'String'],
      ['amount_due', 'Number'],
      ['paid', 'Boolean'],
      ['invoice_date', 'Date'],
      ['vendor', 'Object'],
      ['tags', 'List<String>'],
      ['line_items', 'List<Object>'],
    ]);
    expect(data.fields[0].description).toBe('Vendor name');
    expect(data.fields[7].children.map((c: Json) => c.key)).toEqual(['description', 'amount']);
    documentId = data._id;
  });

  it('is the same object as the native parser', async () => {
    const res = await fetch(`${base}/v1/parsers/${documentId}`, { headers: { 'X-API-Key': key } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).parser.name).toBe('Invoice');
  });

  it('GET /api/embed/documents lists with pagination and search; GET /:id answers the template', async () => {
    await api('POST', '/api/embed/documents', { json: { name: 'Receipt', description: 'Till receipts', fields: [{ key: 'total', type: 'Number', description: 'Total' }] } });
    const list = await api('GET', '/api/embed/documents?page=1&limit=20');
    expect(list.status).toBe(200);
    expect(list.body.data.items.length).toBe(2);
    expect(list.body.data.items[0]).toMatchObject({ _id: expect.any(String), name: expect.any(String), fields: expect.any(Array), createdAt: isoDate });
    expect(list.body.data.pagination).toEqual({ page: 1, limit: 20, totalCount: 2, totalPages: 1, hasNextPage: false, hasPrevPage: false });
    const search = await api('GET', '/api/embed/documents?search=till');
    expect(search.body.data.items.map((d: Json) => d.name)).toEqual(['Receipt']);
    const paged = await api('GET', '/api/embed/documents?page=1&limit=1');
    expect(paged.body.data.pagination).toEqual({ page: 1, limit: 1, totalCount: 2, totalPages: 2, hasNextPage: true, hasPrevPage: false });
    const one = await api('GET', `/api/embed/documents/${documentId}`);
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({ id: documentId, name: 'Invoice', description: 'Invoice document template' });
    expect(one.body.data.fields[0]).toMatchObject({ key: 'vendor_name', type: 'String', description: 'Vendor name' });
  });

  it('PUT /api/embed/documents/:id updates; DELETE answers {deleted, id}; then 404', async () => {
    const put = await api('PUT', `/api/embed/documents/${documentId}`, {
      json: { name: 'Invoice (Updated)', description: 'Updated invoice template', fields: invoiceFields },
    });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ _id: documentId, name: 'Invoice (Updated)', description: 'Updated invoice template' });
    expect(put.body.data.fields).toHaveLength(2);
    const del = await api('DELETE', `/api/embed/documents/${documentId}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ data: { deleted: true, id: documentId }, error: null });
    expectError(await api('GET', `/api/embed/documents/${documentId}`), 404);
  });

  it('refuses an unknown field type or a missing key with 400', async () => {
    expectError(await api('POST', '/api/embed/documents', { json: { name: 'Bad', fields: [{ key: 'x', type: 'Currency', description: 'x' }] } }), 400);
    expectError(await api('POST', '/api/embed/documents', { json: { name: 'Bad', fields: [{ type: 'String', description: 'x' }] } }), 400);
    expectError(await api('POST', '/api/embed/documents', { json: { fields: invoiceFields } }), 400);
  });
});

describe('extractions', () => {
  let extractionId: string;
  let templateId: string;

  it('POST /api/embed/extract uploads a PDF and starts extraction', async () => {
    const tpl = await api('POST', '/api/embed/documents', { json: { name: 'Invoice', description: 'Invoices', fields: [{ key: 'invoice_number', type: 'String', description: 'Invoice number' }, { key: 'total_amount', type: 'Number', description: 'Total amount' }] } });
    templateId = tpl.body.data._id;
    const pdf = await makePdf([sampleInvoiceLines(1042)]);
    const res = await api('POST', '/api/embed/extract', {
      headers: { 'X-App-Name': 'my-app' },
      form: fileForm('document.pdf', pdf, 'application/pdf', { documentId: templateId }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.error).toBeNull();
    expect(res.body.data).toMatchObject({
      success: true,
      extractionId: expect.stringMatching(/^ext_/),
      fileName: 'document.pdf',
      fileType: 'application/pdf',
      fileUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1\/files\/fil_\w+\/content$/),
      message: 'File uploaded and extraction started',
    });
    expect(['uploaded', 'analyzing', 'analyzed', 'extracting', 'completed']).toContain(res.body.data.status);
    extractionId = res.body.data.extractionId;
  });

  it('GET /api/embed/extractions/:id follows the status flow to completed with extractedData', async () => {
    const seen = new Set<string>();
    const data = await waitForStatus(extractionId, (s) => (seen.add(s), s === 'completed' || s.includes('failed')));
    expect(data.status).toBe('completed');
    for (const s of seen) expect(['uploaded', 'analyzing', 'analyzed', 'extracting', 'completed']).toContain(s);
    expect(data).toMatchObject({
      id: extractionId,
      fileName: 'document.pdf',
      fileType: 'application/pdf',
      fileSize: expect.any(Number),
      fileUrl: expect.any(String),
      error: null,
      documentId: templateId,
      source: 'embed',
      appName: 'my-app',
      email: null,
      createdAt: isoDate,
      updatedAt: isoDate,
    });
    expect(data.extractedData.invoice_number).toBe('INV-1042');
    expect(typeof data.extractedData.total_amount).toBe('number');
    expect(data.document).toMatchObject({ id: templateId, name: 'Invoice', description: 'Invoices' });
    expect(data.document.fields.map((f: Json) => f.key)).toEqual(['invoice_number', 'total_amount']);
  });

  it('is the same extraction on /v1 (one document)', async () => {
    const res = await fetch(`${base}/v1/extractions/${extractionId}`, { headers: { 'X-API-Key': key } });
    const body = (await res.json()) as Json;
    expect(body.extraction.status).toBe('completed');
    expect(body.extraction.documents).toHaveLength(1);
    expect(body.extraction.metadata).toMatchObject({ source: 'embed', appName: 'my-app', userEmail: OWNER });
  });

  it('GET /api/embed/extractions lists with status, documentId and search filters and pagination', async () => {
    // A second extraction through /v1 (source "api"), and a text one.
    await fetch(`${base}/v1/extractions`, { method: 'POST', headers: { 'X-API-Key': key, 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'Receipt total 5.00' }) });
    const res = await api('GET', '/api/embed/extractions?page=1&limit=20&status=completed');
    expect(res.status).toBe(200);
    const item = res.body.data.items.find((i: Json) => i.id === extractionId);
    expect(item).toMatchObject({
      id: extractionId,
      fileName: 'document.pdf',
      fileType: 'application/pdf',
      fileSize: expect.any(Number),
      fileUrl: expect.any(String),
      status: 'completed',
      documentId: templateId,
      documentName: 'Invoice',
      source: 'embed',
      appName: 'my-app',
      createdAt: isoDate,
      updatedAt: isoDate,
    });
    expect(res.body.data.pagination).toMatchObject({ page: 1, limit: 20, totalCount: expect.any(Number), totalPages: expect.any(Number), hasNextPage: false, hasPrevPage: false });
    const byTemplate = await api('GET', `/api/embed/extractions?documentId=${templateId}`);
    expect(byTemplate.body.data.items.map((i: Json) => i.id)).toEqual([extractionId]);
    const bySearch = await api('GET', '/api/embed/extractions?search=DOCUMENT');
    expect(bySearch.body.data.items.map((i: Json) => i.id)).toEqual([extractionId]);
    const failed = await api('GET', '/api/embed/extractions?status=failed');
    expect(failed.body.data.items.map((i: Json) => i.id)).not.toContain(extractionId);
    const all = await api('GET', '/api/embed/extractions?limit=1');
    expect(all.body.data.pagination).toMatchObject({ page: 1, limit: 1, totalCount: 2, totalPages: 2, hasNextPage: true, hasPrevPage: false });
    expectError(await api('GET', '/api/embed/extractions?status=bogus'), 400);
  });

  it('runs an embed template from /v1 and lists that extraction here with source "api"', async () => {
    const res = await fetch(`${base}/v1/extractions`, {
      method: 'POST',
      headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Invoice number: INV-77\nTotal: 5.00', parser_id: templateId }),
    });
    expect(res.status).toBe(202);
    const nativeId = ((await res.json()) as Json).extraction.extraction_id as string;
    await waitForStatus(nativeId, (s) => s === 'completed' || s.includes('failed'));
    const listed = await api('GET', `/api/embed/extractions?documentId=${templateId}`);
    const item = listed.body.data.items.find((i: Json) => i.id === nativeId);
    expect(item).toMatchObject({ status: 'completed', documentId: templateId, documentName: 'Invoice', source: 'api', appName: null, fileType: 'text/plain' });
    await api('DELETE', `/api/embed/extractions/${nativeId}`);
  });

  it('retries only failed states: 400 for a completed extraction, success for an analysis failure', async () => {
    const refused = await api('POST', `/api/embed/extractions/${extractionId}/retry`);
    expectError(refused, 400);
    expect(refused.body.error).toMatch(/analysis failed, extraction failed or failed/);
    // A PDF that cannot be read fails in analysis.
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('not really a pdf at all '.repeat(20))]);
    const sent = await api('POST', '/api/embed/extract', { form: fileForm('broken.pdf', broken, 'application/pdf') });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const id = sent.body.data.extractionId as string;
    const failed = await waitForStatus(id, (s) => s === 'completed' || s.includes('failed'));
    expect(failed.status).toBe('analysis failed');
    expect(typeof failed.error).toBe('string');
    expect(failed.extractedData).toBeNull();
    const listed = await api('GET', '/api/embed/extractions?status=analysis%20failed');
    expect(listed.body.data.items.map((i: Json) => i.id)).toEqual([id]);
    const retry = await api('POST', `/api/embed/extractions/${id}/retry`);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ data: { success: true, extractionId: id, message: 'Extraction retry initiated' }, error: null });
    const again = await waitForStatus(id, (s) => s !== 'uploaded' && s !== 'analyzing');
    expect(['analysis failed', 'analyzed', 'extracting']).toContain(again.status);
  });

  it('refuses types /extract does not take (text, Word) and files over 10MB with 400', async () => {
    expectError(await api('POST', '/api/embed/extract', { form: fileForm('note.txt', Buffer.from('Invoice INV-1 total 10.00\n'), 'text/plain') }), 400);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const tooBig = await api('POST', '/api/embed/extract', { form: fileForm('big.pdf', big, 'application/pdf') });
    expectError(tooBig, 400);
    expect(tooBig.body.error).toMatch(/10MB/);
    expectError(await api('POST', '/api/embed/extract', { form: new FormData() }), 400);
  });

  it('DELETE /api/embed/extractions/:id answers {deleted, id}; then 404', async () => {
    const del = await api('DELETE', `/api/embed/extractions/${extractionId}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ data: { deleted: true, id: extractionId }, error: null });
    expectError(await api('GET', `/api/embed/extractions/${extractionId}`), 404);
    expectError(await api('DELETE', `/api/embed/extractions/${extractionId}`), 404);
  });
});

describe('files', () => {
  it('POST /api/embed/files uploads PDF, text and Word files without extraction', async () => {
    const pdf = await makePdf([['Hello']]);
    const res = await api('POST', '/api/embed/files', { headers: { 'X-App-Name': 'my-app' }, form: fileForm('document.pdf', pdf, 'application/pdf', { description: 'Invoice document' }) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      data: {
        id: expect.stringMatching(/^fil_/),
        fileName: 'document.pdf',
        fileType: 'application/pdf',
        fileSize: pdf.length,
        fileUrl: expect.stringContaining('/v1/files/'),
        status: 'uploaded',
        message: 'File uploaded successfully',
      },
      error: null,
    });
    const text = await api('POST', '/api/embed/files', { form: fileForm('notes.txt', Buffer.from('Some plain text notes\n'), 'text/plain') });
    expect(text.status).toBe(200);
    expect(text.body.data.fileType).toBe('text/plain');
    const docx = await makeDocx();
    const word = await api('POST', '/api/embed/files', { form: fileForm('letter.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') });
    expect(word.status, JSON.stringify(word.body)).toBe(200);
    expect(word.body.data.fileType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('GET /api/embed/files lists with pagination, search and fileType', async () => {
    const res = await api('GET', '/api/embed/files?page=1&limit=20');
    expect(res.status).toBe(200);
    const item = res.body.data.items.find((f: Json) => f.fileName === 'document.pdf');
    expect(item).toMatchObject({ id: expect.any(String), fileType: 'application/pdf', fileSize: expect.any(Number), fileUrl: expect.any(String), status: 'uploaded', createdAt: isoDate, updatedAt: isoDate });
    // What the upload recorded: the embed API as source, the X-App-Name header, the description field.
    expect(item).toMatchObject({ source: 'embed', appName: 'my-app', description: 'Invoice document' });
    expect(res.body.data.items.find((f: Json) => f.fileName === 'notes.txt')).toMatchObject({ source: 'embed', appName: null, description: null });
    expect(res.body.data.pagination).toMatchObject({ page: 1, limit: 20, hasPrevPage: false });
    const search = await api('GET', '/api/embed/files?search=notes');
    expect(search.body.data.items.map((f: Json) => f.fileName)).toEqual(['notes.txt']);
    const typed = await api('GET', '/api/embed/files?fileType=text/plain');
    expect(typed.body.data.items.every((f: Json) => f.fileType === 'text/plain')).toBe(true);
    // Files sent with extractions are files too (the /v1 text extraction above is one).
    expect(typed.body.data.items.map((f: Json) => f.fileName)).toContain('notes.txt');
    expect(typed.body.data.pagination.totalCount).toBe(typed.body.data.items.length);
  });
});

describe('files: source and appName per file', () => {
  it('a file sent with POST /api/embed/extract is recorded with the caller\'s appName; a /v1 upload shows source api', async () => {
    const pdf = await makePdf([sampleInvoiceLines(7007)]);
    const res = await api('POST', '/api/embed/extract?appName=query-app', { form: fileForm('receipt-scan.pdf', pdf, 'application/pdf') });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const listed = await api('GET', '/api/embed/files?search=receipt-scan');
    expect(listed.body.data.items).toHaveLength(1);
    expect(listed.body.data.items[0]).toMatchObject({ fileName: 'receipt-scan.pdf', source: 'embed', appName: 'query-app' });
    const extraction = await api('GET', `/api/embed/extractions/${res.body.data.extractionId}`);
    expect(extraction.body.data).toMatchObject({ source: 'embed', appName: 'query-app' });

    const native = await t.app.inject({
      method: 'POST',
      url: '/v1/files',
      headers: { 'x-api-key': key, 'content-type': 'multipart/form-data; boundary=b' },
      payload: Buffer.concat([
        Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="native-upload.txt"\r\nContent-Type: text/plain\r\n\r\n'),
        Buffer.from('Invoice INV-1 total 10.00\n'),
        Buffer.from('\r\n--b--\r\n'),
      ]),
    });
    expect(native.statusCode, native.body).toBeLessThan(300);
    const nativeListed = await api('GET', '/api/embed/files?search=native-upload');
    expect(nativeListed.body.data.items[0]).toMatchObject({ source: 'api', appName: null, description: null });
  });

  it('a request naming no app is recorded with the appName the key was onboarded with', async () => {
    const onboarded = await api('POST', '/api/embed/onboard', {
      auth: false,
      headers: { 'X-Setup-Key': SETUP_KEY },
      json: { organizationName: 'Tracked Ltd', firstName: 'Tia', lastName: 'Track', email: 'tia@tracked.test', appName: 'tracked-app' },
    });
    expect(onboarded.status).toBe(201);
    const headers = { 'X-API-Key': onboarded.body.data.apiKey.key, 'X-User-Email': 'tia@tracked.test' };
    const pdf = await makePdf([sampleInvoiceLines(8008)]);
    const plain = await api('POST', '/api/embed/files', { auth: false, headers, form: fileForm('plain.pdf', pdf, 'application/pdf') });
    expect(plain.status).toBe(200);
    const named = await api('POST', '/api/embed/files', { auth: false, headers: { ...headers, 'X-App-Name': 'explicit-app' }, form: fileForm('named.pdf', pdf, 'application/pdf') });
    expect(named.status).toBe(200);
    const extracted = await api('POST', '/api/embed/extract', { auth: false, headers, form: fileForm('extracted.pdf', pdf, 'application/pdf') });
    expect(extracted.status).toBe(200);
    const files = (await api('GET', '/api/embed/files', { auth: false, headers })).body.data.items as Json[];
    const byName = Object.fromEntries(files.map((f) => [f.fileName, f.appName]));
    expect(byName).toEqual({ 'plain.pdf': 'tracked-app', 'named.pdf': 'explicit-app', 'extracted.pdf': 'tracked-app' });
    const extraction = await api('GET', `/api/embed/extractions/${extracted.body.data.extractionId}`, { auth: false, headers });
    expect(extraction.body.data).toMatchObject({ source: 'embed', appName: 'tracked-app' });
  });

  it('refuses an overlong description and stores nothing', async () => {
    const before = (await api('GET', '/api/embed/files?limit=100')).body.data.pagination.totalCount;
    const res = await api('POST', '/api/embed/files', { form: fileForm('long.txt', Buffer.from('text\n'), 'text/plain', { description: 'x'.repeat(2001) }) });
    expectError(res, 400);
    expect((await api('GET', '/api/embed/files?limit=100')).body.data.pagination.totalCount).toBe(before);
  });
});

describe('errors: 400 for an invalid document or extraction ID format', () => {
  it('answers 400 for ids that are not docsift ids (e.g. the docs\' ObjectIds) and 404 for well-formed unknown ones', async () => {
    const objectId = '507f1f77bcf86cd799439011';
    for (const [method, path] of [
      ['GET', `/api/embed/extractions/${objectId}`],
      ['POST', `/api/embed/extractions/${objectId}/retry`],
      ['DELETE', `/api/embed/extractions/${objectId}`],
      ['GET', `/api/embed/documents/${objectId}`],
      ['DELETE', '/api/embed/documents/not-an-id'],
      ['GET', `/api/embed/extractions?documentId=${objectId}`],
    ] as const) {
      const res = await api(method, path);
      expectError(res, 400);
      expect(res.body.error, `${method} ${path}`).toMatch(/Invalid (extraction|document) ID format/);
    }
    expectError(await api('GET', '/api/embed/extractions/ext_aaaaaaaaaaaaaaaaaaaa'), 404);
    expectError(await api('GET', '/api/embed/documents/prs_aaaaaaaaaaaaaaaaaaaa'), 404);

    const before = (await api('GET', '/api/embed/extractions?limit=100')).body.data.pagination.totalCount;
    const pdf = await makePdf([sampleInvoiceLines(9009)]);
    const bad = await api('POST', '/api/embed/extract', { form: fileForm('bad-template.pdf', pdf, 'application/pdf', { documentId: objectId }) });
    expectError(bad, 400);
    expect(bad.body.error).toMatch(/Invalid document ID format/);
    expect((await api('GET', '/api/embed/extractions?limit=100')).body.data.pagination.totalCount).toBe(before);
  });
});

async function makeDocx(): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('webhooks', () => {
  let webhookId: string;

  it('POST /api/embed/webhooks creates (201) with scope all by default; GET lists an array', async () => {
    const res = await api('POST', '/api/embed/webhooks', { json: { name: 'My Webhook', url: 'https://example.com/webhook', scope: 'all', documentIds: [] } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.error).toBeNull();
    expect(res.body.data).toMatchObject({
      _id: expect.any(String),
      name: 'My Webhook',
      url: 'https://example.com/webhook',
      scope: 'all',
      documentIds: [],
      isActive: true,
      tenantId,
      createdAt: isoDate,
      updatedAt: isoDate,
    });
    webhookId = res.body.data._id;
    const list = await api('GET', '/api/embed/webhooks');
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body.data)).toBe(true);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ _id: webhookId, name: 'My Webhook', scope: 'all', isActive: true, tenantId });
    expect(list.body.data[0]).not.toHaveProperty('secret');
  });

  it('PUT /api/embed/webhooks/:id updates any field, scope selected needs documentIds', async () => {
    const tpl = await api('POST', '/api/embed/documents', { json: { name: 'Hooked', description: 'x', fields: [{ key: 'total', type: 'Number', description: 'Total' }] } });
    const docId = tpl.body.data._id;
    const res = await api('PUT', `/api/embed/webhooks/${webhookId}`, {
      json: { name: 'Updated Webhook', url: 'https://example.com/new-webhook', isActive: false, scope: 'selected', documentIds: [docId] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ _id: webhookId, name: 'Updated Webhook', url: 'https://example.com/new-webhook', isActive: false, scope: 'selected', documentIds: [docId] });
    expectError(await api('POST', '/api/embed/webhooks', { json: { name: 'No docs', url: 'https://example.com/x', scope: 'selected', documentIds: [] } }), 400);
    expectError(await api('POST', '/api/embed/webhooks', { json: { url: 'https://example.com/x' } }), 400);
    expectError(await api('POST', '/api/embed/webhooks', { json: { name: 'x', url: 'not a url' } }), 400);
  });

  it('DELETE /api/embed/webhooks/:id answers {message, deletedId}; then 404', async () => {
    const res = await api('DELETE', `/api/embed/webhooks/${webhookId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { message: 'Webhook deleted successfully', deletedId: webhookId }, error: null });
    expectError(await api('PUT', `/api/embed/webhooks/${webhookId}`, { json: { name: 'x' } }), 404);
  });
});

describe('api keys', () => {
  let stagingId: string;
  let stagingKey: string;

  it('POST /api/embed/api-keys returns the full key once (201); GET lists without it', async () => {
    const res = await api('POST', '/api/embed/api-keys', { json: { name: 'Staging Key', expiresAt: '2099-12-31T00:00:00Z', allowedDomains: ['staging.example.com'] } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({
      _id: expect.any(String),
      name: 'Staging Key',
      key: expect.any(String),
      isActive: true,
      expiresAt: '2099-12-31T00:00:00.000Z',
      allowedDomains: ['staging.example.com'],
      usageCount: 0,
      lastUsedAt: null,
      createdAt: isoDate,
      updatedAt: isoDate,
    });
    stagingId = res.body.data._id;
    stagingKey = res.body.data.key;
    const list = await api('GET', '/api/embed/api-keys');
    expect(list.status).toBe(200);
    const listed = list.body.data.find((k: Json) => k._id === stagingId);
    expect(listed).toMatchObject({ name: 'Staging Key', isActive: true, allowedDomains: ['staging.example.com'], usageCount: expect.any(Number) });
    expect(listed.key).not.toBe(stagingKey);
    expect(stagingKey.startsWith(listed.key.replace(/\.\.\.$/, ''))).toBe(true);
    expectError(await api('POST', '/api/embed/api-keys', { json: { name: 'Past', expiresAt: '2001-01-01T00:00:00Z' } }), 400);
    expectError(await api('POST', '/api/embed/api-keys', { json: {} }), 400);
  });

  it('PUT /api/embed/api-keys/:id updates; the key in use cannot be deactivated or deleted', async () => {
    const res = await api('PUT', `/api/embed/api-keys/${stagingId}`, {
      json: { name: 'Renamed Key', isActive: true, expiresAt: '2099-06-30T00:00:00Z', allowedDomains: ['example.com', '*.example.com'] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ _id: stagingId, name: 'Renamed Key', isActive: true, expiresAt: '2099-06-30T00:00:00.000Z', allowedDomains: ['example.com', '*.example.com'] });
    const self = (await api('GET', '/api/embed/api-keys')).body.data.find((k: Json) => k.name === 'Acme Corp - Embed API Key');
    expectError(await api('PUT', `/api/embed/api-keys/${self._id}`, { json: { isActive: false } }), 400);
    expectError(await api('DELETE', `/api/embed/api-keys/${self._id}`), 400);
    // Deactivated, the staging key stops working.
    await api('PUT', `/api/embed/api-keys/${stagingId}`, { json: { isActive: false } });
    expectError(await api('GET', '/api/embed/verify', { headers: { 'X-API-Key': stagingKey } }), 401);
  });

  it('DELETE /api/embed/api-keys/:id answers {message, deletedId}', async () => {
    const res = await api('DELETE', `/api/embed/api-keys/${stagingId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { message: 'API key deleted successfully', deletedId: stagingId }, error: null });
    expectError(await api('DELETE', `/api/embed/api-keys/${stagingId}`), 404);
  });
});

describe('tenants', () => {
  it('GET /api/embed/tenants/:id answers your own tenant; any other id is 404', async () => {
    const res = await api('GET', `/api/embed/tenants/${tenantId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { _id: tenantId, id: tenantId, name: 'Acme Corp', status: 'active', integrations: { microsoft: { accounts: [] } }, createdAt: isoDate, updatedAt: isoDate },
      error: null,
    });
    expectError(await api('GET', `/api/embed/tenants/${t.tenantId}`), 404);
  });
});

describe('users', () => {
  it('POST /api/embed/users creates a user (201) without X-User-Email', async () => {
    const res = await api('POST', '/api/embed/users', {
      auth: false,
      headers: { 'X-API-Key': key },
      json: { firstName: 'Jane', lastName: 'Smith', email: 'jane@acme.test', role: 'member' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({
      data: {
        message: 'User created successfully',
        user: { id: expect.any(String), firstName: 'Jane', lastName: 'Smith', email: 'jane@acme.test', role: 'member', createdAt: isoDate },
      },
      error: null,
    });
    // The new user can act through the API at once.
    expect((await api('GET', '/api/embed/verify', { headers: { 'X-User-Email': 'jane@acme.test' } })).status).toBe(200);
  });

  it('answers 200 "User added to tenant successfully" for a user known in another tenant, 409 for one already here', async () => {
    const added = await api('POST', '/api/embed/users', { auth: false, headers: { 'X-API-Key': key }, json: { firstName: 'Bea', lastName: 'Ta', email: 'bea@beta.test' } });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.data.message).toBe('User added to tenant successfully');
    expect(added.body.data.user).toMatchObject({ email: 'bea@beta.test', role: 'member' });
    const again = await api('POST', '/api/embed/users', { auth: false, headers: { 'X-API-Key': key }, json: { firstName: 'Jane', lastName: 'Smith', email: 'JANE@acme.test' } });
    expectError(again, 409);
    expect(again.body.error).toMatch(/already exists in this tenant/);
  });

  it('validates the body: 400 for a missing firstName or a bad email, roles owner/admin/member only', async () => {
    const headers = { 'X-API-Key': key };
    expectError(await api('POST', '/api/embed/users', { auth: false, headers, json: { lastName: 'X', email: 'x@acme.test' } }), 400);
    const bad = await api('POST', '/api/embed/users', { auth: false, headers, json: { firstName: 'X', lastName: 'Y', email: 'not-an-email' } });
    expectError(bad, 400);
    expect(bad.body.error).toMatch(/Invalid email format/);
    expectError(await api('POST', '/api/embed/users', { auth: false, headers, json: { firstName: 'X', lastName: 'Y', email: 'z@acme.test', role: 'boss' } }), 400);
    const admin = await api('POST', '/api/embed/users', { auth: false, headers, json: { firstName: 'Ad', lastName: 'Min', email: 'admin@acme.test', role: 'admin' } });
    expect(admin.status).toBe(201);
    expect(admin.body.data.user.role).toBe('admin');
  });

  it('GET /api/embed/users lists with pagination and search', async () => {
    const res = await api('GET', '/api/embed/users?page=1&limit=20', { headers: { 'X-User-Email': 'admin@acme.test' } });
    expect(res.status).toBe(200);
    expect(res.body.data.items.map((u: Json) => u.email)).toEqual([OWNER, 'jane@acme.test', 'bea@beta.test', 'admin@acme.test']);
    expect(res.body.data.items[1]).toEqual({ id: expect.any(String), firstName: 'Jane', lastName: 'Smith', email: 'jane@acme.test', role: 'member', createdAt: isoDate, updatedAt: isoDate });
    expect(res.body.data.pagination).toEqual({ page: 1, limit: 20, totalCount: 4, totalPages: 1, hasNextPage: false, hasPrevPage: false });
    const search = await api('GET', '/api/embed/users?search=smith');
    expect(search.body.data.items.map((u: Json) => u.email)).toEqual(['jane@acme.test']);
  });
});

describe('errors', () => {
  it('answers {data: null, error: "message"} for unknown routes and ids', async () => {
    expectError(await api('GET', '/api/embed/nope'), 404);
    expectError(await api('GET', '/api/embed/extractions/ext_doesnotexist'), 404);
    expectError(await api('POST', '/api/embed/documents', { json: { name: 'x', fields: 'vendor_name' } }), 400);
    const noDescription = await api('POST', '/api/embed/documents', { json: { name: 'x', fields: [{ key: 'a', type: 'String' }] } });
    expectError(noDescription, 400);
    expect(noDescription.body.error).toMatch(/fields\[0\]\.description/);
  });
});

describe('webhook deliveries (real receiver on 127.0.0.1)', () => {
  let receiver: Server;
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('sends a signed extraction.completed to scope all, and to scope selected only for its templates', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const tplA = (await api('POST', '/api/embed/documents', { json: { name: 'A', description: 'a', fields: [{ key: 'total_amount', type: 'Number', description: 'Total' }] } })).body.data._id;
    const tplB = (await api('POST', '/api/embed/documents', { json: { name: 'B', description: 'b', fields: [{ key: 'total_amount', type: 'Number', description: 'Total' }] } })).body.data._id;
    const all = await api('POST', '/api/embed/webhooks', { json: { name: 'All', url: `${url}?w=all` } });
    const selected = await api('POST', '/api/embed/webhooks', { json: { name: 'Only B', url: `${url}?w=b`, scope: 'selected', documentIds: [tplB] } });
    expect(all.status).toBe(201);
    expect(selected.status).toBe(201);
    const secrets: Record<string, string> = { all: all.body.data.secret, b: selected.body.data.secret };

    const pdf = await makePdf([sampleInvoiceLines(7)]);
    const sent = await api('POST', '/api/embed/extract', { headers: { 'X-App-Name': 'hooks' }, form: fileForm('hooked.pdf', pdf, 'application/pdf', { documentId: tplA }) });
    const id = sent.body.data.extractionId as string;
    await waitForStatus(id, (s) => s === 'completed');
    const deadline = Date.now() + 20_000;
    while (!received.some((r) => JSON.parse(r.body).data?.id === id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const mine = received.filter((r) => JSON.parse(r.body).data?.id === id);
    expect(mine).toHaveLength(1); // scope all only: the extraction ran template A
    const delivery = mine[0];
    const verified = verifyWebhookSignature({ header: delivery.headers['x-docsift-signature'], body: delivery.body, secret: secrets.all });
    expect(verified.ok).toBe(true);
    expect(verifyWebhookSignature({ header: delivery.headers['x-docsift-signature'], body: delivery.body, secret: secrets.b }).ok).toBe(false);
    const event = JSON.parse(delivery.body);
    expect(event).toMatchObject({ event: 'extraction.completed', timestamp: isoDate });
    expect(event.data).toMatchObject({ id, status: 'completed', fileName: 'hooked.pdf', documentId: tplA, documentName: 'A', source: 'embed', appName: 'hooks' });
    expect(typeof event.data.extractedData.total_amount).toBe('number');

    // Template B's extraction reaches both webhooks.
    const sentB = await api('POST', '/api/embed/extract', { form: fileForm('hooked-b.pdf', pdf, 'application/pdf', { documentId: tplB }) });
    const idB = sentB.body.data.extractionId as string;
    await waitForStatus(idB, (s) => s === 'completed');
    const deadlineB = Date.now() + 20_000;
    while (received.filter((r) => JSON.parse(r.body).data?.id === idB).length < 2 && Date.now() < deadlineB) await new Promise((r) => setTimeout(r, 50));
    expect(received.filter((r) => JSON.parse(r.body).data?.id === idB)).toHaveLength(2);
  });
});
