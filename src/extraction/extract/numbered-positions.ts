import { cite } from './candidate.js';
import type { Citation } from '../model/result.js';
import type { ExtractionContext } from './context.js';

/**
 * The numbered positions of an item table: rows that open with 1, 2, 3 … (or 01, 02 …) down one
 * column, each with an amount on or next to its row. Invoices number their positions; counting them needs no
 * reading of the columns, so it holds where a table's columns are not understood.
 */
export interface NumberedPositions {
  count: number;
  citations: Citation[];
}

const POSITION = /^\s*(\d{1,3})(?:[.)]?\s|[.)]?$)/;
const AMOUNT = /\d[.,]\d{2}(?!\d)/;

export function numberedPositions(ctx: ExtractionContext): NumberedPositions | null {
  const runs: { x0: number; last: number; citations: Citation[] }[] = [];
  for (const index of ctx.pages) {
    const rowText = index.segments.map((row) => row.map((s) => s.text).join(' '));
    for (const [r, row] of index.segments.entries()) {
      const first = row[0];
      const m = first ? POSITION.exec(first.text) : null;
      // The position's amount is on its row, or on a row next to it (a position set over several rows).
      if (!m || !rowText.slice(Math.max(0, r - 2), r + 3).some((t) => AMOUNT.test(t))) continue;
      const n = Number(m[1]);
      const x0 = first.line.bbox[0];
      const run = runs.find((r) => r.last === n - 1 && Math.abs(r.x0 - x0) <= 8);
      if (run) {
        run.last = n;
        run.citations.push(cite(first.page, first.line.words));
      } else if (n === 1) runs.push({ x0, last: 1, citations: [cite(first.page, first.line.words)] });
    }
  }
  const best = runs.sort((a, b) => b.last - a.last)[0];
  return best ? { count: best.last, citations: best.citations } : null;
}
