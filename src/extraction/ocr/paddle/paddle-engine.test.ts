import { afterAll, describe, expect, it } from 'vitest';
import { textToPdf } from '../../../../test/fixtures/text-pdf.js';
import { openPdf } from '../../parse/pdf-document.js';
import { renderPdfPageGrey } from '../../parse/pdf-render.js';
import type { GreyImage } from '../ocr-engine.js';
import { PaddleEngine } from './paddle-engine.js';
import { PaddleReader } from './paddle-reader.js';

const engine = new PaddleEngine({ workers: 2 });

afterAll(async () => {
  await engine.close();
});

const SIZE = 12;
const LEAD = SIZE * 1.35;
const LINES = ['TAX INVOICE Number INV-20418', 'Date 18/01/2018 10:27', 'Total Rounded RM 26.60', 'Cash Tendered 100.00'];

/** A real page: the lines in Courier (each character 0.6 em wide), rendered by pdfjs at 300 dpi. */
async function renderLines(lines: string[]): Promise<{ image: GreyImage; scale: number }> {
  const doc = await openPdf(textToPdf(lines.join('\n'), { fontSize: SIZE }));
  try {
    return await renderPdfPageGrey(await doc.getPage(1), 300, 0);
  } finally {
    await doc.destroy();
  }
}

/** Where a word of a line sits on the page, in pixels: Courier puts character i at 36 + 0.6·size·i points. */
function expectedBox(lineIndex: number, start: number, length: number, scale: number) {
  const x0 = (36 + start * SIZE * 0.6) * scale;
  const x1 = (36 + (start + length) * SIZE * 0.6) * scale;
  const baseline = (40 + lineIndex * LEAD) * scale;
  return { x0, x1, baseline };
}

describe('PaddleEngine (PP-OCRv4 in worker threads)', () => {
  it('reads the words of a rendered page with the spaces between them and boxes where the ink is', async () => {
    const { image, scale } = await renderLines(LINES);
    const result = await engine.recognize(image);
    expect(result.words.map((w) => w.text).join(' ')).toBe(LINES.join(' '));
    expect(result.confidence).toBeGreaterThan(0.9);
    let k = 0;
    LINES.forEach((line, li) => {
      for (const m of line.matchAll(/\S+/g)) {
        const word = result.words[k++];
        const want = expectedBox(li, m.index ?? 0, m[0].length, scale);
        // Within half a character (3.6 pt = 15 px at 300 dpi) of the glyphs' advance boxes.
        const half = SIZE * 0.3 * scale;
        expect(Math.abs(word.bbox[0] - want.x0), `${word.text} left`).toBeLessThan(half);
        expect(Math.abs(word.bbox[2] - want.x1), `${word.text} right`).toBeLessThan(half);
        // The box spans the line's baseline and is about a line high.
        expect(word.bbox[1]).toBeLessThan(want.baseline);
        expect(word.bbox[3]).toBeGreaterThan(want.baseline);
        expect(word.bbox[3] - word.bbox[1]).toBeLessThan(LEAD * 1.5 * scale);
        expect(word.confidence).toBeGreaterThan(0.8);
      }
    });
  });

  it('reads with line boxes padded at their right end by default, trailing commas kept; another pad has its own cache key', async () => {
    const unpadded = new PaddleEngine({ workers: 1, lineEndPad: 0 });
    try {
      expect(unpadded.configKey).not.toBe(engine.configKey);
      expect(JSON.parse(engine.configKey).lineEndPad).toBe(0.5);
      expect(JSON.parse(unpadded.configKey).lineEndPad).toBe(0);
      const lines = ['NO 12, JALAN MAWAR 3,', 'TAMAN SRI MUDA,', 'SHAH ALAM, SELANGOR'];
      const { image } = await renderLines(lines);
      expect((await engine.recognize(image)).words.map((w) => w.text).join(' ')).toBe(lines.join(' '));
    } finally {
      await unpadded.close();
    }
  });

  it('reads two pages at once on its two workers, each page its own words', async () => {
    const [a, b] = await Promise.all([renderLines(['Subtotal 58.00']), renderLines(['Change 73.40'])]);
    const [ra, rb] = await Promise.all([engine.recognize(a.image), engine.recognize(b.image)]);
    expect(ra.words.map((w) => w.text)).toEqual(['Subtotal', '58.00']);
    expect(rb.words.map((w) => w.text)).toEqual(['Change', '73.40']);
  });

  // Digits 2–8 only: Courier's 1 and l, 0 and O are alike even to a person.
  const code = (n: number) => [...n.toString(7)].map((d) => String(Number(d) + 2)).join('');
  const fullPage = Array.from({ length: 44 }, (_, i) => `Row ${code(i + 8)} amount ${code(i * 37 + 50)}.${code(i % 7)}5`);

  it('reads a full page, detected in overlapping bands, with every line once and in order', async () => {
    const { image } = await renderLines(fullPage);
    const result = await engine.recognize(image);
    expect(result.words.map((w) => w.text).join(' ')).toBe(fullPage.join(' '));
  });

  it('gives a page shared out among its workers the very reading of one thread', async () => {
    // A whole page of bands, and more lines than the two workers hold at once.
    const { image } = await renderLines(fullPage.slice(0, 12));
    const reader = await PaddleReader.load();
    try {
      const alone = await reader.read(image);
      expect(await engine.recognize(image)).toEqual(alone);
    } finally {
      await reader.close();
    }
  });

  it('drops a page whose extraction is cancelled while its pieces are being read', async () => {
    const { image } = await renderLines(fullPage);
    const controller = new AbortController();
    const reading = engine.recognize(image, { signal: controller.signal });
    // The page has more pieces than the two workers hold at once: the rest are still queued.
    controller.abort();
    await expect(reading).rejects.toMatchObject({ details: { reason: 'CANCELLED' } });
    // The pool reads the next page as usual.
    const next = await engine.recognize((await renderLines(['Change 73.40'])).image);
    expect(next.words.map((w) => w.text)).toEqual(['Change', '73.40']);
  });

  it('finds nothing on a blank page', async () => {
    const result = await engine.recognize({ width: 600, height: 400, data: new Uint8Array(600 * 400).fill(255) });
    expect(result.words).toEqual([]);
    expect(result.confidence).toBe(0);
  });

  it('refuses a page whose extraction was already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const { image } = await renderLines(['Total 1.00']);
    await expect(engine.recognize(image, { signal: controller.signal })).rejects.toMatchObject({ details: { reason: 'CANCELLED' } });
  });
});
