import type { LabelledFields } from '../extract/key-value.js';
import { matchLabels } from '../extract/labels.js';
import type { Segment } from '../extract/layout-index.js';
import { zeroRow } from './scored-candidate.js';

/** The value of `key` in `cache`, computed by `compute` the first time it is asked for. */
export function once<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** How many items have each key (keys compared as a Map compares them). */
export function countBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** The items of each key, in their order. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The segments' texts joined by one space, built in a loop: `map(...).join` gave arrays of two kinds
 * (see layout-index.ts indexDocument) to the code that joined them.
 */
function joinTexts(row: readonly Segment[]): string {
  let t = '';
  for (let i = 0; i < row.length; i++) t += i ? ` ${row[i].text}` : row[i].text;
  return t;
}

/**
 * What the candidates of one document read from their rows, each computed once per row, segment or
 * text rather than once per candidate (a row of ten amounts asked the same ten times): the row's
 * text and its share of letters, the labels left of a position on the row, and the sum over its
 * segments of `perSegment` (how many amounts or dates a segment prints).
 */
export function rowReadings(families: LabelledFields, perSegment: (seg: Segment) => number) {
  const texts = new Map<Segment[], string>();
  const letters = new Map<Segment[], number>();
  const counts = new Map<Segment[], number>();
  // The folded texts of the segments left of each segment, each followed by a space.
  const lefts = new Map<Segment, string>();
  const labels = new Map<string, number[]>();
  const text = (row: Segment[]) => once(texts, row, () => joinTexts(row));
  return {
    text,
    letters: (row: Segment[]) =>
      once(letters, row, () => {
        const t = text(row);
        return (t.match(/\p{L}/gu) ?? []).length / Math.max(1, t.length);
      }),
    count: (row: Segment[]) => once(counts, row, () => row.reduce((n, s) => n + perSegment(s), 0)),
    /**
     * The folded text left of character `index` of `seg` on its row (the segments that start left
     * of it, then its own text up to there), and per family the weight of the strongest label in it.
     */
    labelsLeftOf: (row: Segment[], seg: Segment, index: number): number[] => {
      const left = once(lefts, seg, () => {
        let t = '';
        for (const s of row) if (s.line.bbox[0] < seg.line.bbox[0]) t += `${s.folded} `;
        return t;
      });
      const rowLeft = left + seg.folded.slice(0, index);
      return once(labels, rowLeft, () => {
        // Doubles, like the rows they are copied into (a weight is 1 or 0.6).
        const weights = zeroRow(families.lists.length);
        if (!families.any.test(rowLeft)) return weights;
        for (let k = 0; k < families.lists.length; k++) {
          for (const m of matchLabels('', rowLeft, families.lists[k])) weights[k] = Math.max(weights[k], m[2]);
        }
        return weights;
      });
    },
  };
}
