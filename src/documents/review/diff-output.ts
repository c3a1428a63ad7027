import { isPlainObject, joinPath } from './review-values.js';

/** A reviewed change: the value at `path` in the initial output and in the reviewed one. */
export interface ReviewEdit {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * The changes from the initial output to the reviewed one, at the deepest path where they differ:
 * an edited amount of one line item is `line_items.1.amount`, an added entry `line_items.3` (before
 * null), a whole object set where there was none `statement_period` (before null).
 */
export function diffOutput(before: Record<string, unknown>, after: Record<string, unknown>): ReviewEdit[] {
  const edits: ReviewEdit[] = [];
  diff(before, after, '', edits);
  return edits;
}

function diff(before: unknown, after: unknown, path: string, edits: ReviewEdit[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) diff(before[key] ?? null, after[key] ?? null, joinPath(path, key), edits);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      diff(i < before.length ? before[i] : null, i < after.length ? after[i] : null, joinPath(path, i), edits);
    }
    return;
  }
  if (!sameJson(before, after)) edits.push({ path, before, after });
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
