import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { BlobStore } from './blob-store.js';

/**
 * What every BlobStore must do, run against each implementation (fs, s3) by its test file, so the
 * stores stay interchangeable. Imports vitest: only test files may import this module.
 */
export function blobStoreContract(makeStore: () => Promise<BlobStore> | BlobStore): void {
  const readAll = async (stream: NodeJS.ReadableStream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks);
  };

  it('stores bytes under a generated key with their sha256 and size, and reads them back', async () => {
    const store = await makeStore();
    const data = Buffer.concat([Buffer.from('%PDF-1.4 '), Buffer.alloc(300_000, 7)]);
    const blob = await store.put(data);
    expect(blob.size).toBe(data.length);
    expect(blob.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect((await store.get(blob.key)).equals(data)).toBe(true);
    expect((await readAll(await store.stream(blob.key))).equals(data)).toBe(true);
    expect(await store.exists(blob.key)).toBe(true);
  });

  it('stores a file streamed from disk with its sha256 and size, leaving the file in place', async () => {
    const store = await makeStore();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-putfile-'));
    try {
      const file = path.join(dir, 'part.upload');
      // Larger than a stream's chunks (64 KB), with varied bytes, so a lost or reordered chunk shows.
      const data = Buffer.from(Array.from({ length: 1_000_003 }, (_, i) => (i * 7919) % 251));
      fs.writeFileSync(file, data);
      const blob = await store.putFile(file);
      expect(blob.size).toBe(data.length);
      expect(blob.sha256).toBe(createHash('sha256').update(data).digest('hex'));
      expect((await store.get(blob.key)).equals(data)).toBe(true);
      expect(fs.existsSync(file)).toBe(true);
      await expect(store.putFile(path.join(dir, 'missing.upload'))).rejects.toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every put its own key, even for the same bytes', async () => {
    const store = await makeStore();
    const [a, b] = await Promise.all([store.put(Buffer.from('same')), store.put(Buffer.from('same'))]);
    expect(a.key).not.toBe(b.key);
    await store.delete(a.key);
    expect((await store.get(b.key)).toString()).toBe('same');
  });

  it('stores an empty blob', async () => {
    const store = await makeStore();
    const blob = await store.put(Buffer.alloc(0));
    expect(blob.size).toBe(0);
    expect((await store.get(blob.key)).length).toBe(0);
  });

  it('deletes idempotently; a deleted or unknown key does not exist and cannot be read', async () => {
    const store = await makeStore();
    const blob = await store.put(Buffer.from('bye'));
    await store.delete(blob.key);
    await store.delete(blob.key);
    expect(await store.exists(blob.key)).toBe(false);
    await expect(store.get(blob.key)).rejects.toThrow();
    await expect(store.stream(blob.key)).rejects.toThrow();
  });

  it('refuses keys it did not generate', async () => {
    const store = await makeStore();
    for (const key of ['../secret.txt', '../../etc/passwd', '/etc/passwd', 'ab/../../secret.txt', 'invoice.pdf', '']) {
      await expect(store.get(key)).rejects.toThrow(/invalid blob key|escapes/);
      await expect(store.delete(key)).rejects.toThrow();
    }
  });
}
