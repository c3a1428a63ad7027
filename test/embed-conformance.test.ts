import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../src/webhooks/signature.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

/**
 * Walks embed-extractor-api.txt: each curl example as a request over real HTTP (fetch against the
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
  });
});
