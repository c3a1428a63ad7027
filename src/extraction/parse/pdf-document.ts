import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { documentError } from '../extraction-errors.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
// pdfjs needs its bundled font and CMap data to render standard fonts and CJK text; point it at
// the npm package so nothing is ever fetched.
const standardFontDataUrl = `${pathToFileURL(path.join(pdfjsRoot, 'standard_fonts')).href}/`;
const cMapUrl = `${pathToFileURL(path.join(pdfjsRoot, 'cmaps')).href}/`;

/** Opens a PDF, translating pdfjs's failures into the document errors clients see. */
export async function openPdf(bytes: Buffer): Promise<PDFDocumentProxy> {
  if (bytes.length === 0) throw documentError('FILE_EMPTY', 'The PDF file is empty.');
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy so the caller's bytes survive.
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  const task = pdfjs.getDocument({
    data,
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
