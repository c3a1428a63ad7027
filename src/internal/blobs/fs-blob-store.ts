import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errors } from '../errors/errors.js';
import type { BlobStore, StoredBlob } from './blob-store.js';
import { hashing } from './hashing-stream.js';

const KEY_PATTERN = /^[a-z0-9]{2}\/[a-z0-9]{32}$/;

/** Blobs as files under one root, sharded by the key's first two characters. */
export class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    // Uploaded documents are private to the server's user: directories 0700, files 0600.
    fs.mkdirSync(this.root, { recursive: true, mode: 0o700 });
  }

  async put(data: Buffer): Promise<StoredBlob> {
    const key = await this.write((temp) => fsp.writeFile(temp, data, { mode: 0o600 }));
    return { key, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  }

  async putFile(file: string): Promise<StoredBlob> {
    // The source is read before anything is written: a missing file is the caller's error, not the store's.
    const source = fs.createReadStream(file);
    await new Promise<void>((resolve, reject) => source.once('open', () => resolve()).once('error', reject));
    const digest = hashing();
    try {
      const key = await this.write((temp) => pipeline(source, digest.stream, fs.createWriteStream(temp, { mode: 0o600 })));
      return { key, ...digest.result() };
    } finally {
      source.destroy();
    }
  }

  /** Writes a new blob through `writeTemp`, then renames it under a fresh key. */
  private async write(writeTemp: (temp: string) => Promise<void>): Promise<string> {
    const name = randomBytes(16).toString('hex');
    const key = `${name.slice(0, 2)}/${name}`;
    const target = this.pathOf(key);
    // Write then rename: a crash mid-write never leaves a half file under a real key.
    const temp = `${target}.${process.pid}.tmp`;
    try {
      await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await writeTemp(temp);
      await fsp.rename(temp, target);
    } catch (err) {
      // A failed write (disk full, read-only or missing volume, permissions) leaves no partial file behind
      // and is the storage's fault, not the request's: 503, as the S3 store answers.
      await fsp.rm(temp, { force: true }).catch(() => undefined);
      throw Object.assign(errors.unavailable('The file store is unavailable; try again later.'), { cause: err });
    }
    return key;
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

  /**
   * Every file under the root with its age, for the start-up sweep: blobs by key, and the `.tmp` files a
   * crash mid-write left (a write is temp file, then rename). Anything else is not ours and is left alone.
   */
  async *entries(): AsyncGenerator<{ kind: 'blob'; key: string; ageMs: number } | { kind: 'temp'; path: string; ageMs: number }> {
    const now = Date.now();
    let shards: fs.Dirent[];
    try {
      shards = await fsp.readdir(this.root, { withFileTypes: true });
    } catch {
      return;
    }
    for (const shard of shards) {
      if (!shard.isDirectory() || !/^[a-z0-9]{2}$/.test(shard.name)) continue;
      const dir = path.join(this.root, shard.name);
      for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
        const file = path.join(dir, name);
        const stat = await fsp.stat(file).catch(() => null);
        if (!stat?.isFile()) continue;
        const ageMs = now - stat.mtimeMs;
        if (/^[a-z0-9]{32}\.\d+\.tmp$/.test(name)) yield { kind: 'temp', path: file, ageMs };
        else if (KEY_PATTERN.test(`${shard.name}/${name}`)) yield { kind: 'blob', key: `${shard.name}/${name}`, ageMs };
      }
    }
  }

  /** Removes a leftover temp file found by `entries()` (never a path outside the root). */
  async removeTemp(file: string): Promise<void> {
    const relative = path.relative(this.root, path.resolve(file));
    if (relative.startsWith('..') || path.isAbsolute(relative) || !relative.endsWith('.tmp')) throw new Error('not a temp file of this store');
    await fsp.rm(file, { force: true });
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
