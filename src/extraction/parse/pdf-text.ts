import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import type { BBox, Word } from '../model/document.js';

export interface PdfTextPage {
  width: number;
  height: number;
  words: Word[];
}

type Matrix = [number, number, number, number, number, number];

function multiply(m1: Matrix, m2: number[]): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/**
 * Reads a page's text layer as words in top-left page coordinates. pdfjs gives text runs (often
 * several words, sometimes part of one); each run is split on whitespace and its width shared out
 * in proportion to character count — exact enough for citations and column detection without
 * measuring glyphs.
 */
export async function readPdfTextPage(page: PDFPageProxy): Promise<PdfTextPage> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const words: Word[] = [];
  for (const raw of content.items) {
    const item = raw as TextItem;
    if (!item.str || !item.str.trim()) continue;
    const m = multiply(viewport.transform as Matrix, item.transform);
    const fontHeight = Math.hypot(m[2], m[3]);
    if (fontHeight <= 0) continue;
    // Horizontal text only in this pass: rotated runs (stamps, vertical margins) rarely carry fields.
    const horizontal = Math.abs(m[1]) < 1e-3 && Math.abs(m[2]) < 1e-3;
    const scaleX = Math.hypot(m[0], m[1]) / Math.hypot(item.transform[0], item.transform[1]) || 1;
    const width = item.width * scaleX;
    const baseline = m[5];
    const top = baseline - fontHeight * 0.8;
    const bottom = baseline + fontHeight * 0.2;
    if (!horizontal) {
      const text = item.str.trim();
      words.push({ text, bbox: [m[4], top, m[4] + width, bottom], confidence: 1 });
      continue;
    }
    const chars = item.str.length;
    const charWidth = chars ? width / chars : 0;
    const re = /\S+/g;
    for (let match = re.exec(item.str); match; match = re.exec(item.str)) {
      const x0 = m[4] + match.index * charWidth;
      const bbox: BBox = [x0, top, x0 + match[0].length * charWidth, bottom];
      words.push({ text: match[0], bbox, confidence: 1 });
    }
  }
  return { width: viewport.width, height: viewport.height, words };
}
