import { documentError, throwIfAborted, unsupportedMediaType } from '../extraction-errors.js';
import { buildPage, type RawPage } from '../layout/build-page.js';
import type { BBox, DocumentModel, EmbeddedInvoice, Page } from '../model/document.js';
import { dropOcrNoise, type OcrEngine } from '../ocr/ocr-engine.js';
import { repairOcrWords } from '../ocr/ocr-repair.js';
import { parsePageRanges } from './page-ranges.js';
import { countPdfPages, openPdf } from './pdf-document.js';
import { createPdfRenderer } from './pdf-render-pool.js';
import { readPdfTextPage } from './pdf-text.js';
import { decodeText, layoutPlainText } from './plain-text.js';
import { readPdfAttachments } from './pdf-attachments.js';

// What only scans, images, Word files and PDFs with attachments need is loaded by the first such
// document: a text PDF never loads sharp (deskew, image decoding), mammoth and jszip (DOCX) or
// fast-xml-parser (embedded invoices), about 35 MB of RSS between them.
const orientation = () => import('../ocr/orientation.js');
const docx = () => import('./docx.js');
const imageDecode = () => import('./image-decode.js');
const embeddedInvoice = () => import('../einvoice/read-embedded.js');

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  text: 'text/plain',
} as const;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/tiff', 'image/webp']);

export interface ReadOptions {
  bytes: Buffer;
  /** Width small scans are enlarged to before OCR (default 1200 px). */
  ocrTargetWidth?: number;
  mediaType: string;
  filename: string;
  pageRanges?: string;
  maxPages?: number;
  /** The most pixels a page is rendered or decoded at (DOCSIFT_MAX_PIXELS). */
  maxPixels?: number;
  signal?: AbortSignal;
  /** Told each time pages were read (text layer or OCR), so a caller knows whether a failure cost any work. */
  onPagesRead?: (count: number) => void;
  /** The OCR engine, asked for by the first page that needs one (it may be loaded then). */
  ocr: () => OcrEngine | Promise<OcrEngine>;
}

/** Fewer words than this on a PDF page means a scan (or a page of graphics): it gets OCR. */
const MIN_TEXT_LAYER_WORDS = 3;

function baseType(mediaType: string): string {
  return mediaType.split(';')[0].trim().toLowerCase();
}

export async function countPages(bytes: Buffer, mediaType: string): Promise<number> {
  const type = baseType(mediaType);
  if (type === MEDIA_TYPES.pdf) return countPdfPages(bytes);
  if (IMAGE_TYPES.has(type)) return (await imageDecode()).countImagePages(bytes);
  if (type === MEDIA_TYPES.docx) return (await docx()).countDocxPages(bytes);
  if (type === MEDIA_TYPES.text || type.startsWith('text/')) {
    if (bytes.length === 0) throw documentError('FILE_EMPTY', 'The text file is empty.');
    return layoutPlainText(decodeText(bytes), 'plain').length;
  }
  throw unsupportedMediaType('document', mediaType);
}

function checkPageLimit(count: number, max: number | undefined): void {
  if (count === 0) throw documentError('NO_PAGES', 'The document has no pages.');
  if (max !== undefined && count > max) {
    throw documentError('TOO_MANY_PAGES', `The document has ${count} pages; the limit is ${max}.`);
  }
}

function scaleBox(b: readonly number[], k: number): BBox {
  return [b[0] * k, b[1] * k, b[2] * k, b[3] * k];
}

function shiftBox(b: BBox, [dx, dy]: [number, number]): BBox {
  return [b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy];
}

/**
 * Reads any supported file into the document model, one page at a time so memory stays bounded by a
 * page, not a document: PDF text layers directly, text-less PDF pages and images through OCR.
 */
export async function readDocument(opts: ReadOptions): Promise<DocumentModel> {
  const type = baseType(opts.mediaType);
  if (type === MEDIA_TYPES.pdf) return readPdf(opts);
  if (IMAGE_TYPES.has(type)) return readImage(opts);
  let raw: RawPage[];
  if (type === MEDIA_TYPES.docx) raw = await (await docx()).readDocx(opts.bytes);
  else if (type === MEDIA_TYPES.text || type.startsWith('text/')) {
    if (opts.bytes.length === 0) throw documentError('FILE_EMPTY', 'The text file is empty.');
    raw = layoutPlainText(decodeText(opts.bytes), 'plain');
  } else throw unsupportedMediaType(opts.filename, opts.mediaType);
  checkPageLimit(raw.length, opts.maxPages);
  const wanted = new Set(parsePageRanges(opts.pageRanges, raw.length));
  const pages = raw.filter((p) => wanted.has(p.number)).map(buildPage);
  opts.onPagesRead?.(pages.length);
  return { pageCount: raw.length, pages, embedded: [], warnings: [] };
}

