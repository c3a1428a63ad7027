import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { multipartBody } from './helpers/multipart-body.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

/** Serving the built UI (CSP, frame-ancestors, assets) and the page images the document view draws boxes on. */
const ROOT = path.resolve(import.meta.dirname, '..');
let t: TestApp;
let email: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT });
  }
  t = await createTestApp();
  email = (await t.app.inject({ url: '/v1/users', headers: { 'x-api-key': t.apiKey } })).json().users[0].email;
});
afterAll(() => t?.close());

const csp = (res: { headers: Record<string, unknown> }) => String(res.headers['content-security-policy']);

describe('UI pages', () => {
  it('serves the dashboard with a strict CSP that no page may frame', async () => {
    const res = await t.app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<div id="root">');
    expect(csp(res)).toContain("default-src 'self'");
    expect(csp(res)).toContain("script-src 'self';");
    expect(csp(res)).toContain("frame-ancestors 'none'");
    expect(csp(res)).not.toMatch(/https?:\/\//);
  });

  it("lets only the key's allowed domains frame an embed page", async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/embed/api-keys',
      headers: { 'x-api-key': t.apiKey, 'x-user-email': email },
      payload: { name: 'framed', allowedDomains: ['app.example.com', '*.example.org', 'localhost:5173'] },
    });
    const key = created.json().data.key as string;
    for (const page of ['/embed', '/embed/documents', '/embed/extractions', '/embed/settings']) {
      const res = await t.app.inject({ url: `${page}?apiKey=${key}&userEmail=${email}` });
      expect(res.statusCode).toBe(200);
      expect(csp(res)).toContain(
        "frame-ancestors 'self' http://app.example.com:* https://app.example.com:* http://*.example.org:* https://*.example.org:* http://localhost:5173 https://localhost:5173",
      );
    }
    // A key without domains may be framed anywhere; no key or a wrong one only by docsift itself.
    expect(csp(await t.app.inject({ url: `/embed?apiKey=${t.apiKey}` }))).toContain('frame-ancestors *');
    expect(csp(await t.app.inject({ url: '/embed' }))).toContain("frame-ancestors 'self'");
    expect(csp(await t.app.inject({ url: '/embed?apiKey=dsk_wrong' }))).toContain("frame-ancestors 'self'");
  });

  it('serves the built assets and nothing outside them', async () => {
    const html = (await t.app.inject({ url: '/' })).body;
    const script = /src="(\/embed\/assets\/[^"]+\.js)"/.exec(html)![1];
    const res = await t.app.inject({ url: script });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect((await t.app.inject({ url: '/embed/assets/..%2F..%2F..%2Fpackage.json' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/embed/assets/missing.js' })).statusCode).toBe(404);
  });
});

describe('page images', () => {
  async function upload(filename: string, contentType: string, bytes: Buffer): Promise<string> {
    const { payload, headers } = multipartBody([{ name: 'file', filename, contentType, content: bytes }]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/files', headers: { ...headers, 'x-api-key': t.apiKey }, payload });
    expect(res.statusCode).toBe(201);
    return res.json().file.file_id;
  }

  it('renders a PDF page to PNG and gives its size in points', async () => {
    const id = await upload('two.pdf', 'application/pdf', await makePdf([sampleInvoiceLines(), ['page two']]));
    const sizes = await t.app.inject({ url: `/v1/files/${id}/pages`, headers: { 'x-api-key': t.apiKey } });
    expect(sizes.json().pages).toHaveLength(2);
    expect(sizes.json().pages[0]).toMatchObject({ page: 1, width: expect.closeTo(595.28, 1), height: expect.closeTo(841.89, 1) });
    const png = await t.app.inject({ url: `/v1/files/${id}/pages/2.png`, headers: { 'x-api-key': t.apiKey } });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const meta = await sharp(png.rawPayload).metadata();
    expect(meta.width).toBe(Math.ceil(595.28 * 2));
    expect((await t.app.inject({ url: `/v1/files/${id}/pages/3.png`, headers: { 'x-api-key': t.apiKey } })).statusCode).toBe(400);
    expect((await t.app.inject({ url: `/v1/files/${id}/pages/1.png` })).statusCode).toBe(401);
  });

  it('returns a photo as it is, sized in points at its declared density', async () => {
    const jpeg = await sharp({ create: { width: 600, height: 900, channels: 3, background: '#fff' } }).jpeg().withMetadata({ density: 300 }).toBuffer();
    const id = await upload('photo.jpg', 'image/jpeg', jpeg);
    const sizes = (await t.app.inject({ url: `/v1/files/${id}/pages`, headers: { 'x-api-key': t.apiKey } })).json();
    expect(sizes.pages).toEqual([{ page: 1, width: 144, height: 216 }]);
    const img = await t.app.inject({ url: `/v1/files/${id}/pages/1.png`, headers: { 'x-api-key': t.apiKey } });
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.rawPayload.equals(jpeg)).toBe(true);
  });
});
