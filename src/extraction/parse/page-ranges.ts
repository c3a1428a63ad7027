import { documentError } from '../extraction-errors.js';

/**
 * Parses "1-3,5,8-" into the sorted 1-based page numbers it selects from a document of `pageCount`
 * pages. An open end ("8-") runs to the last page; pages past the end are ignored, but a range that
 * selects nothing at all is an error rather than a silently empty result.
 */
export function parsePageRanges(spec: string | undefined, pageCount: number): number[] {
  const all = Array.from({ length: pageCount }, (_, i) => i + 1);
  if (spec === undefined || spec.trim() === '') return all;
  const selected = new Set<number>();
  for (const part of spec.split(',')) {
    const token = part.trim();
    if (!token) continue;
    const m = /^(\d+)?\s*(-)?\s*(\d+)?$/.exec(token);
    if (!m || (!m[1] && !m[3])) {
      throw documentError('INVALID_PAGE_RANGE', `'${token}' is not a page range; use e.g. "1-3,5".`);
    }
    const from = m[1] ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] ? Number(m[3]) : pageCount) : from;
    if (from < 1 || to < from) {
      throw documentError('INVALID_PAGE_RANGE', `'${token}' is not a valid page range.`);
    }
    for (let p = from; p <= Math.min(to, pageCount); p++) selected.add(p);
  }
  if (selected.size === 0) {
    throw documentError('INVALID_PAGE_RANGE', `The page range '${spec}' selects no page of this ${pageCount}-page document.`);
  }
  return [...selected].sort((a, b) => a - b);
}
