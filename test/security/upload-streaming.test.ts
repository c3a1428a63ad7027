import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

const UPLOAD_BYTES = 60 * 1024 * 1024;
/**
 * What the server may grow by while it takes the 60 MB upload: it held the file 2-3 times over before
 * (132-182 MB of growth). Streamed, it grows by 25-31 MB of buffers and GC slack (a part up to 1 MB is
 * held in memory before it spills), so the bound leaves room for that noise and still fails a server
 * that holds the file even once.
 */
const GROWTH_BUDGET_MB = 45;
/** The filler's bytes: random (nothing for a compressor or a scanner to find), the same for every upload of a size. */
const block = randomBytes(1024 * 1024);

/**
 * A valid one-page PDF of `size` bytes, produced in 1 MB pieces as it is sent (never whole in this
 * process either): the page's objects first, then an unreferenced stream object of random bytes that
 * takes up the size, then the cross-reference table with every offset.
 */
function* bigPdf(size: number): Generator<Buffer> {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 720 Td (Invoice INV-60) Tj ET\nendstream',
  ];
  let head = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = head.length;
    head += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  offsets.push(head.length);
  const tailReserve = 400;
  const fillerHead = (n: number) => `6 0 obj\n<< /Length ${n} >>\nstream\n`;
  const fillerLength = size - head.length - fillerHead(size).length - tailReserve;
  head += fillerHead(fillerLength);
  yield Buffer.from(head, 'latin1');
  for (let left = fillerLength; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
  const xrefAt = head.length + fillerLength + '\nendstream\nendobj\n'.length;
  const xref = `xref\n0 7\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const tail = `\nendstream\nendobj\n${xref}trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  // Padding after %%EOF (readers allow it) makes the file exactly `size` bytes.
  yield Buffer.concat([Buffer.from(tail, 'latin1'), Buffer.alloc(size - head.length - fillerLength - tail.length, 0x0a)]);
}

