import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { multipartBody } from './helpers/multipart-body.js';
import { waitForExtraction } from './helpers/poll.js';
import { startS3Server, type TestS3Server } from './helpers/s3-server.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

/**
 * A blob write failure through the submit endpoint (fault test): the storage fails for real, no stand-in
 * of docsift's code. On the fs store the blob root is replaced by a regular file (every write under it
 * fails with ENOTDIR, even for root, which a chmod would not stop); on the s3 store the S3 server (s3rver
 * on loopback) is shut down mid-test. Either way the submit answers 503 and leaves nothing: no file,
 * extraction or document row, no job, no blob; and once the storage is back the same request succeeds
 * without a restart. Runs on SQLite and, in `.ci/run`'s second pass, on Postgres.
 */
describe('a blob write failure on submit (fault test)', () => {
  let t: TestApp | undefined;
  let s3: TestS3Server | undefined;
  afterEach(async () => {
    await t?.close();
    await s3?.close();
    t = s3 = undefined;
  });

  const submitBatch = (app: TestApp) => {
    const body = multipartBody(
      ['a.txt', 'b.txt', 'c.txt'].map((name, i) => ({
        name: 'file',
        filename: name,
        content: Buffer.from(`Invoice INV-${200 + i}\nDate: 2024-05-0${i + 1}\nTotal: ${i + 3}.25 EUR\n`),
        contentType: 'text/plain',
      })),
    );
    return app.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { 'x-api-key': app.apiKey, ...body.headers } });
  };
  const rowCounts = async (app: TestApp) => {
    const count = async (table: 'files' | 'extractions' | 'documents') =>
      Number((await app.core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const jobs = await app.core.queue.stats();
    return {
      files: await count('files'),
      extractions: await count('extractions'),
      documents: await count('documents'),
      jobs: jobs.queued + jobs.active + jobs.completed + jobs.dead + jobs.cancelled,
    };
  };
  /** Every file under a directory (recursively), as paths relative to it. */
  const filesUnder = (dir: string): string[] =>
    fs.existsSync(dir) && fs.statSync(dir).isDirectory()
      ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile())
      : [];

  /** The data dir's files, leaving out SQLite's own (its WAL and shared memory change with every write). */
  const dataFiles = (dir: string) => [...filesUnder(dir)].filter((f) => !f.startsWith('docsift.db')).sort();

  it('fs store: an unwritable blob root fails the submit with 503 and leaves nothing half-written', async () => {
    // No workers: a job row left behind would stay visible in the queue's counts.
    t = await createTestApp({ startWorkers: false });
    const root = path.join(t.dataDir, 'blobs');
    expect(filesUnder(root)).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
    fs.writeFileSync(root, 'not a directory');
    const beforeFiles = dataFiles(t.dataDir);

    const failed = await submitBatch(t);
    expect(failed.statusCode, failed.body).toBe(503);
    expect(failed.json().error.code).toBe('SERVICE_UNAVAILABLE');
    expect(failed.json().error.message).toMatch(/file store is unavailable/);
    expect(await rowCounts(t)).toEqual({ files: 0, extractions: 0, documents: 0, jobs: 0 });
    // No blob and no temp file anywhere in the data dir: the same files as before the request.
    expect(dataFiles(t.dataDir)).toEqual(beforeFiles);
    expect(fs.readFileSync(root, 'utf8')).toBe('not a directory');

    // The storage comes back: the same request succeeds in the same process, and its three blobs are the only ones.
    fs.rmSync(root);
    fs.mkdirSync(root);
    const ok = await submitBatch(t);
    expect(ok.statusCode, ok.body).toBe(202);
    expect(await rowCounts(t)).toEqual({ files: 3, extractions: 1, documents: 3, jobs: 3 });
    const keys = (await t.core.db.selectFrom('files').select('blob_key').execute()).map((r) => r.blob_key).sort();
    expect(filesUnder(root).sort()).toEqual(keys);
    t.core.queue.start();
    expect((await waitForExtraction(t.app, t.apiKey, ok.json().extraction.extraction_id)).status).toBe('completed');
  }, 60_000);

  it('s3 store: the S3 server stopped mid-test fails the submit with 503 and adds no rows', async () => {
    s3 = await startS3Server();
    t = await createTestApp({ env: s3.env, startWorkers: false });
    const first = await submitBatch(t);
    expect(first.statusCode, first.body).toBe(202);
    const before = await rowCounts(t);
    expect(before).toEqual({ files: 3, extractions: 1, documents: 3, jobs: 3 });

    await s3.close();
    s3 = undefined;
    const failed = await submitBatch(t);
    expect(failed.statusCode, failed.body).toBe(503);
    expect(failed.json().error.code).toBe('SERVICE_UNAVAILABLE');
    expect(await rowCounts(t)).toEqual(before);
  }, 60_000);
});
