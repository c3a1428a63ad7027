import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentProcessor } from '../src/documents/document-processor.js';
import { multipartBody } from './helpers/multipart-body.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

/**
 * A job taken away from its worker mid-document (its lease lost, e.g. across a database restart, or the
 * queue stopping) aborts the handler's signal. The pipeline then throws its "cancelled" error; that must
 * not fail the document, since the job runs again (here or on another worker) and finishes it. Real app,
 * real database (SQLite, or Postgres in the second pass), the real processor and pipeline.
 */
describe('a document whose job was taken away mid-run', () => {
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close();
  });

  it('is left for the next run instead of failed, and the next run completes it', async () => {
    t = await createTestApp({ startWorkers: false });
    const body = multipartBody([{ name: 'file', filename: 'a.txt', content: Buffer.from('Invoice INV-77\nTotal: 7.70 EUR\n'), contentType: 'text/plain' }]);
    const submit = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { 'x-api-key': t.apiKey, ...body.headers } });
    expect(submit.statusCode, submit.body).toBe(202);
    const documentId = submit.json().extraction.documents[0].document_id as string;
    const processor = new DocumentProcessor({ db: t.core.db, blobs: t.core.blobStores, templates: t.core.templates, logger: pino({ level: 'silent' }) });

    // The lease is lost: the queue aborts the signal. The handler fails (so the queue records nothing as
    // done), and the document is neither failed nor completed.
    const lost = new AbortController();
    lost.abort(new Error('job lease was lost'));
    await expect(processor.process(documentId, { jobId: 'job-1', attempt: 1, maxAttempts: 3, signal: lost.signal })).rejects.toMatchObject({
      code: 'PROCESSING_ERROR',
    });
    const after = await t.core.db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
    expect(after.status).toBe('processing');
    expect(after.error_code).toBeNull();

    // The job's next run (a new lease) completes it.
    await processor.process(documentId, { jobId: 'job-1', attempt: 2, maxAttempts: 3, signal: new AbortController().signal });
    const done = await t.core.db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
    expect(done.status).toBe('completed');
    expect(done.attempts).toBe(2);
  }, 60_000);
});
