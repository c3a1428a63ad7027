import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-core.js';
import { makePdf, sampleInvoiceLines } from '../helpers/make-pdf.js';
import { multipartBody } from '../helpers/multipart-body.js';
import { waitForExtraction } from '../helpers/poll.js';
import { docx } from './bombs.js';

const SETUP_KEY = 'test-setup-key-0123456789';

describe('credits are not spent on work that was never done', () => {
  let t: TestApp;
  const auth = () => ({ 'x-api-key': t.apiKey });
  const balance = async () => (await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: auth() })).json().tenant.credits_balance as number;
  const submit = (content: Buffer, filename: string, contentType: string, fields: Record<string, string> = {}) => {
    const body = multipartBody([{ name: 'file', filename, content, contentType }, ...Object.entries(fields).map(([name, value]) => ({ name, value }))]);
    return t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { ...auth(), ...body.headers } });
  };
  const usageOf = async (documentId: string) =>
    (await t.app.inject({ method: 'GET', url: '/v1/usage/records', headers: auth() })).json().usage_records.filter((r: { document_id: string }) => r.document_id === documentId);

  beforeAll(async () => {
    t = await createTestApp();
    const set = await t.app.inject({ method: 'PUT', url: `/v1/admin/tenants/${t.tenantId}/credits`, headers: { 'x-setup-key': SETUP_KEY }, payload: { balance: 2000 } });
    expect(set.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('refuses a PDF over the page limit before debiting anything (it was charged 1,001 and failed)', async () => {
    const long = await makePdf(Array.from({ length: 1001 }, () => []));
    const res = await submit(long, 'long.pdf', 'application/pdf');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'PROCESSING_ERROR', details: { reason: 'TOO_MANY_PAGES' } });
    expect(res.json().error.message).toMatch(/1001 pages; the limit is 1000/);
    expect(await balance()).toBe(2000);
  });

  it('refunds documents that fail before a page is read, and the usage record says so', async () => {
    const failing = [
      await submit(Buffer.from('%PDF-1.7\nnot really a pdf\n%%EOF'), 'broken.pdf', 'application/pdf'),
      await submit(docx([], [], { repeat: '<w:p/>', bytes: 64 * 1024 * 1024 }), 'bomb.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      await submit(await makePdf([sampleInvoiceLines()]), 'ranged.pdf', 'application/pdf', { page_ranges: '5-9' }),
    ];
    for (const res of failing) {
      expect(res.statusCode).toBe(202);
      const extraction = await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id);
      expect(extraction.status).toBe('failed');
      const [record] = await usageOf(extraction.documents[0].document_id);
      expect(record).toMatchObject({ status: 'failed', credits: 0, refunded_credits: 1 });
    }
    expect(await balance()).toBe(2000);
  });

  it('still charges a document that was read', async () => {
    const res = await submit(await makePdf([sampleInvoiceLines(), ['page two']]), 'ok.pdf', 'application/pdf');
    const extraction = await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id);
    expect(extraction.status).toBe('completed');
    const [record] = await usageOf(extraction.documents[0].document_id);
    expect(record).toMatchObject({ credits: 2, refunded_credits: 0 });
    expect(await balance()).toBe(1998);
  });
});

describe('a document whose every try\'s worker died', () => {
  it('fails with PROCESSING_ERROR and is refunded, instead of staying processing forever', async () => {
    const t = await createTestApp({ startWorkers: false });
    try {
      const auth = { 'x-api-key': t.apiKey };
      await t.app.inject({ method: 'PUT', url: `/v1/admin/tenants/${t.tenantId}/credits`, headers: { 'x-setup-key': SETUP_KEY }, payload: { balance: 10 } });
      const body = multipartBody([{ name: 'file', filename: 'a.pdf', content: await makePdf([sampleInvoiceLines()]), contentType: 'application/pdf' }]);
      const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { ...auth, ...body.headers } });
      expect(res.statusCode).toBe(202);
      const extractionId = res.json().extraction.extraction_id as string;
      expect((await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: auth })).json().tenant.credits_balance).toBe(9);
      // As a worker SIGKILLed on the job's last try leaves it: the document processing, the job active
      // under a lease that ran out, its tries used up.
      await t.core.db.updateTable('documents').set({ status: 'processing' }).where('extraction_id', '=', extractionId).execute();
      await t.core.db
        .updateTable('jobs')
        .set((eb) => ({ state: 'active', attempts: eb.ref('max_attempts'), lease_owner: 'ghost:1', lease_until: new Date(Date.now() - 1000).toISOString() }))
        .execute();
      t.core.queue.start();
      const extraction = await waitForExtraction(t.app, t.apiKey, extractionId);
      expect(extraction.status).toBe('failed');
      expect(extraction.documents[0]).toMatchObject({ status: 'failed', error: { code: 'PROCESSING_ERROR' } });
      expect(extraction.documents[0].error.message).toMatch(/after 3 attempts: the worker running it stopped/);
      const records = (await t.app.inject({ method: 'GET', url: '/v1/usage/records', headers: auth })).json().usage_records;
      expect(records).toEqual([expect.objectContaining({ document_id: extraction.documents[0].document_id, credits: 0, refunded_credits: 1 })]);
      expect((await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: auth })).json().tenant.credits_balance).toBe(10);
    } finally {
      await t.close();
    }
  });
});
