import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentPath } from './fixtures/documents.js';
import { startServer, type ServerProcess } from './helpers/server-process.js';

// Three photographed receipts (they need OCR, so a document is caught mid-job).
const RECEIPTS = documentPath('data/sroie');

type Extraction = { status: string; documents: Array<{ document_id: string; status: string }> };

async function readExtraction(url: string, key: string, id: string): Promise<Extraction> {
  const res = await fetch(`${url}/v1/extractions/${id}`, { headers: { 'x-api-key': key } });
  return ((await res.json()) as { extraction: Extraction }).extraction;
}

describe('a server killed with SIGKILL mid-processing', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-crash-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no document: after a restart every job is leased again and completes', async () => {
    // Photos of receipts need OCR, so each document takes long enough to be caught mid-job.
    const env = { DOCSIFT_WORKER_CONCURRENCY: '1', DOCSIFT_JOB_LEASE_SECONDS: '2' };
    server = await startServer({ dataDir, env });
    const key = server.apiKey!;
    const form = new FormData();
    for (const name of fs.readdirSync(RECEIPTS).filter((f) => f.endsWith('.jpg')).sort().slice(0, 3)) {
      form.append('file', new Blob([fs.readFileSync(path.join(RECEIPTS, name))]), name);
    }
    const submit = await fetch(`${server.url}/v1/extractions`, { method: 'POST', body: form, headers: { 'x-api-key': key } });
    expect(submit.status).toBe(202);
    const id = ((await submit.json()) as { extraction: { extraction_id: string } }).extraction.extraction_id;

    const deadline = Date.now() + 60_000;
    let seen: Extraction;
    do {
      seen = await readExtraction(server.url, key, id);
      if (Date.now() > deadline) throw new Error('no document started processing');
      await new Promise((r) => setTimeout(r, 20));
    } while (!seen.documents.some((d) => d.status === 'processing'));
    await server.kill('SIGKILL');
    const unfinished = seen.documents.filter((d) => d.status !== 'completed').length;
    expect(unfinished).toBeGreaterThan(0);

    server = await startServer({ dataDir, env });
    const restartDeadline = Date.now() + 120_000;
    let after: Extraction;
    do {
      after = await readExtraction(server.url, key, id);
      if (Date.now() > restartDeadline) throw new Error(`extraction still ${after.status} after restart`);
      await new Promise((r) => setTimeout(r, 100));
    } while (['queued', 'processing'].includes(after.status));

    expect(after.status).toBe('completed');
    expect(after.documents.map((d) => d.status)).toEqual(['completed', 'completed', 'completed']);
    const results = await fetch(`${server.url}/v1/extractions/${id}/results`, { headers: { 'x-api-key': key } });
    const docs = ((await results.json()) as { documents: Array<{ attempts: number }> }).documents;
    // The document that was running when the process died was tried again.
    expect(docs.some((d) => d.attempts >= 2)).toBe(true);
    // Its own deadlines (60 s to start, 120 s after the restart) bound it, not vitest's default 60 s.
  }, 240_000);
});
