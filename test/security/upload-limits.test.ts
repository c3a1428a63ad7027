import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMORY_PROCESS_BYTES, partMemoryHeld, releasePartMemory, reservePartMemory } from '../../src/http/part-sink.js';
import { createTestApp, type TestApp } from '../helpers/test-core.js';
import { makePdf } from '../helpers/make-pdf.js';
import { multipartBody } from '../helpers/multipart-body.js';
import { watchServer } from './responsiveness.js';

function blobCount(dataDir: string): number {
  const root = path.join(dataDir, 'blobs');
  if (!fs.existsSync(root)) return 0;
  return fs.readdirSync(root).reduce((n, shard) => n + fs.readdirSync(path.join(root, shard)).length, 0);
}

describe('one request holds a bounded number of upload bytes', () => {
  let t: TestApp;
  let pdf: Buffer;
  beforeAll(async () => {
    t = await createTestApp({ startWorkers: false, env: { DOCSIFT_MAX_REQUEST_MB: '40' } });
    pdf = await makePdf([['Invoice number: INV-1']]);
  });
  afterAll(() => t.close());

  it('refuses parts past DOCSIFT_MAX_REQUEST_MB in total with 413 as they arrive, storing nothing (12 x 19 MB with an Idempotency-Key held 456 MB)', async () => {
    // Each part a real PDF padded to 19 MB, under the 20 MB per-file limit.
    const part = Buffer.concat([pdf, Buffer.alloc(19 * 1024 * 1024 - pdf.length, 0x20)]);
    const body = multipartBody(Array.from({ length: 12 }, (_, i) => ({ name: 'file', filename: `p${i}.pdf`, content: part, contentType: 'application/pdf' })));
    const watch = watchServer(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/extractions',
      payload: body.payload,
      headers: { 'x-api-key': t.apiKey, 'idempotency-key': 'big-upload-1', ...body.headers },
    });
    const health = await watch.stop();
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(res.json().error.message).toMatch(/40 MB in total/);
    expect(health.rssGrowthMb).toBeLessThan(200);
    expect(blobCount(t.dataDir)).toBe(0);
    // The key was never reserved: a corrected retry with it goes through.
    const small = multipartBody([{ name: 'file', filename: 'ok.pdf', content: pdf, contentType: 'application/pdf' }]);
    const retry = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: small.payload, headers: { 'x-api-key': t.apiKey, 'idempotency-key': 'big-upload-1', ...small.headers } });
    expect(retry.statusCode).toBe(202);
  });

  it('fingerprints multipart parts, not bodies: a rebuilt form replays, a changed file is a mismatch', async () => {
    const send = (content: Buffer) => {
      const body = multipartBody([{ name: 'file', filename: 'a.pdf', content, contentType: 'application/pdf' }, { name: 'metadata', value: '{"a":1}' }]);
      return t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { 'x-api-key': t.apiKey, 'idempotency-key': 'fp-1', ...body.headers } });
    };
    const first = await send(pdf);
    const again = await send(pdf);
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().extraction.extraction_id).toBe(first.json().extraction.extraction_id);
    const changed = await send(await makePdf([['Invoice number: INV-2']]));
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('holds a small part in memory and streams a larger one to a temp file under the data dir, removed with the response', async () => {
    const uploads = path.join(t.dataDir, 'uploads');
    // What appears in the spool directory while a request runs (inotify: a created file is a 'rename').
    const upload = async (content: Buffer) => {
      const seen: string[] = [];
      const watcher = fs.watch(uploads, (_event, name) => seen.push(String(name)));
      try {
        const body = multipartBody([{ name: 'file', filename: 'a.pdf', content, contentType: 'application/pdf' }]);
        const res = await t.app.inject({ method: 'POST', url: '/v1/files', payload: body.payload, headers: { 'x-api-key': t.apiKey, ...body.headers } });
        await new Promise((r) => setTimeout(r, 50));
        return { res, spooled: [...new Set(seen)] };
      } finally {
        watcher.close();
      }
    };
    const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const small = await upload(pdf);
    expect(small.res.statusCode).toBe(201);
    expect(small.res.json().file).toMatchObject({ size: pdf.length, sha256: sha256(pdf), pages: 1 });
    expect(small.spooled).toEqual([]);
    // Past the 1 MB a part may be held: written to disk from the first chunk that does not fit, all of it.
    const large = Buffer.concat([pdf, Buffer.alloc(3 * 1024 * 1024, 0x0a)]);
    const big = await upload(large);
    expect(big.res.statusCode).toBe(201);
    expect(big.res.json().file).toMatchObject({ size: large.length, sha256: sha256(large), pages: 1 });
    expect(big.spooled).toHaveLength(1);
    expect(big.spooled[0]).toMatch(/^[0-9a-f]{32}\.upload$/);
    expect(fs.readdirSync(uploads)).toEqual([]);
    // Held bytes are given back with the response; with the process's budget taken (requests in flight
    // holding 64 MB), even a small part goes to disk.
    expect(partMemoryHeld()).toBe(0);
    const taken = reservePartMemory(MEMORY_PROCESS_BYTES);
    try {
      const crowded = await upload(pdf);
      expect(crowded.res.statusCode).toBe(201);
      expect(crowded.res.json().file).toMatchObject({ size: pdf.length, sha256: sha256(pdf), pages: 1 });
      expect(crowded.spooled).toHaveLength(1);
    } finally {
      releasePartMemory(taken);
    }
    expect(partMemoryHeld()).toBe(0);
  });
});
