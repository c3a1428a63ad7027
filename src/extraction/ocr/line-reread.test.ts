import { afterAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../../test/fixtures/documents.js';
import type { GreyImage, OcrWord } from './ocr-engine.js';
import { rereadWeakLines } from './line-reread.js';
import { TesseractEngine } from './tesseract-engine.js';
import { decodeImagePage } from '../parse/image-decode.js';

const page: GreyImage = { width: 400, height: 200, data: new Uint8Array(400 * 200).fill(255) };
const word = (text: string, confidence: number, bbox: [number, number, number, number]): OcrWord => ({ text, confidence, bbox });

describe('rereadWeakLines', () => {
  const lines = [
    { words: [word('TOTAL', 0.95, [10, 10, 60, 30])], bbox: [10, 10, 60, 30] as [number, number, number, number] },
    { words: [word('JOHOR', 0.5, [10, 100, 60, 120]), word('BAHELU', 0.4, [70, 100, 140, 120])], bbox: [10, 100, 140, 120] as [number, number, number, number] },
  ];

  it('replaces a weak line by a more confident reading, mapped back to page pixels; strong lines are not read again', async () => {
    const strips: GreyImage[] = [];
    const out = await rereadWeakLines(
      page,
      lines,
      async (strip) => {
        strips.push(strip);
        return [word('JOHOR', 0.9, [20, 20, 120, 60]), word('BAHRU', 0.9, [140, 20, 260, 60])];
      },
      { below: 0.8, scale: 2, maxLines: 5 },
    );
    expect(strips).toHaveLength(1);
    // The strip is the line with a margin of half its height (10 px), enlarged twice.
    expect(strips[0].width).toBe((140 + 10 - 0) * 2);
    expect(strips[0].height).toBe((130 - 90) * 2);
    expect(out[0]).toBe(lines[0].words);
    expect(out[1].map((w) => w.text)).toEqual(['JOHOR', 'BAHRU']);
    expect(out[1][0].bbox).toEqual([0 + 20 / 2, 90 + 20 / 2, 0 + 120 / 2, 90 + 60 / 2]);
  });

  it('keeps the first reading when the second is not more confident', async () => {
    const out = await rereadWeakLines(page, lines, async () => [word('J0H0R', 0.3, [0, 0, 10, 10])], { below: 0.8, scale: 2, maxLines: 5 });
    expect(out[1]).toBe(lines[1].words);
  });
});

describe('TesseractEngine with re-reading of weak lines', () => {
  const engine = new TesseractEngine({ workers: 1, reread: { below: 0.8, scale: 2, maxLines: 12 } });
  afterAll(() => engine.close());

  it('reads a real receipt with every word inside the page and the text intact', async () => {
    const decoded = await decodeImagePage(readDocument('data/sroie/X51005230617.jpg'), 0);
    const r = await engine.recognize(decoded.image);
    const text = r.words.map((w) => w.text).join(' ');
    expect(text).toMatch(/McDonald/i);
    for (const w of r.words) {
      expect(w.bbox[0]).toBeGreaterThanOrEqual(0);
      expect(w.bbox[2]).toBeLessThanOrEqual(decoded.image.width);
      expect(w.bbox[3]).toBeLessThanOrEqual(decoded.image.height);
      expect(w.bbox[2]).toBeGreaterThan(w.bbox[0]);
    }
  }, 120_000);
});