async function readPdf(opts: ReadOptions): Promise<DocumentModel> {
  const doc = await openPdf(opts.bytes);
  // Scanned pages are rendered in a worker thread, created for the first page that needs it.
  let renderer: ReturnType<typeof createPdfRenderer> | undefined;
  try {
    checkPageLimit(doc.numPages, opts.maxPages);
    const pages: Page[] = [];
    const engines = new Set<string>();
    for (const number of parsePageRanges(opts.pageRanges, doc.numPages)) {
      throwIfAborted(opts.signal);
      const page = await doc.getPage(number);
      try {
        const text = await readPdfTextPage(page);
        if (text.words.length >= MIN_TEXT_LAYER_WORDS) {
          pages.push(buildPage({ number, width: text.width, height: text.height, source: 'text', words: text.words }));
          opts.onPagesRead?.(1);
          continue;
        }
        renderer ??= createPdfRenderer(opts.bytes);
        const rendered = await renderer.render(number, { targetWidth: opts.ocrTargetWidth, maxPixels: opts.maxPixels });
        const { recognizeUpright } = await orientation();
        const { result: ocr, rotation } = await recognizeUpright(await opts.ocr(), rendered.image, opts.signal);
        if (ocr.engine) engines.add(ocr.engine);
        const words = repairOcrWords(dropOcrNoise(ocr.words)).map((w) => ({ ...w, bbox: scaleBox(w.bbox, 1 / rendered.scale) }));
        // A scan turned a quarter: the page as read is the upright one, its sides swapped.
        const [width, height] = rotation === 90 || rotation === 270 ? [text.height, text.width] : [text.width, text.height];
        pages.push(buildPage({ number, width, height, source: 'ocr', words }));
        opts.onPagesRead?.(1);
      } catch (err) {
        if ((err as { code?: string }).code) throw err;
        const detail = err instanceof Error ? err.message : String(err);
        throw documentError('FILE_CORRUPT', `Page ${number} of the PDF could not be read (${detail}).`);
      } finally {
        page.cleanup();
      }
    }
    const embedded: EmbeddedInvoice[] = [];
    for (const attachment of await readPdfAttachments(doc).catch(() => [])) {
      const { readEmbeddedInvoice } = await embeddedInvoice();
      embedded.push({ ...attachment, ...(await readEmbeddedInvoice(attachment.xml)) });
    }
    return { pageCount: doc.numPages, pages, embedded, warnings: [], ...(engines.size ? { ocrEngines: [...engines] } : {}) };
  } finally {
    renderer?.close();
    await doc.destroy();
  }
}

async function readImage(opts: ReadOptions): Promise<DocumentModel> {
  const [{ countImagePages, decodeImagePage }, { recognizeUpright }] = await Promise.all([imageDecode(), orientation()]);
  const count = await countImagePages(opts.bytes, opts.maxPixels);
  checkPageLimit(count, opts.maxPages);
  const numbers = parsePageRanges(opts.pageRanges, count);
  const pages: Page[] = [];
  const engines = new Set<string>();
  for (const number of numbers) {
    throwIfAborted(opts.signal);
    const decoded = await decodeImagePage(opts.bytes, number - 1, opts.ocrTargetWidth, opts.maxPixels);
    const { result: ocr, image, rotation } = await recognizeUpright(await opts.ocr(), decoded.image, opts.signal);
    if (ocr.engine) engines.add(ocr.engine);
    const { pointsPerPixel } = decoded;
    // Margins were cut from the unrotated raster; after a turn, place words from the corner.
    const offset: [number, number] = rotation === 0 ? decoded.offset : [0, 0];
    const raw: RawPage = {
      number,
      width: image.width * pointsPerPixel + 2 * offset[0],
      height: image.height * pointsPerPixel + 2 * offset[1],
      source: 'ocr',
      words: repairOcrWords(dropOcrNoise(ocr.words)).map((w) => ({ ...w, bbox: shiftBox(scaleBox(w.bbox, pointsPerPixel), offset) })),
    };
    pages.push(buildPage(raw));
    opts.onPagesRead?.(1);
  }
  return { pageCount: count, pages, embedded: [], warnings: [], ...(engines.size ? { ocrEngines: [...engines] } : {}) };
}
