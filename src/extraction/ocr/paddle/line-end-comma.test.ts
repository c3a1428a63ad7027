import { describe, expect, it } from 'vitest';
import type { OcrWord } from '../ocr-engine.js';
import { addLineEndCommas, commaAfter, lineEndBox, wordsByLine } from './line-end-comma.js';

const word = (text: string, bbox: [number, number, number, number]): OcrWord => ({ text, bbox, confidence: 0.9 });

describe('line-end commas', () => {
  it('reads again the end of a line that stops on a letter or digit, not one that ends in punctuation', () => {
    expect(lineEndBox([word('JALAN', [10, 100, 110, 120]), word('ANGSA', [120, 100, 220, 120])], 1000)).toEqual([190, 100, 230, 120]);
    expect(lineEndBox([word('SELANGOR.', [10, 100, 200, 120])], 1000)).toBeNull();
    // At the page's edge there is nothing past the word to read.
    expect(lineEndBox([word('ANGSA', [120, 100, 1000, 120])], 1000)).toBeNull();
  });

  it('takes a comma only right after the same last character', () => {
    expect(commaAfter('ANGSA', [word('SA,', [0, 0, 1, 1])])).toBe(true);
    expect(commaAfter('6/37A', [word('7a ,', [0, 0, 1, 1])])).toBe(true);
    expect(commaAfter('ANGSA', [word('SA', [0, 0, 1, 1])])).toBe(false);
    expect(commaAfter('ANGSA', [word('S4,', [0, 0, 1, 1])])).toBe(false);
    expect(commaAfter('ANGSA', [word(',', [0, 0, 1, 1])])).toBe(false);
  });

  it('splits a page reading back into its lines and adds the commas the ends show', async () => {
    const words = [word('LOT', [10, 100, 60, 120]), word('2811', [70, 100, 130, 120]), word('TAMAN', [10, 130, 100, 150]), word('TEL', [10, 160, 60, 180])];
    expect(wordsByLine(words).map((l) => l.map((w) => w.text))).toEqual([['LOT', '2811'], ['TAMAN'], ['TEL']]);
    const read = async (box: [number, number, number, number]) => (box[1] === 100 ? [word('11,', box)] : box[1] === 130 ? [word('AN', box)] : [word('EL.', box)]);
    const out = await addLineEndCommas(words, 1000, read);
    expect(out.map((w) => w.text)).toEqual(['LOT', '2811,', 'TAMAN', 'TEL']);
    expect(words[1].text).toBe('2811');
  });
});
