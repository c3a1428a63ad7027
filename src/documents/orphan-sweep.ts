import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../internal/db/database.js';
import type { FsBlobStore } from '../internal/blobs/fs-blob-store.js';
import type { Logger } from '../internal/logging/logger.js';

/**
 * Files are put in the blob store before their row is committed (so a request that fails leaves no
 * row without bytes). A process killed in between leaves a blob without a row, or a `.tmp` file from a
 * write cut short, and nothing else would ever remove them. At start-up, those older than the grace
 * period are deleted: younger ones may belong to an upload another process is still committing.
 */
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;
const BATCH = 500;

export interface SweepResult {
  tempFiles: number;
  orphanBlobs: number;
}

export async function sweepOrphans(options: { db: Db; store: FsBlobStore; spoolDir?: string; graceMs?: number; logger?: Logger }): Promise<SweepResult> {
  const graceMs = options.graceMs ?? ORPHAN_GRACE_MS;
  const result: SweepResult = { tempFiles: 0, orphanBlobs: 0 };
  // Multipart parts spooled by a request that never finished (the process was killed meanwhile).
  if (options.spoolDir) {
    for (const name of await fsp.readdir(options.spoolDir).catch(() => [] as string[])) {
      if (!/^[a-f0-9]{32}\.upload$/.test(name)) continue;
      const file = path.join(options.spoolDir, name);
      const stat = await fsp.stat(file).catch(() => null);
      if (!stat?.isFile() || Date.now() - stat.mtimeMs < graceMs) continue;
      await fsp.rm(file, { force: true });
      result.tempFiles++;
    }
  }
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const known = await options.db.selectFrom('files').select('blob_key').where('blob_store', '=', 'fs').where('blob_key', 'in', batch).execute();
    const referenced = new Set(known.map((r) => r.blob_key));
    for (const key of batch) {
      if (referenced.has(key)) continue;
      await options.store.delete(key);
      result.orphanBlobs++;
    }
    batch = [];
  };
  for await (const entry of options.store.entries()) {
    if (entry.ageMs < graceMs) continue;
    if (entry.kind === 'temp') {
      await options.store.removeTemp(entry.path);
      result.tempFiles++;
      continue;
    }
    batch.push(entry.key);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (result.tempFiles || result.orphanBlobs) options.logger?.info(result, 'removed files left by an interrupted upload');
  return result;
}
