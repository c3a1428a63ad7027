import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api.js';
import { documentError } from '../extraction-errors.js';
import { pdfjs } from './pdfjs.js';
import { checkPdfStreams, pdfBytesOf } from './pdf-stream-budget.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
// pdfjs needs its bundled font and CMap data to render standard fonts and CJK text; point it at
// the npm package so nothing is ever fetched. Under Node pdfjs reads these with fs.readFile, so they
// are folder paths, not file:// URLs: given a URL string, every read failed, silently at verbosity
// 0, and the standard fonts were drawn with whatever system fonts fontconfig offered instead.
export const standardFontDataUrl = path.join(pdfjsRoot, 'standard_fonts') + path.sep;
export const cMapUrl = path.join(pdfjsRoot, 'cmaps') + path.sep;

/**
 * Opens a PDF, translating pdfjs's failures into the document errors clients see. Its compressed
 * streams are measured first (checkPdfStreams: a stream bomb is FILE_TOO_LARGE before pdfjs inflates
 * it); `checkStreams: false` where the same bytes were already checked (the render worker).
 */
export async function openPdf(bytes: Buffer, options: { checkStreams?: boolean } = {}): Promise<PDFDocumentProxy> {
  if (bytes.length === 0) throw documentError('FILE_EMPTY', 'The PDF file is empty.');
  if (options.checkStreams !== false) await checkPdfStreams(pdfBytesOf(bytes));
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy so the caller's bytes survive.
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  return loadPdf({ data });
}

/** Opens a PDF from pdfjs's `data` or `range` source with docsift's options, its failures as document errors. */
export async function loadPdf(source: Pick<DocumentInitParameters, 'data' | 'range' | 'rangeChunkSize' | 'disableAutoFetch' | 'disableStream'>): Promise<PDFDocumentProxy> {
  const task = pdfjs.getDocument({
    ...source,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl,
    cMapUrl,
    cMapPacked: true,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') {
      throw documentError('FILE_ENCRYPTED', 'The PDF is encrypted with a password; remove the password and submit it again.');
    }
    const detail = err instanceof Error ? err.message : String(err);
    throw documentError('FILE_CORRUPT', `The PDF could not be read (${detail}).`);
  }
}

export async function countPdfPages(bytes: Buffer): Promise<number> {
  const doc = await openPdf(bytes);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

/** A valid one-page text PDF (an invoice's usual lines), its xref offsets computed: the pipeline's warm-up input. */
export function warmUpPdf(): Buffer {
  const lines = ['ACME Supplies Ltd', 'Invoice number: INV-1', 'Invoice date: 2026-01-15', 'Total: 12.50 EUR'];
  const content = `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${l}) Tj T*`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${out.length}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
