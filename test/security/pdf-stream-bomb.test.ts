import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPages, warmUpPipeline } from '../../src/extraction/pipeline.js';
import { makePdf } from '../helpers/make-pdf.js';
import { multipartBody } from '../helpers/multipart-body.js';
import { waitForExtraction } from '../helpers/poll.js';
import { createTestApp, type TestApp } from '../helpers/test-core.js';
import { flateBomb, pdfWithStream } from './bombs.js';
import { RESPONSIVE_MS, watchServer } from './responsiveness.js';

/** 1 GB of spaces as a page's content, FlateDecode applied twice: a PDF of a few KB. */
const BOMB_DECODED = 1024 * 1024 * 1024;

describe('a PDF whose compressed streams inflate to gigabytes', () => {
  let t: TestApp;
  let bomb: Buffer;
  beforeAll(async () => {
    bomb = pdfWithStream(await flateBomb(BOMB_DECODED, 2), ['FlateDecode', 'FlateDecode']);
    t = await createTestApp();
    await warmUpPipeline();
  }, 120_000);
  afterAll(() => t.close());

  it('is small', () => {
    expect(bomb.length).toBeLessThan(64 * 1024);
  });

  it('is refused as FILE_TOO_LARGE before pdfjs inflates it', async () => {
    await expect(countPages(bomb, 'application/pdf')).rejects.toMatchObject({ details: { reason: 'FILE_TOO_LARGE' } });
  });

  it('fails its document as FILE_TOO_LARGE while /healthz answers and memory stays flat; its page image is a 422; the next PDF is read', async () => {
    // One ordinary upload first: the first multipart request of a process loads and compiles what it uses.
    const warm = multipartBody([{ name: 'file', filename: 'warm.pdf', content: await makePdf([['Warm-up']]), contentType: 'application/pdf' }]);
    expect((await t.app.inject({ method: 'POST', url: '/v1/files', payload: warm.payload, headers: { 'x-api-key': t.apiKey, ...warm.headers } })).statusCode).toBe(201);
    await new Promise((r) => setTimeout(r, 300));
    const watch = watchServer(t.app);
    const body = multipartBody([{ name: 'file', filename: 'bomb.pdf', content: bomb, contentType: 'application/pdf' }]);
    const upload = await t.app.inject({ method: 'POST', url: '/v1/files', payload: body.payload, headers: { 'x-api-key': t.apiKey, ...body.headers } });
    expect(upload.statusCode, upload.body).toBe(201);
    const fileId = upload.json().file.file_id as string;
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: { file_ids: [fileId] }, headers: { 'x-api-key': t.apiKey } });
    expect(res.statusCode, res.body).toBe(202);
    const done = await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id, 90_000);
    const image = await t.app.inject({ method: 'GET', url: `/v1/files/${fileId}/pages/1.png`, headers: { 'x-api-key': t.apiKey } });
    const health = await watch.stop();
    expect(done.status).toBe('failed');
    expect(done.documents[0].error).toMatchObject({ reason: 'FILE_TOO_LARGE' });
    expect(image.statusCode).toBe(422);
    expect(image.json().error).toMatchObject({ details: { reason: 'FILE_TOO_LARGE' } });
    expect(health.slowestMs).toBeLessThan(RESPONSIVE_MS);
    // pdfjs held the gigabyte it inflated (and grew its buffer by doubling) before.
    expect(health.rssGrowthMb).toBeLessThan(200);

    const ok = multipartBody([{ name: 'file', filename: 'ok.pdf', content: await makePdf([['Invoice number: INV-5', 'Total: 9.00 EUR']]), contentType: 'application/pdf' }]);
    const next = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: ok.payload, headers: { 'x-api-key': t.apiKey, ...ok.headers } });
    expect((await waitForExtraction(t.app, t.apiKey, next.json().extraction.extraction_id)).status).toBe('completed');
  }, 180_000);
});
