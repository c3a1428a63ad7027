import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from './fs-blob-store.js';

describe('FsBlobStore', () => {
  const roots: string[] = [];
  const makeStore = () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-blobs-'));
    roots.push(root);
    return { root, store: new FsBlobStore(path.join(root, 'blobs')) };
  };
  afterEach(() => roots.splice(0).forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  it('stores bytes under a generated key with their sha256 and size', async () => {
    const { store } = makeStore();
    const data = Buffer.from('%PDF-1.4 hello');
    const blob = await store.put(data);
    expect(blob.size).toBe(data.length);
    expect(blob.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect((await store.get(blob.key)).equals(data)).toBe(true);
    expect(await store.exists(blob.key)).toBe(true);
    await store.delete(blob.key);
    expect(await store.exists(blob.key)).toBe(false);
  });

  it('refuses keys that are not generated ones or that escape the root', async () => {
    const { root, store } = makeStore();
    fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
    for (const key of ['../secret.txt', '../../etc/passwd', '/etc/passwd', 'ab/../../secret.txt', 'invoice.pdf']) {
      await expect(store.get(key)).rejects.toThrow(/invalid blob key|escapes/);
      await expect(store.delete(key)).rejects.toThrow();
    }
    expect(fs.existsSync(path.join(root, 'secret.txt'))).toBe(true);
  });

  it('reports a failed write as 503 SERVICE_UNAVAILABLE and leaves no file behind', async () => {
    const { root, store } = makeStore();
    // The root replaced by a regular file: every write under it fails (ENOTDIR), even as root.
    fs.rmSync(path.join(root, 'blobs'), { recursive: true });
    fs.writeFileSync(path.join(root, 'blobs'), 'x');
    await expect(store.put(Buffer.from('%PDF-1.4'))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503, cause: { code: 'ENOTDIR' } });
    expect(fs.readdirSync(root)).toEqual(['blobs']);
  });
});
