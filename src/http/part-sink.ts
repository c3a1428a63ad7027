import fs from 'node:fs';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * How much of one multipart file part is held in memory before it spills to its temp file, and how much
 * all parts of one request may hold together (parts past that spill whole). Most uploads are one-page
 * PDFs of a few KB: writing each to a temp file, then sniffing, counting and copying it into the blob
 * store from that file cost bench:load about a tenth of its throughput, while keeping them costs at
 * most this much memory per request in flight; a large upload still never sits in memory.
 */
export const MEMORY_PART_BYTES = 1024 * 1024;
export const MEMORY_REQUEST_BYTES = 4 * 1024 * 1024;
/** And what all requests in flight may hold together: past it, parts spill to disk however small they are. */
export const MEMORY_PROCESS_BYTES = 64 * 1024 * 1024;

let processHeld = 0;

/** Reserves up to `wanted` bytes of the process's budget for a held part; what was granted (maybe 0). */
export function reservePartMemory(wanted: number): number {
  const granted = Math.max(0, Math.min(wanted, MEMORY_PROCESS_BYTES - processHeld));
  processHeld += granted;
  return granted;
}

/** Gives reserved bytes back: what a part did not use, and what a request held once it is answered. */
export function releasePartMemory(bytes: number): void {
  processHeld = Math.max(0, processHeld - bytes);
}

/** Bytes held across requests now (for tests). */
export function partMemoryHeld(): number {
  return processHeld;
}

/**
 * Where a file part's bytes go as they arrive: into memory while they fit in `memoryBytes`, then, from
 * the first chunk that does not fit, to `file` (0600) with what was held written first. Backpressure
 * holds: a spilled chunk is acknowledged once the file has it. `onSpill` is told before the file is
 * created, so whoever removes the request's temp files knows of it even if writing fails.
 */
export class PartSink extends Writable {
  private readonly held: Buffer[] = [];
  private heldBytes = 0;
  private out: fs.WriteStream | undefined;

  constructor(
    private readonly file: string,
    private readonly memoryBytes: number,
    private readonly onSpill: (file: string) => void,
  ) {
    super();
  }

  /** The part, once the pipeline into this sink has finished: its bytes, or the file it spilled to. */
  get received(): { bytes: Buffer } | { file: string } {
    // Copied, even as one chunk: a chunk may be a slice of a larger socket buffer, kept alive by it.
    return this.out ? { file: this.file } : { bytes: Buffer.concat(this.held, this.heldBytes) };
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    if (!this.out && this.heldBytes + chunk.length <= this.memoryBytes) {
      this.held.push(chunk);
      this.heldBytes += chunk.length;
      done();
      return;
    }
    if (!this.out) {
      this.onSpill(this.file);
      this.out = fs.createWriteStream(this.file, { mode: 0o600 });
      // Without a listener a failing disk would be an uncaught error; this way the upload's pipeline fails.
      this.out.on('error', (err) => this.destroy(err));
      for (const held of this.held.splice(0)) this.out.write(held);
      this.heldBytes = 0;
    }
    this.out.write(chunk, (err) => done(err));
  }

  override _final(done: (err?: Error | null) => void): void {
    if (!this.out) {
      done();
      return;
    }
    const out = this.out;
    out.end();
    finished(out).then(() => done(), done);
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.out?.destroy();
    done(err);
  }
}
