import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflate, inflateSync } from 'node:zlib';
import { documentError } from '../extraction-errors.js';

/** What one stream may decode to: pdfjs holds a stream's decoded bytes whole (and doubles its buffer to grow). */
export const MAX_STREAM_DECODED_BYTES = 256 * 1024 * 1024;
/** What all streams of a document together may decode to (pdfjs decodes them in JavaScript, on the main thread). */
export const MAX_DOCUMENT_DECODED_BYTES = 1024 * 1024 * 1024;

/**
 * A stream of one FlateDecode at most this long is inflated in one synchronous call, its output capped
 * at SYNC_STREAM_OUTPUT, while the document's synchronous output stays under SYNC_DOCUMENT_OUTPUT (a
 * few milliseconds of the event loop in all): an ordinary page's streams cost no thread-pool round trip
 * and stream pipeline each (about 1 ms a one-page PDF, paid at submit and again when it is read).
 * Anything else, past a cap or that zlib rejects, is measured the streamed way, as before.
 */
const SYNC_STREAM_INPUT = 64 * 1024;
const SYNC_STREAM_OUTPUT = 1024 * 1024;
const SYNC_DOCUMENT_OUTPUT = 4 * 1024 * 1024;

/** How much of a file is searched at a time. */
const WINDOW = 1024 * 1024;
/** How far before a `stream` keyword its dictionary is looked for. */
const DICT_LOOKBACK = 4096;
const FLATE = new Set(['FlateDecode', 'Fl']);
const HEX = new Set(['ASCIIHexDecode', 'AHx']);

/** A PDF's bytes: in memory, or a file read as needed. */
export interface PdfBytes {
  length: number;
  read(start: number, end: number): Promise<Buffer>;
  /** The next position of `needle` (latin1) at or after `from`, or -1. */
  indexOf(needle: string, from: number): Promise<number>;
  stream(start: number, end: number): Readable;
}

export function pdfBytesOf(bytes: Buffer): PdfBytes {
  return {
    length: bytes.length,
    read: async (start, end) => bytes.subarray(start, end),
    indexOf: async (needle, from) => bytes.indexOf(needle, from, 'latin1'),
    stream: (start, end) => Readable.from([bytes.subarray(start, end)]),
  };
}

/** A file's bytes, searched a 1 MB window at a time (the last window kept, so the next search starts in it). */
export async function pdfFileBytes(file: string): Promise<{ bytes: PdfBytes; close(): Promise<void> }> {
  const handle = await fsp.open(file, 'r');
  const { size } = await handle.stat();
  const read = async (start: number, end: number) => {
    const buffer = Buffer.alloc(Math.max(0, Math.min(end, size) - start));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    return buffer.subarray(0, bytesRead);
  };
  let window: { start: number; bytes: Buffer } | undefined;
  return {
    bytes: {
      length: size,
      read,
      indexOf: async (needle, from) => {
        let at = from;
        while (at < size) {
          if (!window || at < window.start || at + needle.length > window.start + window.bytes.length) {
            window = { start: at, bytes: await read(at, at + WINDOW) };
          }
          const found = window.bytes.indexOf(needle, at - window.start, 'latin1');
          if (found >= 0) return window.start + found;
          const windowEnd = window.start + window.bytes.length;
          if (windowEnd >= size || window.bytes.length === 0) return -1;
          // The next window overlaps this one by the needle's length less one: a match across the edge is found.
          at = windowEnd - needle.length + 1;
        }
        return -1;
      },
      stream: (start, end) => fs.createReadStream(file, { start, end: end - 1 }),
    },
    close: () => handle.close(),
  };
}

/**
 * Refuses a PDF whose compressed streams decode to more than a stream or a document may (FILE_TOO_LARGE):
 * a few KB of FlateDecode, applied twice, inflate to gigabytes, and pdfjs would decode them whole, in
 * JavaScript on the event loop, holding the result. Each stream whose filters start with FlateDecode
 * (after any ASCIIHexDecode) is inflated here first by zlib, in its thread pool, counting the output
 * and discarding it, and stopped at the budget. Streams are found by their `stream` keywords (every
 * stream is a top-level object, never inside an object stream) and end at their direct /Length when
 * `endstream` follows it, else at their `endstream`, as pdfjs reads them. Not measured: encrypted streams (they inflate only after decryption, so they
 * read as corrupt here and are left to pdfjs), and chains starting with another filter (ASCII85,
 * LZW, RunLength before a FlateDecode, which no writer produces).
 */
export async function checkPdfStreams(
  bytes: PdfBytes,
  limits: { perStream?: number; perDocument?: number } = {},
): Promise<void> {
  const perStream = limits.perStream ?? MAX_STREAM_DECODED_BYTES;
  let left = limits.perDocument ?? MAX_DOCUMENT_DECODED_BYTES;
  let syncLeft = SYNC_DOCUMENT_OUTPUT;
  for await (const found of findStreams(bytes)) {
    const cap = Math.min(perStream, left) + 1;
    const small = await inflatedAtOnce(bytes, found, Math.min(cap - 1, SYNC_STREAM_OUTPUT, syncLeft));
    if (small !== null) syncLeft -= small;
    const decoded = small ?? (await measureStream(bytes, found, cap));
    if (decoded > perStream) {
      throw documentError('FILE_TOO_LARGE', `A compressed stream of the PDF inflates to more than ${mb(perStream)} MB; such a file is refused.`);
    }
    left -= decoded;
    if (left < 0) {
      throw documentError('FILE_TOO_LARGE', `The PDF's compressed streams inflate to more than ${mb(limits.perDocument ?? MAX_DOCUMENT_DECODED_BYTES)} MB together; such a file is refused.`);
    }
  }
}

