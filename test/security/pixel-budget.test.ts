import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-core.js';
import { multipartBody } from '../helpers/multipart-body.js';
import { waitForExtraction } from '../helpers/poll.js';
import { pdfWithPageSize } from './bombs.js';
import { RESPONSIVE_MS, watchServer } from './responsiveness.js';

/** A small budget keeps the test quick; the rule is the same at the default 40 M. */
const MAX_PIXELS = 4_000_000;

describe('page rasters stay within DOCSIFT_MAX_PIXELS', () => {
  let t: TestApp;
  const auth = () => ({ 'x-api-key': t.apiKey });
  beforeAll(async () => {
    t = await createTestApp({ env: { DOCSIFT_MAX_PIXELS: String(MAX_PIXELS) } });
  });
  afterAll(() => t.close());

  async function upload(content: Buffer, filename: string, contentType: string): Promise<string> {
    const body = multipartBody([{ name: 'file', filename, content, contentType }]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/files', payload: body.payload, headers: { ...auth(), ...body.headers } });
    expect(res.statusCode).toBe(201);
    return res.json().file.file_id ?? res.json().file.id;
  }

  const pageImage = (id: string) => t.app.inject({ method: 'GET', url: `/v1/files/${id}/pages/1.png`, headers: auth() });

  it('draws the largest page the PDF spec allows (14,400 pt, a 500 before) scaled down to the budget', async () => {
    const id = await upload(await pdfWithPageSize(14_400, 14_400), 'huge.pdf', 'application/pdf');
    const res = await pageImage(id);
    expect(res.statusCode).toBe(200);
    const meta = await sharp(res.rawPayload).metadata();
    expect(meta.width! * meta.height!).toBeLessThanOrEqual(MAX_PIXELS);
    expect(meta.width).toBeGreaterThan(1500);
  });

  it('serves four parallel renders of a 7,000 pt page within a memory budget, /healthz answering', async () => {
    const id = await upload(await pdfWithPageSize(7_000, 7_000), 'big.pdf', 'application/pdf');
    const watch = watchServer(t.app);
    const all = await Promise.all([1, 2, 3, 4].map(() => pageImage(id)));
    const health = await watch.stop();
    expect(all.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    // Each render at 2× was 196 MP (784 MB of canvas); at the budget it is 16 MB.
    expect(health.rssGrowthMb).toBeLessThan(400);
    expect(health.slowestMs).toBeLessThan(RESPONSIVE_MS);
  });

  it('refuses a page no budget can draw with 422 PAGE_TOO_LARGE, and fails its extraction with that reason', async () => {
    const absurd = await pdfWithPageSize(2_000_000, 2_000_000);
    const id = await upload(absurd, 'absurd.pdf', 'application/pdf');
    const res = await pageImage(id);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'PROCESSING_ERROR', details: { reason: 'PAGE_TOO_LARGE' } });

    // No text on it: the pipeline renders it for OCR, in the render worker, under the same budget.
    const blank = await pdfWithPageSize(2_000_000, 2_000_000, []);
    const body = multipartBody([{ name: 'file', filename: 'absurd.pdf', content: blank, contentType: 'application/pdf' }]);
    const sub = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { ...auth(), ...body.headers } });
    const done = await waitForExtraction(t.app, t.apiKey, sub.json().extraction.extraction_id);
    expect(done.status).toBe('failed');
    expect(done.documents[0].error).toMatchObject({ reason: 'PAGE_TOO_LARGE' });
  });

  it('shrinks a photo larger than the budget and refuses one past twice the budget with 422', async () => {
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    const id = await upload(photo, 'photo.jpg', 'image/jpeg');
    const res = await pageImage(id);
    expect(res.statusCode).toBe(200);
    const meta = await sharp(res.rawPayload).metadata();
    expect(meta.width! * meta.height!).toBeLessThanOrEqual(MAX_PIXELS);

    const bomb = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
    const bombId = await upload(bomb, 'bomb.png', 'image/png');
    const refused = await pageImage(bombId);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toMatchObject({ reason: 'IMAGE_TOO_LARGE' });
  });
});
