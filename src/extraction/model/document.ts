import type { CiiInvoice } from '../einvoice/cii.js';
/**
 * The one document model every stage reads: pages → words (with boxes) → lines → blocks.
 * Coordinates are PDF points (1/72 in) from the page's top-left corner, whatever the source
 * (text layer, OCR of a raster, DOCX or plain text), so citations mean the same thing everywhere.
 */
export type BBox = [x0: number, y0: number, x1: number, y1: number];

export interface Word {
  text: string;
  bbox: BBox;
  /** 1 for a text layer; the OCR engine's confidence (0–1) for recognised words. */
  confidence: number;
}

export interface Line {
  words: Word[];
  text: string;
  bbox: BBox;
}

/** A run of lines that belong together (a paragraph, an address, a column cell). */
export interface Block {
  lines: Line[];
  bbox: BBox;
}

export type PageSource = 'text' | 'ocr' | 'docx' | 'plain';

export interface Page {
  /** 1-based number within the original document (kept when page ranges select a subset). */
  number: number;
  width: number;
  height: number;
  source: PageSource;
  words: Word[];
  lines: Line[];
  blocks: Block[];
}

/** Structured data a file carries besides its pages (Factur-X / ZUGFeRD XML attachment). */
export interface EmbeddedInvoice {
  filename: string;
  xml: string;
  /** The invoice the XML describes, parsed while the document was read (null: not a CII invoice, or refused). */
  invoice: CiiInvoice | null;
  /** Why the XML was not read (too large, too deep, a DTD), or null. */
  refused: string | null;
}

export interface DocumentModel {
  /** Pages in the original document, whether or not all were read. */
  pageCount: number;
  pages: Page[];
  embedded: EmbeddedInvoice[];
  warnings: { code: string; message: string }[];
  /** The OCR engines that read its scanned pages, when any did ('paddle', 'tesseract'). */
  ocrEngines?: string[];
}

export function unionBox(boxes: readonly BBox[]): BBox {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    if (b[0] < x0) x0 = b[0];
    if (b[1] < y0) y0 = b[1];
    if (b[2] > x1) x1 = b[2];
    if (b[3] > y1) y1 = b[3];
  }
  return boxes.length ? [x0, y0, x1, y1] : [0, 0, 0, 0];
}

/**
 * unionBox of the items' boxes (words, lines), without the array of boxes: the same comparisons in
 * the same order. Hot callers (every line, row and citation) passed `words.map((w) => w.bbox)`, an
 * array whose kind changed once V8 optimized them, which threw their optimized code away.
 */
export function unionBoxOf(words: readonly { bbox: BBox }[]): BBox {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < words.length; i++) {
    const b = words[i].bbox;
    if (b[0] < x0) x0 = b[0];
    if (b[1] < y0) y0 = b[1];
    if (b[2] > x1) x1 = b[2];
    if (b[3] > y1) y1 = b[3];
  }
  return words.length ? [x0, y0, x1, y1] : [0, 0, 0, 0];
}

/** The words' texts joined by one space (what `words.map((w) => w.text).join(' ')` gives), built in a loop like unionBoxOf. */
export function textOfWords(words: readonly { text: string }[]): string {
  let t = '';
  for (let i = 0; i < words.length; i++) t += i ? ` ${words[i].text}` : words[i].text;
  return t;
}

export function roundBox(b: BBox): BBox {
  return [round1(b[0]), round1(b[1]), round1(b[2]), round1(b[3])];
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
