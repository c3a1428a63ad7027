import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import type { App } from '../src/http/app-type.js';
import { createCore } from '../src/start/core.js';
import type { Core } from '../src/core.js';
import { multipartBody } from './helpers/multipart-body.js';
import { waitForExtraction } from './helpers/poll.js';
import { startS3Server, type TestS3Server } from './helpers/s3-server.js';
import { createTestApp, sharedDatabaseEnv, type TestApp } from './helpers/test-core.js';

/**
 * An install switched from the fs blob store to s3 (s3rver on loopback): files written before the switch
 * stay readable, processable and deletable, because every read goes to the store its file row names in
 * `blob_store`; new files go to s3. Both stores are live in one app. Runs on SQLite and on Postgres.
 */
describe('reads follow each file row\'s blob_store (fs → s3 switch)', () => {
  let s3: TestS3Server;
  let t: TestApp;
  let core: Core;
  let app: App;

  beforeAll(async () => {
    s3 = await startS3Server();
    t = await createTestApp();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await core?.close();
    await t?.close();
    await s3?.close();
  });

  const auth = () => ({ 'x-api-key': t.apiKey });
  const upload = async (target: App, name: string, content: Buffer) => {
    const body = multipartBody([{ name: 'file', filename: name, content, contentType: 'text/plain' }]);
    const res = await target.inject({ method: 'POST', url: '/v1/files', payload: body.payload, headers: { ...auth(), ...body.headers } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().file.file_id as string;
  };
  const row = (id: string) => t.core.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('keeps old fs files readable after the switch to s3, and writes new ones to s3', async () => {
    const before = Buffer.from('Invoice INV-900\nDate: 2024-06-01\nTotal: 90.00 EUR\n');
    const oldId = await upload(t.app, 'before-switch.txt', before);
    const oldRow = await row(oldId);
    expect(oldRow.blob_store).toBe('fs');
    const oldPath = path.join(t.dataDir, 'blobs', oldRow.blob_key);
    expect(fs.readFileSync(oldPath).equals(before)).toBe(true);

    // The switch: the same database and data dir, now with DOCSIFT_BLOB_STORE=s3. The old app's workers stop,
    // so every job below runs in the switched app.
    await t.core.queue.stop();
    const config = loadConfig({
      ...sharedDatabaseEnv(t),
      ...s3.env,
      DOCSIFT_LOG_LEVEL: 'silent',
      DOCSIFT_RATE_LIMIT_PER_HOUR: '1000000',
      DOCSIFT_SUBMIT_LIMIT_PER_MINUTE: '100000',
    });
    core = await createCore(config, { logger: pino({ level: 'silent' }) });
    app = await buildApp(core, { logger: false });
    core.queue.start();
    expect(core.blobStores.current.kind).toBe('s3');
    expect(core.blobStores.kinds.sort()).toEqual(['fs', 's3']);

    // The old file: downloaded, extracted by a worker, from the fs store.
    const download = await app.inject({ method: 'GET', url: `/v1/files/${oldId}/content`, headers: auth() });
    expect(download.statusCode, download.body).toBe(200);
    expect(download.rawPayload.equals(before)).toBe(true);
    const submit = await app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload: { file_ids: [oldId] } });
    expect(submit.statusCode, submit.body).toBe(202);
    const done = await waitForExtraction(app, t.apiKey, submit.json().extraction.extraction_id);
    expect(done.status, JSON.stringify(done)).toBe('completed');

    // A new file goes to s3, and nowhere on disk.
    const after = Buffer.from('Invoice INV-901\nDate: 2024-06-02\nTotal: 91.00 EUR\n');
    const newId = await upload(app, 'after-switch.txt', after);
    const newRow = await row(newId);
    expect(newRow.blob_store).toBe('s3');
    expect(await core.blobStores.of('s3').exists(newRow.blob_key)).toBe(true);
    expect(fs.readdirSync(path.join(t.dataDir, 'blobs'), { recursive: true }).filter((f) => String(f).endsWith(newRow.blob_key.split('/').pop()!))).toEqual([]);
    const newDownload = await app.inject({ method: 'GET', url: `/v1/files/${newId}/content`, headers: auth() });
    expect(newDownload.rawPayload.equals(after)).toBe(true);

    // A process without S3 settings can't read an s3 row: a clear 503 naming the store, not a wrong lookup on disk.
    const unconfigured = await t.app.inject({ method: 'GET', url: `/v1/files/${newId}/content`, headers: auth() });
    expect(unconfigured.statusCode, unconfigured.body).toBe(503);
    expect(unconfigured.json().error.message).toMatch(/'s3' blob store.*S3_BUCKET/);

    // Deleting removes each blob from the store that holds it.
    for (const id of [oldId, newId]) {
      const res = await app.inject({ method: 'DELETE', url: `/v1/files/${id}`, headers: auth() });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(fs.existsSync(oldPath)).toBe(false);
    expect(await core.blobStores.of('s3').exists(newRow.blob_key)).toBe(false);
  }, 60_000);
});