interface FoundStream {
  start: number;
  end: number;
  /** The decoders to apply, in order: the Flate (and hex) filters the chain starts with. */
  decoders: Array<'flate' | 'hex'>;
}

/** Each stream whose filter chain starts with something measurable, with where its data lies. */
async function* findStreams(bytes: PdfBytes): AsyncGenerator<FoundStream> {
  let from = 0;
  while (from < bytes.length) {
    const keyword = await bytes.indexOf('stream', from);
    if (keyword < 0) return;
    from = keyword + 6;
    const around = await bytes.read(Math.max(0, keyword - DICT_LOOKBACK), Math.min(bytes.length, keyword + 8));
    const at = keyword - Math.max(0, keyword - DICT_LOOKBACK);
    const before = around.toString('latin1', 0, at);
    // Not `endstream`, and followed by an end of line as the keyword must be.
    if (before.endsWith('end')) continue;
    const eol = around[at + 6] === 0x0d && around[at + 7] === 0x0a ? 2 : around[at + 6] === 0x0a || around[at + 6] === 0x0d ? 1 : 0;
    if (eol === 0 || !/>>\s*$/.test(before)) continue;
    const dict = before.slice(before.lastIndexOf('obj') + 3);
    const start = keyword + 6 + eol;
    // A direct length (not `/Length 12 0 R`) says where the data ends when `endstream` follows it there;
    // otherwise pdfjs looks for the `endstream`, and so does this.
    const length = /\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(dict);
    let end = length && (await endsAt(bytes, start + Number(length[1]))) ? start + Number(length[1]) : -1;
    if (end >= 0) from = Math.max(from, end);
    const decoders = decodersOf(dict);
    if (!decoders.includes('flate')) continue;
    if (end < 0) end = await bytes.indexOf('endstream', start);
    if (end < 0) end = bytes.length;
    from = Math.max(from, end);
    yield { start, end, decoders };
  }
}

/** Whether `endstream` follows `at`, after an end of line or other white space at most. */
async function endsAt(bytes: PdfBytes, at: number): Promise<boolean> {
  if (at > bytes.length) return false;
  return /^\s{0,4}endstream/.test((await bytes.read(at, Math.min(bytes.length, at + 16))).toString('latin1'));
}

function decodersOf(dict: string): Array<'flate' | 'hex'> {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[^\s/<>[\]()]+)/.exec(dict);
  if (!filter) return [];
  const names = [...filter[1].matchAll(/\/([^\s/<>[\]()]+)/g)].map((m) => m[1]);
  const decoders: Array<'flate' | 'hex'> = [];
  for (const name of names) {
    if (FLATE.has(name)) decoders.push('flate');
    else if (HEX.has(name)) decoders.push('hex');
    else break;
  }
  return decoders;
}

/**
 * A short single-FlateDecode stream's decoded size, inflated in one call when it decodes whole to at
 * most `maxOutput` bytes; null otherwise (longer, other filters, more output, or data zlib rejects),
 * for measureStream to count.
 */
async function inflatedAtOnce(bytes: PdfBytes, found: FoundStream, maxOutput: number): Promise<number | null> {
  if (maxOutput <= 0 || found.end - found.start > SYNC_STREAM_INPUT || found.decoders.length !== 1 || found.decoders[0] !== 'flate') return null;
  try {
    return inflateSync(await bytes.read(found.start, found.end), { maxOutputLength: maxOutput }).length;
  } catch {
    return null;
  }
}

/** Decoded bytes of one stream, counted up to `cap` (then stopped); a stream zlib cannot read counts what it gave. */
async function measureStream(bytes: PdfBytes, found: FoundStream, cap: number): Promise<number> {
  let count = 0;
  const counter = new Writable({
    write(chunk: Buffer, _encoding, done) {
      count += chunk.length;
      done(count >= cap ? new BudgetSpent() : null);
    },
  });
  // 64 KB output chunks, not zlib's 16 KB: a bomb's quarter gigabyte is 4,000 callbacks on the event loop, not
  // 16,000 (1 MB chunks cost a megabyte allocated for each of a PDF's hundreds of small streams).
  const stages = found.decoders.map((d) => (d === 'flate' ? createInflate({ chunkSize: 64 * 1024 }) : hexDecoder()));
  try {
    await pipeline([bytes.stream(found.start, found.end), ...stages, counter]);
  } catch {
    // Over the cap (BudgetSpent), or data zlib rejects (encrypted, damaged): what was inflated is what counts.
  }
  return count;
}

class BudgetSpent extends Error {}

/** ASCIIHexDecode: pairs of hex digits, whitespace ignored, `>` ends the data. */
function hexDecoder(): Transform {
  let pending = -1;
  let ended = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const out: number[] = [];
      for (const c of chunk) {
        if (ended) break;
        if (c === 0x3e) ended = true;
        const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
        if (v < 0) continue;
        if (pending < 0) pending = v;
        else {
          out.push(pending * 16 + v);
          pending = -1;
        }
      }
      done(null, Buffer.from(out));
    },
  });
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
