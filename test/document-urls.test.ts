import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { waitForExtraction } from './helpers/poll.js';

describe('documents by URL', () => {
  let pdf: Buffer;
  let server: http.Server;
  let base: string;
  const hits: string[] = [];

  beforeAll(async () => {
    pdf = await makePdf([sampleInvoiceLines()]);
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/files/invoice.pdf') return res.end(pdf);
      if (req.url === '/moved') return res.writeHead(302, { location: '/files/invoice.pdf' }).end();
      if (req.url === '/big') return res.end(Buffer.alloc(200 * 1024, 0x61));
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('downloads a document named by URL and extracts it', async () => {
    const t = await createTestApp();
    try {
      const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { 'x-api-key': t.apiKey }, payload: { urls: [`${base}/files/invoice.pdf`] } });
      expect(res.statusCode).toBe(202);
      expect(res.json().extraction.documents[0]).toMatchObject({ filename: 'invoice.pdf', pages: 1 });
      expect((await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id)).status).toBe('completed');

      const redirect = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { 'x-api-key': t.apiKey }, payload: { urls: [`${base}/moved`] } });
      expect(redirect.statusCode).toBe(400);
      expect(redirect.json().error.details.urls[0]).toMatch(/redirect/);
      const missing = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { 'x-api-key': t.apiKey }, payload: { urls: [`${base}/nothing`] } });
      expect(missing.statusCode).toBe(400);
    } finally {
      await t.close();
    }
  });

  it('refuses private addresses for documents and webhooks unless allowed, without contacting them', async () => {
    const t = await createTestApp({ env: { DOCSIFT_ALLOW_PRIVATE_NETWORK: 'false', DOCSIFT_MAX_UPLOAD_MB: '0.1' } });
    try {
      const before = hits.length;
      const doc = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { 'x-api-key': t.apiKey }, payload: { urls: [`${base}/files/invoice.pdf`] } });
      expect(doc.statusCode).toBe(400);
      expect(doc.json().error.details).toHaveProperty('urls');
      for (const target of ['http://127.0.0.1:9/hook', 'http://10.0.0.7/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x']) {
        const hook = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { 'x-api-key': t.apiKey }, payload: { text: 'x', webhook_url: target } });
        expect(hook.statusCode, target).toBe(400);
        expect(hook.json().error.details).toHaveProperty('webhook_url');
      }
      expect(hits.length).toBe(before);
      const list = await t.app.inject({ method: 'GET', url: '/v1/extractions', headers: { 'x-api-key': t.apiKey } });
      expect(list.json().pagination.total).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('applies the upload size limit to downloads', async () => {
    const t = await createTestApp({ env: { DOCSIFT_MAX_UPLOAD_MB: '0.1' } });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { 'x-api-key': t.apiKey }, payload: { urls: [`${base}/big`] } });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('FILE_TOO_LARGE');
    } finally {
      await t.close();
    }
  });
});
