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
