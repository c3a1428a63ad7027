import type { Word } from '../model/document.js';
import type { RawPage } from '../layout/build-page.js';

/** Typewriter geometry for text with no layout of its own: 10 pt Courier on a US Letter page. */
const CHAR_WIDTH = 6;
const LINE_HEIGHT = 12;
const MARGIN = 36;
export const LINES_PER_PAGE = 60;
const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;

/**
 * Lays plain text out as if printed in a monospaced font, so text, DOCX and PDFs share one model:
 * columns that were aligned with spaces stay aligned in x, which the table and key/value stages use.
 * Form feeds start a new page, as do every 60 lines.
 */
export function layoutPlainText(text: string, source: RawPage['source']): RawPage[] {
  const pages: RawPage[] = [];
  const chunks = text.replace(/\r\n?/g, '\n').split('\f');
  for (const chunk of chunks) {
    const lines = chunk.split('\n');
    for (let start = 0; start < lines.length || start === 0; start += LINES_PER_PAGE) {
      const words: Word[] = [];
      lines.slice(start, start + LINES_PER_PAGE).forEach((line, row) => {
        const expanded = line.replace(/\t/g, '    ');
        const top = MARGIN + row * LINE_HEIGHT;
        for (const m of expanded.matchAll(/\S+/g)) {
          const x0 = MARGIN + (m.index ?? 0) * CHAR_WIDTH;
          words.push({ text: m[0], bbox: [x0, top, x0 + m[0].length * CHAR_WIDTH, top + LINE_HEIGHT * 0.83], confidence: 1 });
        }
      });
      const width = Math.max(PAGE_WIDTH, ...words.map((w) => w.bbox[2] + MARGIN));
      pages.push({ number: pages.length + 1, width, height: PAGE_HEIGHT, source, words });
      if (lines.length <= LINES_PER_PAGE) break;
    }
  }
  // Trailing empty pages (a final form feed) carry nothing.
  while (pages.length > 1 && pages[pages.length - 1].words.length === 0) pages.pop();
  return pages;
}

export function decodeText(bytes: Buffer): string {
  // UTF-16 with a byte-order mark is what Windows tools write; everything else is read as UTF-8.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
