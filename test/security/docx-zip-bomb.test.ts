import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocxArchive } from '../../src/extraction/parse/docx-archive.js';
import { countPages, warmUpPipeline } from '../../src/extraction/pipeline.js';
import { createTestApp, type TestApp } from '../helpers/test-core.js';
import { multipartBody } from '../helpers/multipart-body.js';
import { waitForExtraction } from '../helpers/poll.js';
import { docx } from './bombs.js';
import { RESPONSIVE_MS, watchServer } from './responsiveness.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** 200 MB of paragraphs that deflate to about 200 KB: the bomb (1.22 GB), scaled down to build quickly. */
const BOMB_BODY = { repeat: '<w:p><w:r><w:t>x</w:t></w:r></w:p>', bytes: 200 * 1024 * 1024 };


describe('a DOCX is checked before it is inflated', () => {
  it('reads and counts an ordinary DOCX', async () => {
    const ok = docx(['Invoice number: INV-3', 'Total: 12.00 EUR']);
    await expect(checkDocxArchive(ok)).resolves.toBeUndefined();
    expect(await countPages(ok, DOCX)).toBe(1);
  });

  it('refuses a part whose declared expansion is a bomb, without inflating it', async () => {
    const bomb = docx([], [], BOMB_BODY);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(checkDocxArchive(bomb)).rejects.toMatchObject({ details: { reason: 'FILE_TOO_LARGE' } });
    await expect(countPages(bomb, DOCX)).rejects.toMatchObject({ details: { reason: 'FILE_TOO_LARGE' } });
  });

  it('stops inflating a part that lies about its size, at the size it declared', async () => {
    const liar = docx([], [], BOMB_BODY, 4096);
    const before = process.memoryUsage().rss;
    await expect(checkDocxArchive(liar)).rejects.toMatchObject({ details: { reason: 'FILE_CORRUPT' } });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses an archive of thousands of entries', async () => {
    const many = docx(['x'], Array.from({ length: 2_100 }, (_, i) => ({ name: `word/media/p${i}.xml`, content: Buffer.from('<a/>') })));
    await expect(checkDocxArchive(many)).rejects.toMatchObject({ details: { reason: 'FILE_TOO_LARGE' } });
  });
});

describe('a DOCX zip bomb uploaded to the server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await warmUpPipeline();
  });
  afterAll(() => t.close());

  it('fails as FILE_TOO_LARGE while /healthz answers and memory stays flat; the next DOCX is read', async () => {
    const bombs = [docx([], [], BOMB_BODY), docx([], [], BOMB_BODY, 4096)];
    // Building them allocated 400 MB in this process: let that garbage go before measuring.
    await new Promise((r) => setTimeout(r, 500));
    const watch = watchServer(t.app);
    const ids = await Promise.all(
      bombs.map(async (bomb) => {
        const body = multipartBody([{ name: 'file', filename: 'bomb.docx', content: bomb, contentType: DOCX }]);
        const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { 'x-api-key': t.apiKey, ...body.headers } });
        expect(res.statusCode).toBe(202);
        return res.json().extraction.extraction_id as string;
      }),
    );
    const done = await Promise.all(ids.map((id) => waitForExtraction(t.app, t.apiKey, id, 60_000)));
    const health = await watch.stop();
    expect(done.map((e) => e.status)).toEqual(['failed', 'failed']);
    expect(done.map((e) => e.documents[0].error?.reason ?? e.documents[0].error_reason)).toEqual(['FILE_TOO_LARGE', 'FILE_CORRUPT']);
    expect(health.slowestMs).toBeLessThan(RESPONSIVE_MS);
    expect(health.rssGrowthMb).toBeLessThan(150);

    const body = multipartBody([{ name: 'file', filename: 'ok.docx', content: docx(['Invoice number: INV-4', 'Total: 9.00 EUR']), contentType: DOCX }]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { 'x-api-key': t.apiKey, ...body.headers } });
    expect((await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id)).status).toBe('completed');
  });
});
