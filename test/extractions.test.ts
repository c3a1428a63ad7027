import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { multipartBody } from './helpers/multipart-body.js';
import { waitForExtraction } from './helpers/poll.js';

describe('native extractions API', () => {
  let t: TestApp;
  let pdf: Buffer;
  const auth = () => ({ 'x-api-key': t.apiKey });

  beforeAll(async () => {
    t = await createTestApp();
    pdf = await makePdf([sampleInvoiceLines(), ['Page two', 'Payment terms: 30 days']]);
  });
  afterAll(() => t.close());

  const submit = async (parts: Parameters<typeof multipartBody>[0]) => {
    const body = multipartBody(parts);
    return t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { ...auth(), ...body.headers } });
  };

  it('accepts a multipart PDF, runs it through the queue and returns its text-derived result', async () => {
    const res = await submit([
      { name: 'file', filename: 'invoice.pdf', content: pdf, contentType: 'application/pdf' },
      { name: 'metadata', value: JSON.stringify({ customer: 'c-42' }) },
      { name: 'priority', value: '10' },
    ]);
    expect(res.statusCode).toBe(202);
    const { extraction } = res.json();
    expect(extraction.extraction_id).toMatch(/^ext_/);
    expect(extraction.status).toBe('queued');
    expect(extraction.priority).toBe(10);
    expect(extraction.metadata).toEqual({ customer: 'c-42' });
    expect(extraction.documents).toHaveLength(1);
    expect(extraction.documents[0]).toMatchObject({ filename: 'invoice.pdf', status: 'queued', pages: 2 });

    const done = await waitForExtraction(t.app, t.apiKey, extraction.extraction_id);
    expect(done.status).toBe('completed');
    expect(done.document_counts).toMatchObject({ total: 1, completed: 1 });

    const results = await t.app.inject({ method: 'GET', url: `/v1/extractions/${extraction.extraction_id}/results`, headers: auth() });
    expect(results.statusCode).toBe(200);
    const [doc] = results.json().documents;
    expect(doc.status).toBe('completed');
    expect(doc.pages).toBe(2);
    expect(doc.error).toBeNull();

    const one = await t.app.inject({
      method: 'GET',
      url: `/v1/extractions/${extraction.extraction_id}/documents/${doc.document_id}`,
      headers: auth(),
    });
    expect(one.statusCode).toBe(200);
    expect(one.json().document.document_id).toBe(doc.document_id);
  });

  it('takes several files in one extraction and decides formats from bytes, not names', async () => {
    const png = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const res = await submit([
      { name: 'files', filename: 'a.pdf', content: pdf },
      // A PNG named .pdf and sent as application/pdf: still handled as the PNG it is.
      { name: 'files', filename: 'scan.pdf', content: png, contentType: 'application/pdf' },
      { name: 'files', filename: '../../etc/notes.txt', content: Buffer.from('Receipt\nTotal 12.50 EUR\n') },
    ]);
    expect(res.statusCode).toBe(202);
    const docs = res.json().extraction.documents;
    expect(docs.map((d: { filename: string }) => d.filename)).toEqual(['a.pdf', 'scan.pdf', 'notes.txt']);
    const done = await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id, 60_000);
    expect(done.document_counts.total).toBe(3);
    expect(['completed', 'partial']).toContain(done.status);
    expect(done.documents[0].status).toBe('completed');
    expect(done.documents[2].status).toBe('completed');
  });

  it('accepts JSON with text or with file ids from POST /v1/files', async () => {
    const up = multipartBody([{ name: 'file', filename: 'stored.pdf', content: pdf }]);
    const file = await t.app.inject({ method: 'POST', url: '/v1/files', payload: up.payload, headers: { ...auth(), ...up.headers } });
    expect(file.statusCode).toBe(201);
    const fileId = file.json().file.file_id;
    expect(file.json().file).toMatchObject({ filename: 'stored.pdf', media_type: 'application/pdf', pages: 2, size: pdf.length });

    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/extractions',
      headers: auth(),
      payload: { file_ids: [fileId], detection_type: 'invoice', custom_fields: ['po_number'] },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json().extraction.detection_type).toBe('invoice');
    expect(res.json().extraction.custom_fields).toEqual(['po_number']);
    expect((await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id)).status).toBe('completed');

    const text = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload: { text: 'Invoice INV-7\nTotal 120.00 EUR' } });
    expect(text.statusCode).toBe(202);
    const done = await waitForExtraction(t.app, t.apiKey, text.json().extraction.extraction_id);
    expect(done.status).toBe('completed');

    const content = await t.app.inject({ method: 'GET', url: `/v1/files/${fileId}/content`, headers: auth() });
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(content.rawPayload.equals(pdf)).toBe(true);
  });

  it('fails only the corrupt document of a batch, with a clear error', async () => {
    const corrupt = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]);
    const res = await submit([
      { name: 'file', filename: 'good.pdf', content: pdf },
      { name: 'file', filename: 'broken.pdf', content: corrupt },
    ]);
    expect(res.statusCode).toBe(202);
    const done = await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id);
    expect(done.status).toBe('partial');
    const broken = done.documents.find((d: { filename: string }) => d.filename === 'broken.pdf');
    expect(broken.status).toBe('failed');
    expect(broken.error.code).toBe('PROCESSING_ERROR');
    expect(broken.error.message.length).toBeGreaterThan(10);
    expect(done.documents.find((d: { filename: string }) => d.filename === 'good.pdf').status).toBe('completed');
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  });

  it('keeps why a document failed: error.reason in the status, results, document, list and CSV export', async () => {
    const encrypted = await makePdf([sampleInvoiceLines()], { userPassword: 'secret' });
    const corrupt = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]);
    const noPages = await makePdf([]);
    const res = await submit([
      { name: 'file', filename: 'locked.pdf', content: encrypted },
      { name: 'file', filename: 'unreadable.pdf', content: corrupt },
      { name: 'file', filename: 'blank.pdf', content: noPages },
      { name: 'file', filename: 'good.pdf', content: pdf },
    ]);
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().extraction.extraction_id as string;
    const expected: Record<string, string | null> = { 'locked.pdf': 'FILE_ENCRYPTED', 'unreadable.pdf': 'FILE_CORRUPT', 'blank.pdf': 'NO_PAGES', 'good.pdf': null };
    const reasons = (docs: Array<{ filename: string; error: { code: string; reason: string | null } | null }>) =>
      Object.fromEntries(docs.map((d) => [d.filename, d.error?.reason ?? null]));

    const done = await waitForExtraction(t.app, t.apiKey, id);
    expect(done.status).toBe('partial');
    const results = await t.app.inject({ method: 'GET', url: `/v1/extractions/${id}/results`, headers: auth() });
    expect(reasons(results.json().documents)).toEqual(expected);
    const locked = results.json().documents.find((d: { filename: string }) => d.filename === 'locked.pdf');
    expect(locked.error).toEqual({ code: 'PROCESSING_ERROR', message: expect.stringMatching(/encrypted/), reason: 'FILE_ENCRYPTED' });
    const one = await t.app.inject({ method: 'GET', url: `/v1/extractions/${id}/documents/${locked.document_id}`, headers: auth() });
    expect(one.json().document.error.reason).toBe('FILE_ENCRYPTED');
    const list = await t.app.inject({ method: 'GET', url: '/v1/extractions?per_page=100', headers: auth() });
    expect(reasons(list.json().extractions.find((e: { extraction_id: string }) => e.extraction_id === id).documents)).toEqual(expected);
    const csv = await t.app.inject({ method: 'GET', url: `/v1/extractions/${id}/export?format=csv`, headers: auth() });
    expect(csv.body).toMatch(/blank\.pdf,failed,,PROCESSING_ERROR,[^\n]*,NO_PAGES/);

    // A page range that selects no page of the file is the request's fault, said as precisely.
    const ranged = await submit([{ name: 'file', filename: 'two.pdf', content: pdf }, { name: 'page_ranges', value: '5-6' }]);
    expect(ranged.statusCode, ranged.body).toBe(202);
    const rangedDone = await waitForExtraction(t.app, t.apiKey, ranged.json().extraction.extraction_id);
    const rangedResults = await t.app.inject({ method: 'GET', url: `/v1/extractions/${rangedDone.extraction_id}/results`, headers: auth() });
    expect(rangedResults.json().documents[0].error).toMatchObject({ code: 'PROCESSING_ERROR', reason: 'INVALID_PAGE_RANGE' });

    // The status poll (GET /v1/extractions/:id) shows the same reasons.
    expect(reasons(done.documents)).toEqual(expected);
    expect(rangedDone.documents[0].error).toMatchObject({ code: 'PROCESSING_ERROR', reason: 'INVALID_PAGE_RANGE' });

    // Retried, a failed document shows no error while it is queued again.
    const again = await t.app.inject({ method: 'POST', url: `/v1/extractions/${rangedDone.extraction_id}/retry`, headers: auth() });
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json().extraction.documents[0].error).toBeNull();
  });

  it('rejects unsupported formats with 415 and stores nothing', async () => {
    const before = fs.readdirSync(path.join(t.dataDir, 'blobs'), { recursive: true }).length;
    const zip = Buffer.from('504b0304140000000000', 'hex');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(100, 0)]);
    for (const [content, name] of [[elf, 'invoice.pdf'], [zip, 'x.zip'], [Buffer.alloc(0), 'empty.pdf']] as const) {
      const res = await submit([{ name: 'file', filename: 'ok.pdf', content: pdf }, { name: 'file', filename: name, content }]);
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_FORMAT');
      expect(res.json().error.message).toContain(name);
    }
    expect(fs.readdirSync(path.join(t.dataDir, 'blobs'), { recursive: true }).length).toBe(before);
  });

  it('answers 400 VALIDATION_ERROR with per-field details for bad input', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/extractions',
      headers: auth(),
      payload: { text: 'x', detection_type: 'passport', priority: 500, page_ranges: 'one-two' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(bad.json().error.details).join(' ')).toMatch(/priority/);

    const semantic = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload: { text: 'x', detection_type: 'passport', page_ranges: '3-1' } });
    expect(semantic.statusCode).toBe(400);
    expect(semantic.json().error.details).toHaveProperty('detection_type');
    expect(semantic.json().error.details).toHaveProperty('page_ranges');

    const big = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload: { text: 'x', metadata: { blob: 'y'.repeat(11_000) } } });
    expect(big.statusCode).toBe(400);
    expect(big.json().error.details).toHaveProperty('metadata');

    const reserved = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload: { text: 'x', metadata: { _extraly: { webhook_url: 'https://x.test' } } } });
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json().error.details.metadata[0]).toMatch(/reserved/);

    const none = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload: {} });
    expect(none.statusCode).toBe(400);

    const malformed = await t.app.inject({
      method: 'POST',
      url: '/v1/extractions',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: '{"text": "x",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_ERROR');

    const brokenMultipart = await t.app.inject({
      method: 'POST',
      url: '/v1/extractions',
      headers: { ...auth(), 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nunterminated',
    });
    expect(brokenMultipart.statusCode).toBe(400);

    const unknownFile = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload: { file_ids: ['fil_doesnotexist'] } });
    expect(unknownFile.statusCode).toBe(400);
    expect(unknownFile.json().error.details).toHaveProperty('file_ids');
  });

  it('lists with pagination, filters and sort', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/v1/extractions?per_page=2&page=1', headers: auth() });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.extractions).toHaveLength(2);
    expect(body.pagination.total).toBeGreaterThanOrEqual(5);
    expect(body.pagination.total_pages).toBe(Math.ceil(body.pagination.total / 2));
    const created = body.extractions.map((e: { created_at: string }) => e.created_at);
    expect([...created].sort().reverse()).toEqual(created);

    const partial = await t.app.inject({ method: 'GET', url: '/v1/extractions?status=partial', headers: auth() });
    expect(partial.json().extractions.every((e: { status: string }) => e.status === 'partial')).toBe(true);
    expect(partial.json().extractions.length).toBeGreaterThanOrEqual(1);

    const byName = await t.app.inject({ method: 'GET', url: '/v1/extractions?filename=BROKEN', headers: auth() });
    expect(byName.json().extractions).toHaveLength(1);

    const invoices = await t.app.inject({ method: 'GET', url: '/v1/extractions?detection_type=invoice&sort=created_at&order=asc', headers: auth() });
    expect(invoices.json().extractions.every((e: { detection_type: string }) => e.detection_type === 'invoice')).toBe(true);

    const future = await t.app.inject({ method: 'GET', url: '/v1/extractions?created_after=2999-01-01', headers: auth() });
    expect(future.json().pagination.total).toBe(0);

    const tooMany = await t.app.inject({ method: 'GET', url: '/v1/extractions?per_page=101', headers: auth() });
    expect(tooMany.statusCode).toBe(400);
  });

  it('cancels queued documents, retries failed ones and deletes everything of an extraction', async () => {
    const paused = await createTestApp({ startWorkers: false });
    try {
      const h = { 'x-api-key': paused.apiKey };
      const body = multipartBody([{ name: 'file', filename: 'a.pdf', content: pdf }]);
      const res = await paused.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { ...h, ...body.headers } });
      const id = res.json().extraction.extraction_id;
      const cancel = await paused.app.inject({ method: 'POST', url: `/v1/extractions/${id}/cancel`, headers: h });
      expect(cancel.statusCode).toBe(200);
      expect(cancel.json().extraction.status).toBe('cancelled');
      expect((await paused.core.queue.stats()).queued).toBe(0);
      const again = await paused.app.inject({ method: 'POST', url: `/v1/extractions/${id}/cancel`, headers: h });
      expect(again.statusCode).toBe(409);

      const retry = await paused.app.inject({ method: 'POST', url: `/v1/extractions/${id}/retry`, headers: h });
      expect(retry.statusCode).toBe(202);
      expect(retry.json().extraction.status).toBe('queued');
      paused.core.queue.start();
      expect((await waitForExtraction(paused.app, paused.apiKey, id)).status).toBe('completed');

      const blobsBefore = fs.readdirSync(path.join(paused.dataDir, 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
      const del = await paused.app.inject({ method: 'DELETE', url: `/v1/extractions/${id}`, headers: h });
      expect(del.statusCode).toBe(200);
      const blobsAfter = fs.readdirSync(path.join(paused.dataDir, 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
      expect(blobsAfter).toBe(blobsBefore - 1);
      expect((await paused.app.inject({ method: 'GET', url: `/v1/extractions/${id}`, headers: h })).statusCode).toBe(404);
      expect(await paused.core.db.selectFrom('documents').select('id').where('extraction_id', '=', id).execute()).toHaveLength(0);
    } finally {
      await paused.close();
    }
  });
});

describe('upload limits', () => {
  it('answers 413 FILE_TOO_LARGE past DOCSIFT_MAX_UPLOAD_MB', async () => {
    const t = await createTestApp({ env: { DOCSIFT_MAX_UPLOAD_MB: '0.05' } });
    try {
      const body = multipartBody([{ name: 'file', filename: 'big.txt', content: Buffer.alloc(80 * 1024, 0x61) }]);
      const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { 'x-api-key': t.apiKey, ...body.headers } });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('FILE_TOO_LARGE');
      const list = await t.app.inject({ method: 'GET', url: '/v1/extractions', headers: { 'x-api-key': t.apiKey } });
      expect(list.json().pagination.total).toBe(0);
    } finally {
      await t.close();
    }
  });
});
