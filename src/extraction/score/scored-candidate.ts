import type { Candidate } from '../extract/candidate.js';
import type { BBox } from '../model/document.js';

/** A typed value found on the page, with the features a trained scorer judges it by. */
export interface ScoredCandidate<T> {
  value: T;
  candidate: Candidate;
  features: Record<string, number>;
}

/** Two boxes share some area (a label's box over a value's row, a value printed twice at one place). */
export const boxesOverlap = (a: BBox, b: BBox): boolean => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * Each feature's position in a feature list (the committed weights' order), looked up once at load:
 * the invoice scorers write a candidate's features into a row by index, not into an object by name.
 */
export function featureIndex<N extends string>(names: readonly N[]): Record<N, number> {
  return Object.fromEntries(names.map((n, i) => [n, i])) as Record<N, number>;
}

/**
 * A row of `length` zeros held as doubles. Every candidate's row is a copy (`slice()`), so values
 * like 0.5 or 1/3 never change its representation; an object of 70 features whose fields started as
 * small integers was re-shaped, and the code that filled it deoptimized, each time one of them turned
 * out fractional in a later document.
 */
export function zeroRow(length: number): number[] {
  const row = new Array<number>(length).fill(0.5);
  return row.fill(0);
}

/**
 * A candidate whose features are a row in its scorer's feature order (`row[i]` is `names[i]`), as
 * computed: not-finite values stay in it (finiteRow makes the scorer's input, as toRow does).
 * `features` names them, for training and tests.
 */
export class RowCandidate<T> implements ScoredCandidate<T> {
  constructor(
    readonly value: T,
    readonly candidate: Candidate,
    readonly row: number[],
    private readonly names: readonly string[],
  ) {}

  get features(): Record<string, number> {
    const out: Record<string, number> = {};
    this.names.forEach((n, i) => (out[n] = this.row[i]));
    return out;
  }
}

/** The highest score of the reads, at least 0: what Math.max(0, ...reads.map((r) => r.score)) is, without the arrays. */
export function maxScore(reads: readonly { score: number }[]): number {
  let best = 0;
  for (const r of reads) best = Math.max(best, r.score);
  return best;
}

/**
 * The scorer's input from a row: what toRow makes of the same features (not-finite values read as 0).
 * A copy of the row (not a map of it), so that it holds doubles like every row: a mapped array of
 * whole numbers holds small integers, and the scorer's loop, fed both, was compiled again.
 */
export function finiteRow(row: readonly number[]): number[] {
  const out = row.slice();
  for (let k = 0; k < out.length; k++) if (!Number.isFinite(out[k])) out[k] = 0;
  return out;
}

/** An empty array that holds doubles whatever is pushed on it (see zeroRow), for per-row lists of numbers. */
export function emptyDoubles(): number[] {
  const out = [0.5];
  out.length = 0;
  return out;
}
