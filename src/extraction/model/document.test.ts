import { describe, expect, it } from 'vitest';
import { type BBox, textOfWords, unionBox, unionBoxOf } from './document.js';

const word = (text: string, bbox: BBox) => ({ text, bbox, confidence: 1 });

describe('unionBoxOf and textOfWords', () => {
  it('give what unionBox of the boxes and the joined texts give', () => {
    const words = [word('Invoice', [72.5, 100, 120.25, 112]), word('No.', [10, 98.5, 40, 111.75]), word('42', [130, 101, 142.5, 113.5])];
    expect(unionBoxOf(words)).toEqual(unionBox(words.map((w) => w.bbox)));
    expect(unionBoxOf(words)).toEqual([10, 98.5, 142.5, 113.5]);
    expect(textOfWords(words)).toBe('Invoice No. 42');
  });

  it('read lines as well as words (anything with a box)', () => {
    const lines = [{ bbox: [0, 0, 5, 5] as BBox }, { bbox: [-3, 2, 4, 9] as BBox }];
    expect(unionBoxOf(lines)).toEqual([-3, 0, 5, 9]);
  });

  it('give an empty box and an empty text for no words', () => {
    expect(unionBoxOf([])).toEqual(unionBox([]));
    expect(unionBoxOf([])).toEqual([0, 0, 0, 0]);
    expect(textOfWords([])).toBe('');
    expect(textOfWords([word('one', [0, 0, 1, 1])])).toBe('one');
  });
});
