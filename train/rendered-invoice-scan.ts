import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CachingOcrEngine } from '../bench/accuracy-ocr-cache.js';
import { SelectingOcrEngine } from '../src/extraction/ocr/engine-selection.js';
import type { OcrEngine } from '../src/extraction/ocr/ocr-engine.js';
import { jpegToPdf } from '../test/fixtures/image-pdf.js';
import { scanPdfPage, type ScanOptions } from '../test/fixtures/scanned-invoice.js';

/** Scans of the rendered PDFs and their OCR readings are kept here: generated, never committed. */
export const SCAN_CACHE = path.resolve('.tmp/rendered-scans');

/**
 * An office scanner's page, the same for a seed every time: a slight skew (±1.5°), paper and toner
 * grey, mild sensor noise and dust, a soft blur, JPEG q 75. Milder than the OCR tests' scans
 * (test/fixtures/scanned-invoice.ts), which are made to be hard; this is the everyday case.
 */
export function officeScan(seed: number, dpi: number): ScanOptions {
  const skew = Math.round(((((seed * 2654435761) >>> 0) % 3001) / 1000 - 1.5) * 10) / 10;
  return { seed, dpi, skew, noise: 6, speckle: 10, blur: 0.5, quality: 75 };
}

export interface ScannedInput {
  bytes: Buffer;
  mediaType: 'image/jpeg' | 'application/pdf';
}

/** The one-page rendered PDF scanned (cached by the PDF's hash and the scan options), as a JPEG or an image-only PDF. */
export async function scanRendered(pdf: Buffer, opts: ScanOptions, as: 'jpeg' | 'pdf'): Promise<ScannedInput> {
  const key = createHash('sha1').update(pdf).update(JSON.stringify(opts)).digest('hex').slice(0, 16);
  const file = path.join(SCAN_CACHE, 'pages', `${key}.jpg`);
  let jpeg: Buffer;
  if (existsSync(file)) jpeg = readFileSync(file);
  else {
    jpeg = (await scanPdfPage(pdf, 1, opts)).jpeg;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, jpeg);
  }
  if (as === 'jpeg') return { bytes: jpeg, mediaType: 'image/jpeg' };
  const { width, height } = jpegSize(jpeg);
  return { bytes: jpegToPdf(jpeg, width, height, opts.dpi ?? 300), mediaType: 'application/pdf' };
}

/** The default OCR (as the server picks it), its readings cached by image hash under SCAN_CACHE. */
export function cachedDefaultOcr(): CachingOcrEngine & OcrEngine {
  return new CachingOcrEngine(new SelectingOcrEngine({ workers: 2 }), path.join(SCAN_CACHE, 'ocr-cache'));
}

/** Width and height from a baseline/progressive JPEG's SOF marker. */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let i = 2;
  while (i < jpeg.length) {
    const marker = jpeg[i + 1];
    const len = jpeg.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  throw new Error('no JPEG frame header');
}
