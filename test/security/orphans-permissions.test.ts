import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/start/core.js';
import { createTestApp } from '../helpers/test-core.js';
import { makePdf } from '../helpers/make-pdf.js';
import { multipartBody } from '../helpers/multipart-body.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const mode = (p: string) => fs.statSync(p).mode & 0o777;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

describe('what an interrupted upload leaves behind, and who can read the data dir', () => {
  it('creates the data dir 0700, the database 0600 and blobs 0600', async () => {
    const t = await createTestApp({ startWorkers: false });
    try {
      const body = multipartBody([{ name: 'file', filename: 'a.pdf', content: await makePdf([['x']]), contentType: 'application/pdf' }]);
      const res = await t.app.inject({ method: 'POST', url: '/v1/files', payload: body.payload, headers: { 'x-api-key': t.apiKey, ...body.headers } });
      expect(res.statusCode).toBe(201);
      const dataDir = path.join(t.dataDir, 'fresh');
      const core = await createCore(loadConfig({ DOCSIFT_DATA_DIR: dataDir, DOCSIFT_LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
      await core.close();
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(dataDir, 'docsift.db'))).toBe(0o600);
      expect(mode(path.join(dataDir, 'blobs'))).toBe(0o700);
      const row = await t.core.db.selectFrom('files').select('blob_key').executeTakeFirstOrThrow();
      expect(mode(path.join(t.dataDir, 'blobs', row.blob_key))).toBe(0o600);
    } finally {
      await t.close();
    }
  });

  it('sweeps old temp files and old blobs without a row at start-up, and keeps everything else', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-sweep-'));
    dirs.push(dataDir);
    const env = { DOCSIFT_DATA_DIR: dataDir, DOCSIFT_LOG_LEVEL: 'silent' };
    const first = await createCore(loadConfig(env), { logger: pino({ level: 'silent' }) });
    const kept = await first.blobs.put(Buffer.from('a file with a row'));
    await first.db.insertInto('tenants').values({ id: 'ten_x', name: 'x', credits_balance: null, webhook_secret: 's', created_at: new Date().toISOString() }).execute();
    await first.files.insert(first.db, 'ten_x', [{ id: 'fil_x', filename: 'k.txt', mediaType: 'text/plain', size: 1, sha256: 'x', blobKey: kept.key, pages: 1 }], 'upload');
    const orphan = await first.blobs.put(Buffer.from('a blob whose row never committed (SIGKILL)'));
    const young = await first.blobs.put(Buffer.from('an upload still being committed'));
    await first.close();
    const blobs = path.join(dataDir, 'blobs');
    const temp = path.join(blobs, orphan.key.slice(0, 2), `${'0'.repeat(32)}.4242.tmp`);
    fs.writeFileSync(temp, '');
    const foreign = path.join(blobs, 'README.txt');
    fs.writeFileSync(foreign, 'not ours');
    for (const p of [path.join(blobs, kept.key), path.join(blobs, orphan.key), temp, foreign]) fs.utimesSync(p, hoursAgo(2), hoursAgo(2));

    const second = await createCore(loadConfig(env), { logger: pino({ level: 'silent' }) });
    const swept = await second.startupSweep;
    await second.close();
    expect(swept).toEqual({ tempFiles: 1, orphanBlobs: 1 });
    expect(fs.existsSync(path.join(blobs, orphan.key))).toBe(false);
    expect(fs.existsSync(temp)).toBe(false);
    expect(fs.existsSync(path.join(blobs, kept.key))).toBe(true);
    expect(fs.existsSync(path.join(blobs, young.key))).toBe(true);
    expect(fs.existsSync(foreign)).toBe(true);
  });
});
