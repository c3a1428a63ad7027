import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { multipartBody } from './helpers/multipart-body.js';
import { waitForExtraction } from './helpers/poll.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

/**
 * A poison document: one whose processing throws an unexpected error (not a PROCESSING_ERROR the pipeline
 * raises for a bad document) on every attempt. The pipeline turns every failure a document's bytes can
 * cause into a PROCESSING_ERROR, which fails at once without retries; so the unexpected failure here is a
 * real I/O fault instead: the document's blob is removed from disk after submit and before any worker
 * runs, and reading it throws ENOENT each time. The queue's max-attempts path must fail that document
 * only, with a clear error, and the rest of its batch must complete.
 */
describe('a poison document in a batch (fault test)', () => {
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close();
  });

  it('fails only itself after the maximum attempts while the rest of its batch completes', async () => {
    t = await createTestApp({ startWorkers: false });
    const auth = { 'x-api-key': t.apiKey };
    const names = ['good-1.txt', 'poison.txt', 'good-2.txt', 'good-3.txt'];
    const body = multipartBody(
      names.map((name, i) => ({
        name: 'file',
        filename: name,
        content: Buffer.from(`Invoice INV-${100 + i}\nDate: 2024-03-0${i + 1}\nTotal: ${i + 10}.50 EUR\n`),
        contentType: 'text/plain',
      })),
    );
    const submit = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { ...auth, ...body.headers } });
    expect(submit.statusCode, submit.body).toBe(202);
    const extractionId = submit.json().extraction.extraction_id as string;

    // Remove the poison document's blob from the store's directory on disk, before any worker starts.
    const poison = await t.core.db
      .selectFrom('documents')
      .innerJoin('files', 'files.id', 'documents.file_id')
      .select(['documents.id as id', 'files.blob_key as blobKey', 'files.blob_store as blobStore'])
      .where('documents.extraction_id', '=', extractionId)
      .where('documents.filename', '=', 'poison.txt')
      .executeTakeFirstOrThrow();
    expect(poison.blobStore).toBe('fs');
    const blobFile = path.join(t.dataDir, 'blobs', poison.blobKey);
    expect(fs.existsSync(blobFile)).toBe(true);
    fs.rmSync(blobFile);

    t.core.queue.start();
    // Three attempts with the document job's backoff (2 s base, doubling, with jitter): well under 30 s.
    const extraction = await waitForExtraction(t.app, t.apiKey, extractionId, 45_000);
    expect(extraction.status).toBe('partial');

    const results = await t.app.inject({ method: 'GET', url: `/v1/extractions/${extractionId}/results`, headers: auth });
    expect(results.statusCode, results.body).toBe(200);
    const docs = results.json().documents as Array<{
      document_id: string;
      filename: string;
      status: string;
      attempts: number;
      error: { code: string; message: string } | null;
    }>;
    expect(docs).toHaveLength(4);
    const byName = Object.fromEntries(docs.map((d) => [d.filename, d]));
    // The poison document was tried the maximum number of times (the document job allows 3), then failed
    // with an error that says so and names the cause.
    expect(byName['poison.txt']).toMatchObject({ status: 'failed', attempts: 3 });
    expect(byName['poison.txt']!.error?.code).toBe('PROCESSING_ERROR');
    expect(byName['poison.txt']!.error?.message).toMatch(/^Processing failed after 3 attempts: .*ENOENT/);
    // Every other document of the batch completed, each on its first attempt.
    for (const name of names.filter((n) => n !== 'poison.txt')) {
      expect(byName[name], name).toMatchObject({ status: 'completed', attempts: 1, error: null });
    }

    // The queue has nothing left: the last attempt recorded the failure on the document and ended its job.
    const jobs = await t.core.queue.stats();
    expect(jobs).toMatchObject({ queued: 0, active: 0 });
  }, 60_000);
});
