import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffFile, sniffFormat } from '../../src/documents/sniff-format.js';
import { countFilePages, countPages } from '../../src/extraction/pipeline.js';
import { makePdf } from '../helpers/make-pdf.js';
import { docx } from './bombs.js';

describe('a spooled upload is sniffed and counted from its file as from its bytes', () => {
  const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/documents/data');

  it('agrees with sniffFormat and countPages on PDFs, images, DOCX and text', async () => {
    const samples: Array<[string, Buffer]> = [
      ['three-pages.pdf', await makePdf([['Page one'], ['Page two'], ['Page three']])],
      ['encrypted.pdf', await makePdf([['Secret']], { userPassword: 'pw' })],
      ['scan.png', await sharp({ create: { width: 300, height: 200, channels: 3, background: '#fff' } }).png().toBuffer()],
      ['scan.tiff', await sharp({ create: { width: 300, height: 200, channels: 3, background: '#fff' } }).tiff().toBuffer()],
      ['letter.docx', docx(['Dear customer,', 'Invoice INV-9 is attached.'])],
      ['notes.txt', Buffer.from(Array.from({ length: 130 }, (_, i) => `line ${i}`).join('\r\n'))],
      ...fs
        .readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.pdf'))
        .map((f): [string, Buffer] => [f, fs.readFileSync(path.join(FIXTURES, f))]),
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-file-pages-'));
    const outcome = (p: Promise<number>) => p.then((n) => n, (err: { details?: { reason?: string } }) => err.details?.reason ?? String(err));
    try {
      for (const [name, bytes] of samples) {
        const file = path.join(dir, path.basename(name));
        fs.writeFileSync(file, bytes);
        const format = await sniffFormat(bytes);
        expect(await sniffFile(file), name).toEqual(format);
        if (!format.supported) continue;
        expect(await outcome(countFilePages(file, format.mediaType)), name).toEqual(await outcome(countPages(bytes, format.mediaType)));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
