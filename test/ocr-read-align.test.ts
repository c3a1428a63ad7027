import { describe, expect, it } from 'vitest';
import { alignLines, editErrors, parseSroieLines } from '../bench/ocr-read-align.js';
import { type CompactStep, decodeCompact } from '../bench/ocr-read-decode.js';

describe('OCR read diagnostic: alignment', () => {
  it('counts edits by kind: letters, dropped, spaces, punctuation', () => {
    expect(editErrors('JALAN 3/4,', 'JALAN 3/4,')).toEqual({ letter: 0, case: 0, dropped: 0, added: 0, spaceMissing: 0, spaceExtra: 0, punct: 0 });
    expect(editErrors('TAMAN MALURI', 'TAMAN MA LURI')).toMatchObject({ spaceExtra: 1, letter: 0 });
    expect(editErrors('TAMAN MALURI', 'TAMANMALURI')).toMatchObject({ spaceMissing: 1 });
    expect(editErrors('NO.53 55,57', 'NO.5355.57')).toMatchObject({ spaceMissing: 1, punct: 1 });
    expect(editErrors('SDN BHD', 'SDN 8HD')).toMatchObject({ letter: 1 });
    expect(editErrors('CORNER', 'CONER')).toMatchObject({ dropped: 1 });
  });

  it('pairs lines by box overlap: one to one, merged, missed and extra', () => {
    const truth = [
      { box: [10, 10, 100, 30], text: 'TOTAL' },
      { box: [200, 10, 260, 30], text: '9.00' },
      { box: [10, 50, 120, 70], text: 'THANK YOU' },
      { box: [10, 90, 120, 110], text: 'APPROVED' },
    ] as const;
    const ours = [
      { box: [8, 8, 262, 32], text: 'Total 9.00' },
      { box: [10, 50, 120, 70], text: 'THANK Y0U' },
      { box: [10, 130, 120, 150], text: 'junk' },
    ] as const;
    const kinds = alignLines(truth.map((l) => ({ ...l, box: [...l.box] })), ours.map((l) => ({ ...l, box: [...l.box] })));
    const by = Object.fromEntries(kinds.map((c) => [c.kind, c]));
    expect(by.merged).toMatchObject({ truth: 'TOTAL 9.00', ours: 'TOTAL 9.00' });
    expect(by.merged.errors.letter).toBe(0);
    expect(by.one.errors.letter).toBe(1);
    expect(by.missed.truth).toBe('APPROVED');
    expect(by.extra.ours).toBe('JUNK');
  });

  it('reads SROIE box rows and leaves out the untranscribed "***"', () => {
    const lines = parseSroieLines('72,25,326,25,326,64,72,64,TAN WOON YANN\n1,2,3,2,3,4,1,4,***\n50,82,440,82,440,121,50,121,NO.53 55,57 & 59\n');
    expect(lines).toEqual([
      { box: [72, 25, 326, 64], text: 'TAN WOON YANN' },
      { box: [50, 82, 440, 121], text: 'NO.53 55,57 & 59' },
    ]);
  });
});

describe('OCR read diagnostic: offline decoding', () => {
  // Classes: 0 blank, 1 'A', 2 'B', 3 space. A B at steps 0 and 2 (a faint space between), B A at 8 and 10.
  const dictionary = ['A', 'B'];
  const steps: CompactStep[] = [
    [1, 0.9, 0, 1, 0.9],
    [0, 0.8, 0.02, 1, 0.1],
    [2, 0.9, 0, 2, 0.9],
    [0, 0.9, 0.001, 2, 0.05],
    [0, 0.9, 0.02, 2, 0.05],
    [0, 0.9, 0.001, 2, 0.05],
    [0, 0.9, 0.001, 2, 0.05],
    [0, 0.9, 0.001, 2, 0.05],
    [2, 0.9, 0, 2, 0.9],
    [0, 0.9, 0.001, 2, 0.05],
    [1, 0.9, 0, 1, 0.9],
  ];
  it('decodes as the reader does: a space from the threshold on, a fainter one only across a wide gap', () => {
    expect(decodeCompact(steps, dictionary, { spaceThreshold: 0.03 })).toBe('ABBA');
    expect(decodeCompact(steps, dictionary, { spaceThreshold: 0.01 })).toBe('A B BA');
    expect(decodeCompact(steps, dictionary, { spaceThreshold: 0.03, spaceGap: { threshold: 0.01, pitch: 1.2 } })).toBe('AB BA');
  });
});
