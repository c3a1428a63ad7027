import { describe, expect, it } from 'vitest';
import { toRow } from './linear-scorer.js';
import { featureIndex, finiteRow, maxScore, RowCandidate, zeroRow } from './scored-candidate.js';

const names = ['a', 'b', 'c', 'd', 'e'] as const;

describe('feature rows', () => {
  it('names each row value by the feature list, and the scorer input is what toRow makes of those names', () => {
    const row = zeroRow(names.length);
    const at = featureIndex(names);
    row[at.b] = 0.5;
    row[at.c] = Number.NaN;
    row[at.d] = -0;
    row[at.e] = Number.POSITIVE_INFINITY;
    const c = new RowCandidate(1, { value: 1, score: 0, citations: [], via: 'scored' }, row, names);
    expect(c.features).toEqual({ a: 0, b: 0.5, c: Number.NaN, d: -0, e: Number.POSITIVE_INFINITY });
    expect(Object.is(c.features.d, -0)).toBe(true);
    expect(finiteRow(c.row)).toEqual(toRow(names, c.features));
    expect(Object.is(finiteRow(c.row)[at.d], -0)).toBe(true);
    // The input row keeps its values: the scorer reads a copy.
    expect(c.row[at.c]).toBeNaN();
    expect(c.row[at.e]).toBe(Number.POSITIVE_INFINITY);
  });

  it('starts every row at zero, and copies do not share values', () => {
    const zeros = zeroRow(3);
    const one = zeros.slice();
    one[0] = 1 / 3;
    expect(zeros).toEqual([0, 0, 0]);
    expect(one).toEqual([1 / 3, 0, 0]);
  });

  it('takes the highest score as Math.max(0, ...scores) does, NaN and -0 included', () => {
    for (const scores of [[], [0.4, 0.9, 0.1], [-1, -0], [0.2, Number.NaN, 0.7], [-0]]) {
      const expected = Math.max(0, ...scores);
      expect(Object.is(maxScore(scores.map((score) => ({ score }))), expected)).toBe(true);
    }
  });
});
