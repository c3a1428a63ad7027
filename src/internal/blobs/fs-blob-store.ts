import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { errors } from '../errors/errors.js';
import type { BlobStore, StoredBlob } from './blob-store.js';

const KEY_PATTERN = /^[a-z0-9]{2}\/[a-z0-9]{32}$/;

/** Blobs as files under one root, sharded by the key's first two characters. */
export class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    fs.mkdirSync(this.root, { recursive: true });
  }

  async put(data: Buffer): Promise<StoredBlob> {
    const name = randomBytes(16).toString('hex');
    const key = `${name.slice(0, 2)}/${name}`;
    const target = this.pathOf(key);
    // Write then rename: a crash mid-write never leaves a half file under a real key.
    const temp = `${target}.${process.pid}.tmp`;
    try {
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.writeFile(temp, data);
      await fsp.rename(temp, target);
    } catch (err) {
      // A failed write (disk full, read-only or missing volume, permissions) leaves no partial file behind
      // and is the storage's fault, not the request's: 503, as the S3 store answers.
      await fsp.rm(temp, { force: true }).catch(() => undefined);
      throw Object.assign(errors.unavailable('The file store is unavailable; try again later.'), { cause: err });
    }
    return { key, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  }

  async get(key: string): Promise<Buffer> {
    return fsp.readFile(this.pathOf(key));
  }

  async stream(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    await fsp.access(file);
    return fs.createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      await fsp.access(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  /** Refuses any key that is not one of ours or that would resolve outside the root. */
  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
    const resolved = path.resolve(this.root, key);
    const relative = path.relative(this.root, resolved);
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error('blob key escapes the store root');
    return resolved;
  }
}
