import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { PartSink } from './part-sink.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-part-sink-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Sends `chunks` through a PartSink holding at most `memoryBytes`; what it received and which files it announced. */
async function send(chunks: Buffer[], memoryBytes: number, file = path.join(dir, `${Math.random().toString(36).slice(2)}.upload`)) {
  const spilled: string[] = [];
  const sink = new PartSink(file, memoryBytes, (f) => {
    // Told before the file exists, so a failed write still leaves it known for removal.
    expect(fs.existsSync(f)).toBe(false);
    spilled.push(f);
  });
  await pipeline(Readable.from(chunks), sink);
  return { received: sink.received, spilled, file };
}

describe('PartSink: a multipart part in memory up to a bound, on disk past it', () => {
  const chunk = (fill: number, size: number) => Buffer.alloc(size, fill);

  it('keeps a part that fits in memory, copied out of its chunks, and writes no file', async () => {
    const chunks = [chunk(1, 1000), chunk(2, 24)];
    const { received, spilled, file } = await send(chunks, 1024);
    expect(received).toEqual({ bytes: Buffer.concat(chunks) });
    expect(spilled).toEqual([]);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('spills from the first chunk that does not fit, the held chunks first, to a 0600 file', async () => {
    const chunks = [chunk(1, 600), chunk(2, 400), chunk(3, 100), chunk(4, 5000)];
    const { received, spilled, file } = await send(chunks, 1024);
    expect(received).toEqual({ file });
    expect(spilled).toEqual([file]);
    expect(fs.readFileSync(file).equals(Buffer.concat(chunks))).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes every part to disk when no memory is left for it', async () => {
    const { received, file } = await send([chunk(7, 10)], 0);
    expect(received).toEqual({ file });
    expect(fs.readFileSync(file)).toEqual(chunk(7, 10));
  });

  it('fails the upload, not the process, when the file cannot be written', async () => {
    const file = path.join(dir, 'missing-dir', 'x.upload');
    await expect(send([chunk(1, 10), chunk(2, 2000)], 1024, file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
