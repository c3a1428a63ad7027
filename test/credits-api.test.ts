import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditsForDocument } from '../src/accounts/credits.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { createCore } from '../src/start/core.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { multipartBody } from './helpers/multipart-body.js';
import { createTestApp, sharedDatabaseEnv, type TestApp } from './helpers/test-core.js';

const SETUP_KEY = 'test-setup-key-0123456789';

describe('credits', () => {
  let t: TestApp;
  let threePages: Buffer;
  const auth = () => ({ 'x-api-key': t.apiKey });

  beforeAll(async () => {
    t = await createTestApp({ startWorkers: false });
    threePages = await makePdf([sampleInvoiceLines(), ['Page two'], ['Page three']]);
  });
  afterAll(() => t.close());

  const setBalance = (balance: unknown, headers: Record<string, string> = { 'x-setup-key': SETUP_KEY }, tenantId = t.tenantId) =>
    t.app.inject({ method: 'PUT', url: `/v1/admin/tenants/${tenantId}/credits`, headers, payload: { balance } });
  const balance = async () => (await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: auth() })).json().tenant.credits_balance;
  const submitPdf = (content: Buffer, fields: Array<{ name: string; value: string }> = []) => {
    const body = multipartBody([{ name: 'file', filename: 'doc.pdf', content, contentType: 'application/pdf' }, ...fields]);
    return t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { ...auth(), ...body.headers }, payload: body.payload });
  };
  const count = async (table: 'extractions' | 'documents' | 'files' | 'jobs' | 'credit_charges') =>
    Number((await t.core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const blobCount = () => {
    const root = path.join(t.dataDir, 'blobs');
    return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).filter((f) => fs.statSync(path.join(root, String(f))).isFile()).length : 0;
  };

  it('is unlimited (null) until the operator sets a balance, which GET /v1/tenant shows', async () => {
    expect(await balance()).toBeNull();
    const set = await setBalance(10);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().tenant).toMatchObject({ tenant_id: t.tenantId, credits_balance: 10 });
    expect(await balance()).toBe(10);
    const read = await t.app.inject({ method: 'GET', url: `/v1/admin/tenants/${t.tenantId}`, headers: { 'x-setup-key': SETUP_KEY } });
    expect(read.json().tenant.credits_balance).toBe(10);
    expect((await setBalance(null)).json().tenant.credits_balance).toBeNull();
    expect(await balance()).toBeNull();
  });

  it('validates the balance and the tenant', async () => {
    for (const bad of [-1, 1.5, 'lots', { n: 1 }]) {
      const res = await setBalance(bad);
      expect(res.statusCode, `balance ${JSON.stringify(bad)}`).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
    expect((await t.app.inject({ method: 'PUT', url: `/v1/admin/tenants/${t.tenantId}/credits`, headers: { 'x-setup-key': SETUP_KEY }, payload: {} })).statusCode).toBe(400);
    expect((await setBalance(5, undefined, 'ten_doesnotexist')).statusCode).toBe(404);
  });

  it('refuses API keys and wrong or missing setup keys on the admin route', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { 'x-setup-key': 'wrong-setup-key-000000000' },
      { 'x-api-key': t.apiKey },
      { authorization: `Bearer ${t.apiKey}` },
      { 'x-api-key': t.apiKey, 'x-setup-key': 'wrong-setup-key-000000000' },
    ];
    for (const headers of attempts) {
      const res = await setBalance(1_000_000, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
    }
    expect(await balance()).toBeNull();
  });

  it('charges 1 credit per page counted at submit, only the selected pages with page_ranges', async () => {
    await setBalance(10);
    const res = await submitPdf(threePages);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().extraction.documents[0].pages).toBe(3);
    expect(await balance()).toBe(7);
    expect((await submitPdf(threePages, [{ name: 'page_ranges', value: '2' }])).statusCode).toBe(202);
    expect(await balance()).toBe(6);
    // A file whose pages can't be counted costs 1.
    const broken = Buffer.from('%PDF-1.4\n this is not really a pdf \n%%EOF\n');
    expect((await submitPdf(broken)).statusCode).toBe(202);
    expect(await balance()).toBe(5);
  });

  it('answers 402 INSUFFICIENT_CREDITS before anything is queued or stored', async () => {
    await setBalance(2);
    const before = {
      extractions: await count('extractions'),
      documents: await count('documents'),
      files: await count('files'),
      jobs: await count('jobs'),
      charges: await count('credit_charges'),
      blobs: blobCount(),
    };
    const res = await submitPdf(threePages);
    expect(res.statusCode).toBe(402);
    expect(res.json().error).toMatchObject({ code: 'INSUFFICIENT_CREDITS', details: { needed: 3, balance: 2 } });
    expect(res.json().error.message).toMatch(/needs 3 credits; the balance is 2/);
    const after = {
      extractions: await count('extractions'),
      documents: await count('documents'),
      files: await count('files'),
      jobs: await count('jobs'),
      charges: await count('credit_charges'),
      blobs: blobCount(),
    };
    expect(after).toEqual(before);
    expect(await balance()).toBe(2);
  });

  it('never lets concurrent submits spend more than the balance', async () => {
    await setBalance(5);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload: { text: `Invoice INV-${i} total ${i}.00` } }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(5);
    expect(statuses.filter((s) => s === 402)).toHaveLength(7);
    expect(await balance()).toBe(0);
  });

  it('never overspends across two app instances on the same database either', async () => {
    await setBalance(4);
    const config = loadConfig({
      ...sharedDatabaseEnv(t),
      DOCSIFT_LOG_LEVEL: 'silent',
      DOCSIFT_WORKER_CONCURRENCY: '0',
      DOCSIFT_SUBMIT_LIMIT_PER_MINUTE: '100000',
    });
    const core = await createCore(config, { logger: pino({ level: 'silent' }) });
    const other = await buildApp(core, { logger: false });
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? other : t.app).inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload: { text: `Receipt ${i}` } }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort(), results.map((r) => r.body).join('\n')).toEqual([...Array(4).fill(202), ...Array(6).fill(402)]);
      expect(await balance()).toBe(0);
    } finally {
      await other.close();
      await core.close();
    }
  });
});

describe('creditsForDocument', () => {
  it('counts pages, selected pages, and 1 for an uncountable file', () => {
    expect(creditsForDocument(3, null)).toBe(3);
    expect(creditsForDocument(3, '1-2')).toBe(2);
    expect(creditsForDocument(3, '2-')).toBe(2);
    expect(creditsForDocument(3, '7-9')).toBe(1);
    expect(creditsForDocument(null, null)).toBe(1);
    expect(creditsForDocument(0, null)).toBe(1);
  });
});
