import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { startServer, type ServerProcess } from './helpers/server-process.js';

const FINAL = ['completed', 'failed', 'partial', 'cancelled'];

async function pollExtraction(url: string, key: string, id: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${url}/v1/extractions/${id}`, { headers: { 'x-api-key': key } });
    expect(res.status).toBe(200);
    const { extraction } = (await res.json()) as { extraction: { status: string; documents: Array<{ status: string }> } };
    if (FINAL.includes(extraction.status)) return extraction;
    if (Date.now() > deadline) throw new Error(`still ${extraction.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the real server process', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-e2e-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a key on first start, takes a PDF over HTTP and completes it', async () => {
    server = await startServer({ dataDir });
    expect(server.apiKey).toMatch(/^dsk_/);
    const key = server.apiKey!;

    const form = new FormData();
    form.append('file', new Blob([await makePdf([sampleInvoiceLines()])], { type: 'application/pdf' }), 'invoice.pdf');
    const submit = await fetch(`${server.url}/v1/extractions`, { method: 'POST', body: form, headers: { 'x-api-key': key } });
    expect(submit.status).toBe(202);
    const { extraction } = (await submit.json()) as { extraction: { extraction_id: string } };

    const done = await pollExtraction(server.url, key, extraction.extraction_id, 30_000);
    expect(done.status).toBe('completed');
    const results = await fetch(`${server.url}/v1/extractions/${extraction.extraction_id}/results`, { headers: { 'x-api-key': key } });
    const body = (await results.json()) as { documents: Array<{ pages: number; status: string }> };
    expect(body.documents[0]).toMatchObject({ status: 'completed', pages: 1 });

    // Graceful stop, then a second start on the same data: no new key is printed, the old one works.
    expect(await server.kill('SIGTERM')).toBe(0);
    server = await startServer({ dataDir });
    expect(server.apiKey).toBeNull();
    const again = await fetch(`${server.url}/v1/extractions/${extraction.extraction_id}`, { headers: { 'x-api-key': key } });
    expect(again.status).toBe(200);
    expect(server.output()).not.toContain(key);
  });

  it('refuses to start on a bad configuration value, naming the variable', async () => {
    await expect(startServer({ dataDir, env: { DOCSIFT_MAX_UPLOAD_MB: 'lots' } })).rejects.toThrow(/DOCSIFT_MAX_UPLOAD_MB/);
  });
});
