import { describe, expect, it } from 'vitest';
import { ctcWords, decodeCtc } from './ctc-decode.js';

// Classes: 0 blank, 1..3 the dictionary ("A", "B", "1"), 4 the space.
const DICTIONARY = ['A', 'B', '1'];
const CLASSES = DICTIONARY.length + 2;

/** One row per time step: the class that leads (with p) and, optionally, the space's probability. */
function matrix(rows: { c: number; p?: number; space?: number }[]): Float32Array {
  const out = new Float32Array(rows.length * CLASSES);
  rows.forEach(({ c, p = 0.9, space = 0.001 }, t) => {
    const base = t * CLASSES;
    if (c !== 4) out[base + 4] = space;
    out[base + c] = p;
    const rest = (1 - out.slice(base, base + CLASSES).reduce((s, v) => s + v, 0)) / CLASSES;
    for (let k = 0; k < CLASSES; k++) if (k !== c) out[base + k] += Math.max(0, rest);
  });
  return out;
}

describe('decodeCtc', () => {
  it('with spaceGap, reads a faint space only where the characters around it stand apart', () => {
    // A B at steps 0, 2 and 4 (pitch 2); a gap of 6 steps before the last B; both gaps hold a
    // space probability of 0.04, under the sure threshold of 0.1.
    const rows = [{ c: 1 }, { c: 0, space: 0.04 }, { c: 2 }, { c: 0 }, { c: 1 }, { c: 0 }, { c: 0, space: 0.04 }, { c: 0 }, { c: 0 }, { c: 0 }, { c: 2 }, { c: 0 }, { c: 1 }];
    const text = (options: Parameters<typeof decodeCtc>[3]) => decodeCtc(matrix(rows), rows.length, CLASSES, options).map((c) => c.text).join('');
    expect(text({ dictionary: DICTIONARY, spaceThreshold: 0.03 })).toBe('A BA BA');
    expect(text({ dictionary: DICTIONARY, spaceThreshold: 0.1 })).toBe('ABABA');
    expect(text({ dictionary: DICTIONARY, spaceThreshold: 0.1, spaceGap: { threshold: 0.02, pitch: 1.2 } })).toBe('ABA BA');
    // Fainter than the gap rule's own threshold: no space.
    expect(text({ dictionary: DICTIONARY, spaceThreshold: 0.1, spaceGap: { threshold: 0.07, pitch: 1.2 } })).toBe('ABABA');
  });

  it('collapses repeats, drops blanks and keeps a letter doubled across a blank', () => {
    const m = matrix([{ c: 1 }, { c: 1 }, { c: 0 }, { c: 1 }, { c: 2 }, { c: 0 }]);
    const chars = decodeCtc(m, 6, CLASSES, { dictionary: DICTIONARY });
    expect(chars.map((c) => c.text).join('')).toBe('AAB');
    expect(chars[0]).toMatchObject({ start: 0, end: 1 });
  });

  it('reads a blank step whose space probability is clear (≥ 0.03) as the space between two words', () => {
    const rows = [{ c: 1 }, { c: 0 }, { c: 0, space: 0.08 }, { c: 0 }, { c: 3 }];
    expect(decodeCtc(matrix(rows), 5, CLASSES, { dictionary: DICTIONARY }).map((c) => c.text).join('')).toBe('A 1');
    // Below the threshold it is no word break: plain argmax glues the words together.
    const faint = rows.map((r) => ({ ...r, space: Math.min(r.space ?? 0.001, 0.01) }));
    expect(decodeCtc(matrix(faint), 5, CLASSES, { dictionary: DICTIONARY }).map((c) => c.text).join('')).toBe('A1');
  });
});

describe('ctcWords', () => {
  it('splits at spaces and places each word half a character pitch around its first and last character', () => {
    // "AB 1B": characters on steps 1, 3, then a space on 5, then 7, 9 (pitch 2 steps).
    const rows = Array.from({ length: 11 }, () => ({ c: 0 }));
    rows[1] = { c: 1 };
    rows[3] = { c: 2 };
    rows[5] = { c: 0, space: 0.2 } as { c: number };
    rows[7] = { c: 3, p: 0.6 } as { c: number };
    rows[9] = { c: 2 };
    const words = ctcWords(decodeCtc(matrix(rows), 11, CLASSES, { dictionary: DICTIONARY }), 11);
    expect(words.map((w) => w.text)).toEqual(['AB', '1B']);
    expect(words[0]).toMatchObject({ left: 0.5, right: 4.5 });
    expect(words[1]).toMatchObject({ left: 6.5, right: 10.5 });
    expect(words[1].confidence).toBeCloseTo(0.75, 2);
  });

  it('keeps the space between two words that sit close: no box reaches into the space', () => {
    // "AB 1": the space fires on step 3, between characters on steps 2 and 4 (pitch 2).
    const rows = [{ c: 0 }, { c: 1 }, { c: 2 }, { c: 4 }, { c: 3 }, { c: 0 }];
    const words = ctcWords(decodeCtc(matrix(rows), 6, CLASSES, { dictionary: DICTIONARY }), 6);
    expect(words.map((w) => w.text)).toEqual(['AB', '1']);
    expect(words[0].right).toBe(3);
    expect(words[1].left).toBe(4);
  });
});
