import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { multipartBody } from './helpers/multipart-body.js';
import { waitForExtraction } from './helpers/poll.js';

describe('batches and parser versions', () => {
  let t: TestApp;
  const h = () => ({ 'x-api-key': t.apiKey });
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('retries a single failed document of a partial batch', async () => {
    const pdf = await makePdf([sampleInvoiceLines()]);
    const corrupt = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(500, 0x20)]);
    const body = multipartBody([
      { name: 'file', filename: 'good.pdf', content: pdf },
      { name: 'file', filename: 'bad.pdf', content: corrupt },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { ...h(), ...body.headers } });
    const id = res.json().extraction.extraction_id;
    const done = await waitForExtraction(t.app, t.apiKey, id);
    expect(done.status).toBe('partial');
    const [good, bad] = done.documents;

    const notFailed = await t.app.inject({ method: 'POST', url: `/v1/extractions/${id}/documents/${good.document_id}/retry`, headers: h() });
    expect(notFailed.statusCode).toBe(409);

    const retry = await t.app.inject({ method: 'POST', url: `/v1/extractions/${id}/documents/${bad.document_id}/retry`, headers: h() });
    expect(retry.statusCode).toBe(202);
    // Queued again; on Postgres a worker woken by the new job's notification can already hold it when
    // the response reads the extraction back. attempts: 2 below proves it ran again.
    expect(['queued', 'processing']).toContain(retry.json().extraction.documents[1].status);
    expect(retry.json().extraction.documents[0].status).toBe('completed');
    const again = await waitForExtraction(t.app, t.apiKey, id);
    expect(again.status).toBe('partial');
    const doc = await t.app.inject({ method: 'GET', url: `/v1/extractions/${id}/documents/${bad.document_id}`, headers: h() });
    expect(doc.json().document).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('runs pin a published parser version, and the result records which one', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/parsers',
      headers: h(),
      payload: { name: 'POs', description: 'purchase orders', fields: [{ name: 'po_number', type: 'String', description: 'PO number' }] },
    });
    expect(created.statusCode).toBe(201);
    const parserId = created.json().parser.parser_id;
    expect((await t.app.inject({ method: 'POST', url: `/v1/parsers/${parserId}/versions`, headers: h(), payload: {} })).statusCode).toBe(201);
    // Edit the draft after publishing: runs that pin version 1 keep its definition.
    const edited = await t.app.inject({
      method: 'PUT',
      url: `/v1/parsers/${parserId}`,
      headers: h(),
      payload: { fields: [{ name: 'po_number', type: 'String', description: 'PO number' }, { name: 'buyer', type: 'String', description: 'Buyer' }] },
    });
    expect(edited.statusCode).toBe(200);

    const run = async (payload: Record<string, unknown>) => {
      const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: h(), payload: { text: 'PO number: PO-991\nBuyer: Ada', parser_id: parserId, ...payload } });
      expect(res.statusCode).toBe(202);
      const done = await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id);
      const doc = await t.app.inject({ method: 'GET', url: `/v1/extractions/${done.extraction_id}/documents/${done.documents[0].document_id}`, headers: h() });
      return { extraction: done, document: doc.json().document };
    };

    const pinned = await run({ parser_version: 1 });
    expect(pinned.extraction.parser_version).toBe(1);
    expect(pinned.document.parser).toEqual({ parser_id: parserId, version: 1, version_label: '1.0' });

    const latest = await run({});
    expect(latest.document.parser).toMatchObject({ parser_id: parserId, version: 1 });

    const draft = await run({ parser_version: 'draft' });
    expect(draft.document.parser).toEqual({ parser_id: parserId, version: null, version_label: 'draft' });

    const missing = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: h(), payload: { text: 'x', parser_id: parserId, parser_version: 7 } });
    expect(missing.statusCode).toBe(404);
  });

  it('accepts up to 100 documents in one extraction and refuses more', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ name: 'file', filename: `n${i}.txt`, content: Buffer.from(`Note ${i}\n`) }));
    const over = multipartBody(many);
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: over.payload, headers: { ...h(), ...over.headers } });
    expect(res.statusCode).toBe(400);
    const ok = multipartBody(many.slice(0, 100));
    const accepted = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: ok.payload, headers: { ...h(), ...ok.headers } });
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json().extraction.documents).toHaveLength(100);
    const done = await waitForExtraction(t.app, t.apiKey, accepted.json().extraction.extraction_id, 60_000);
    expect(done.document_counts).toMatchObject({ total: 100, completed: 100 });
  });
});