/** Streams a multipart upload of `pieces` over HTTP, hashing it as it goes; resolves with the answer and the hash. */
async function streamUpload(url: string, apiKey: string, pieces: Iterable<Buffer>, headers: Record<string, string> = {}, route = { path: '/v1/files', field: 'file' }) {
  const boundary = `----docsift${randomBytes(8).toString('hex')}`;
  const hash = createHash('sha256');
  let size = 0;
  const request = http.request(`${url}${route.path}`, {
    method: 'POST',
    headers: { 'x-api-key': apiKey, 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
  // A server that answers early (an auth error) stops reading: stop writing then instead of waiting for a drain.
  let answered = false;
  void answer.then(() => (answered = true), () => (answered = true));
  const write = (chunk: Buffer) =>
    request.write(chunk) || answered ? Promise.resolve() : Promise.race([new Promise<void>((r) => request.once('drain', () => r())), answer.then(() => undefined)]);
  await write(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${route.field}"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`));
  for (const piece of pieces) {
    if (answered) break;
    hash.update(piece);
    size += piece.length;
    await write(piece);
  }
  request.end(`\r\n--${boundary}--\r\n`);
  const res = await answer;
  return { ...res, sha256: hash.digest('hex'), size };
}

/** The process's resident memory in MB, and its peak since the last reset (/proc, Linux). */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

describe('a large upload streams through the server to the blob store', () => {
  let server: ServerProcess;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-upload-stream-'));
    server = await startServer({ dataDir, env: { DOCSIFT_MAX_UPLOAD_MB: '100', DOCSIFT_WORKER_CONCURRENCY: '0', DOCSIFT_LOG_LEVEL: 'warn' } });
  }, 120_000);
  afterAll(async () => {
    await server?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`takes a 60 MB PDF with the server growing by less than ${GROWTH_BUDGET_MB} MB, its sha256 and pages recorded`, async () => {
    const pid = server.proc.pid!;
    // A small upload first, so what the first upload loads (multipart parser, pdfjs) is not counted.
    const warm = await streamUpload(server.url, server.apiKey!, bigPdf(2 * 1024 * 1024));
    expect(warm.status, warm.body).toBe(201);
    await new Promise((r) => setTimeout(r, 500));
    // Writing 5 to clear_refs resets the peak (VmHWM) to the current RSS: the peak after is this upload's.
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const before = memoryOf(pid);
    let sampled = before.rssMb;
    const sampler = setInterval(() => (sampled = Math.max(sampled, memoryOf(pid).rssMb)), 20);
    const res = await streamUpload(server.url, server.apiKey!, bigPdf(UPLOAD_BYTES), { 'idempotency-key': 'big-60' });
    clearInterval(sampler);
    const after = memoryOf(pid);
    const growthMb = Math.max(after.peakMb, sampled) - before.rssMb;
    expect(res.status, res.body).toBe(201);
    const file = JSON.parse(res.body).file;
    expect(file).toMatchObject({ size: UPLOAD_BYTES, sha256: res.sha256, pages: 1, media_type: 'application/pdf' });
    console.log(`60 MB upload: server RSS ${before.rssMb.toFixed(0)} MB before, peak ${Math.max(after.peakMb, sampled).toFixed(0)} MB (growth ${growthMb.toFixed(1)} MB)`);
    expect(growthMb).toBeLessThan(GROWTH_BUDGET_MB);

    // The blob holds exactly the bytes sent, and the spooled temp file is gone.
    const blobs = fs.readdirSync(path.join(dataDir, 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const stored = blobs.map((e) => path.join(e.parentPath, e.name)).find((p) => fs.statSync(p).size === UPLOAD_BYTES);
    expect(stored).toBeDefined();
    const onDisk = createHash('sha256');
    for await (const chunk of fs.createReadStream(stored!)) onDisk.update(chunk as Buffer);
    expect(onDisk.digest('hex')).toBe(res.sha256);
    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);

    // The same request again under its Idempotency-Key is answered from its fingerprint: the same file, no second blob.
    const again = await streamUpload(server.url, server.apiKey!, bigPdf(UPLOAD_BYTES), { 'idempotency-key': 'big-60' });
    expect(again.status).toBe(201);
    expect(JSON.parse(again.body).file.file_id).toBe(file.file_id);
    const count = fs.readdirSync(path.join(dataDir, 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    expect(count).toBe(blobs.length);
  }, 180_000);

  it('takes it through the submit paths of the native and Extraly APIs the same way, each in a fresh server', async () => {
    const routes = [
      { path: '/v1/extractions', field: 'file', extraly: false },
      { path: '/api/v1/documents', field: 'document', extraly: true },
    ];
    for (const route of routes) {
      // A process of its own: memory a previous upload freed would be reused without growing RSS.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-upload-route-'));
      const fresh = await startServer({ dataDir: dir, env: { DOCSIFT_MAX_UPLOAD_MB: '100', DOCSIFT_WORKER_CONCURRENCY: '0', DOCSIFT_LOG_LEVEL: 'warn' } });
      try {
        const headers: Record<string, string> = {};
        if (route.extraly) {
          // Extraly's API takes an access token beside the key.
          const token = await fetch(`${fresh.url}/v1/auth/token`, {
            method: 'POST',
            headers: { 'x-api-key': fresh.apiKey!, 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'admin@localhost' }),
          });
          headers.authorization = `Bearer ${((await token.json()) as { data: { access_token: string } }).data.access_token}`;
        }
        const warm = await streamUpload(fresh.url, fresh.apiKey!, bigPdf(2 * 1024 * 1024), headers, route);
        expect(warm.status, `${route.path}: ${warm.body}`).toBeLessThan(300);
        await new Promise((r) => setTimeout(r, 500));
        const pid = fresh.proc.pid!;
        fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
        const before = memoryOf(pid);
        const res = await streamUpload(fresh.url, fresh.apiKey!, bigPdf(UPLOAD_BYTES), headers, route);
        const growthMb = memoryOf(pid).peakMb - before.rssMb;
        expect(res.status, `${route.path}: ${res.body}`).toBeLessThan(300);
        console.log(`60 MB through ${route.path}: server RSS growth ${growthMb.toFixed(1)} MB`);
        expect(growthMb, route.path).toBeLessThan(GROWTH_BUDGET_MB);
      } finally {
        await fresh.kill();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 300_000);
});
