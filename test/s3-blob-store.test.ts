import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobStoreContract } from '../src/internal/blobs/blob-store-contract.js';
import { FsBlobStore } from '../src/internal/blobs/fs-blob-store.js';
import { S3BlobStore } from '../src/internal/blobs/s3-blob-store.js';
import { startS3Server, type TestS3Server } from './helpers/s3-server.js';
import { createTestApp } from './helpers/test-core.js';
import { multipartBody } from './helpers/multipart-body.js';
import { waitForExtraction } from './helpers/poll.js';

let s3: TestS3Server;
const stores: S3BlobStore[] = [];
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  for (const store of stores) store.close();
  await s3.close();
});

const makeS3Store = (bucket = s3.bucket) => {
  const store = new S3BlobStore({ bucket, endpoint: s3.endpoint, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
  stores.push(store);
  return store;
};

describe('BlobStore contract: s3 (s3rver on loopback)', () => {
  blobStoreContract(() => makeS3Store());
});

describe('BlobStore contract: fs', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-blob-contract-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  blobStoreContract(() => new FsBlobStore(root));
});

describe('S3BlobStore', () => {
  it('reports a failed write as 503 SERVICE_UNAVAILABLE', async () => {
    const store = makeS3Store('no-such-bucket');
    await expect(store.put(Buffer.from('x'))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
  });

  it('serves a whole extraction with DOCSIFT_BLOB_STORE=s3 and records the store on the file row', async () => {
    const t = await createTestApp({ env: s3.env });
    try {
      const body = multipartBody([{ name: 'file', filename: 'note.txt', content: Buffer.from('Invoice INV-7\nTotal: 12.50 EUR\n') }]);
      const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { authorization: `Bearer ${t.apiKey}`, ...body.headers }, payload: body.payload });
      expect(res.statusCode, res.body).toBe(202);
      const done = await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id);
      expect(done.status).toBe('completed');
      const file = await t.core.db.selectFrom('files').selectAll().executeTakeFirstOrThrow();
      expect(file.blob_store).toBe('s3');
      expect(await t.core.blobs.exists(file.blob_key)).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('fails a submit with 503 when the bucket is unreachable, and leaves no rows behind', async () => {
    const t = await createTestApp({ env: { ...s3.env, S3_ENDPOINT: 'http://127.0.0.1:9' } });
    try {
      const body = multipartBody([{ name: 'file', filename: 'note.txt', content: Buffer.from('Invoice INV-8\nTotal: 1.00 EUR\n') }]);
      const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { authorization: `Bearer ${t.apiKey}`, ...body.headers }, payload: body.payload });
      expect(res.statusCode, res.body).toBe(503);
      expect(await t.core.db.selectFrom('files').selectAll().execute()).toEqual([]);
      expect(await t.core.db.selectFrom('extractions').selectAll().execute()).toEqual([]);
      expect(await t.core.db.selectFrom('documents').selectAll().execute()).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
