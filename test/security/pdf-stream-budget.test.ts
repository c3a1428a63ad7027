import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkPdfStreams, pdfBytesOf, pdfFileBytes } from '../../src/extraction/parse/pdf-stream-budget.js';
import { pdfWithStream } from './bombs.js';

const MB = 1024 * 1024;
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/documents/data');

/** Checks `pdf` from memory and from a file, which must agree. */
async function check(pdf: Buffer, limits: { perStream?: number; perDocument?: number }): Promise<string> {
  const outcome = (p: Promise<void>) => p.then(() => 'ok', (err: { details?: { reason?: string } }) => err.details?.reason ?? String(err));
  const fromMemory = await outcome(checkPdfStreams(pdfBytesOf(pdf), limits));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-pdf-streams-'));
  try {
    fs.writeFileSync(path.join(dir, 'f.pdf'), pdf);
    const file = await pdfFileBytes(path.join(dir, 'f.pdf'));
    const fromFile = await outcome(checkPdfStreams(file.bytes, limits)).finally(() => file.close());
    expect(fromFile).toBe(fromMemory);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return fromMemory;
}

describe('checkPdfStreams measures what compressed streams inflate to', () => {
  const twoMb = deflateSync(Buffer.alloc(2 * MB, 0x20));

  it('passes every real PDF among the fixtures at the default budget', async () => {
    const pdfs = fs.readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(3);
    for (const f of pdfs) expect(await check(fs.readFileSync(path.join(FIXTURES, f)), {}), f).toBe('ok');
  });

  it('refuses a stream past the per-stream budget, and many past the per-document budget', async () => {
    expect(await check(pdfWithStream(twoMb, ['FlateDecode']), { perStream: 4 * MB })).toBe('ok');
    expect(await check(pdfWithStream(twoMb, ['FlateDecode']), { perStream: 1 * MB })).toBe('FILE_TOO_LARGE');
    expect(await check(pdfWithStream(twoMb, ['FlateDecode'], 2), { perStream: 4 * MB, perDocument: 7 * MB })).toBe('ok');
    expect(await check(pdfWithStream(twoMb, ['FlateDecode'], 3), { perStream: 4 * MB, perDocument: 7 * MB })).toBe('FILE_TOO_LARGE');
  });

  it('counts short streams inflated at once as the streamed measure does, its caps and budgets the same', async () => {
    // Twelve streams of ~1 KB, 512 KB decoded each: short enough to be inflated in one call until 4 MB were, then streamed.
    const halfMb = deflateSync(Buffer.alloc(MB / 2, 0x20));
    expect(await check(pdfWithStream(halfMb, ['FlateDecode'], 11), { perStream: 1 * MB, perDocument: 6 * MB + 1 })).toBe('ok');
    expect(await check(pdfWithStream(halfMb, ['FlateDecode'], 11), { perStream: 1 * MB, perDocument: 6 * MB - 1 })).toBe('FILE_TOO_LARGE');
    expect(await check(pdfWithStream(halfMb, ['FlateDecode']), { perStream: MB / 2 })).toBe('ok');
    expect(await check(pdfWithStream(halfMb, ['FlateDecode']), { perStream: MB / 2 - 1 })).toBe('FILE_TOO_LARGE');
    // Damaged data (cut short) is not refused for what it cannot decode: it counts what inflates, under any budget here.
    expect(await check(pdfWithStream(halfMb.subarray(0, halfMb.length >> 1), ['FlateDecode']), { perStream: MB / 2 - 1 })).toBe('ok');
  });

  it('follows chains of FlateDecode (and ASCIIHexDecode before one), abbreviated names too', async () => {
    expect(await check(pdfWithStream(deflateSync(twoMb), ['Fl', 'Fl']), { perStream: 1 * MB })).toBe('FILE_TOO_LARGE');
    const hex = Buffer.from(twoMb.toString('hex') + '>', 'latin1');
    expect(await check(pdfWithStream(hex, ['ASCIIHexDecode', 'FlateDecode']), { perStream: 1 * MB })).toBe('FILE_TOO_LARGE');
    expect(await check(pdfWithStream(hex, ['ASCIIHexDecode', 'FlateDecode']), { perStream: 4 * MB })).toBe('ok');
  });

  it('finds a stream with an indirect or a false length by its endstream, and one whose keyword straddles a read window', async () => {
    const indirect = Buffer.from(pdfWithStream(twoMb, ['FlateDecode']).toString('latin1').replace(`/Length ${twoMb.length} `, '/Length 9 0 R '), 'latin1');
    expect(await check(indirect, { perStream: 1 * MB })).toBe('FILE_TOO_LARGE');
    // A /Length that lies (pdfjs then reads to the endstream) is not believed either.
    const lying = Buffer.from(pdfWithStream(twoMb, ['FlateDecode']).toString('latin1').replace(`/Length ${twoMb.length} `, '/Length 10 '), 'latin1');
    expect(await check(lying, { perStream: 1 * MB })).toBe('FILE_TOO_LARGE');
    // A comment pads the file so the stream's keyword starts 3 bytes before the file reader's 1 MB window ends.
    const plain = pdfWithStream(twoMb, ['FlateDecode']);
    const keyword = plain.indexOf('stream\n');
    const padded = Buffer.concat([plain.subarray(0, 9), Buffer.from(`%${'x'.repeat(MB - 3 - keyword - 2)}\n`, 'latin1'), plain.subarray(9)]);
    expect(padded.indexOf('stream\n')).toBe(MB - 3);
    expect(await check(padded, { perStream: 1 * MB })).toBe('FILE_TOO_LARGE');
  });

  it('leaves data zlib cannot read to pdfjs (an encrypted or damaged stream is not a bomb)', async () => {
    expect(await check(pdfWithStream(Buffer.from('not deflate at all'), ['FlateDecode']), { perStream: 1 })).toBe('ok');
  });
});
