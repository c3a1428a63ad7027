import { type Citation, cite } from './candidate.js';
import type { ExtractionContext } from './context.js';

/**
 * The numbered positions of an item table: rows that open with 1, 2, 3 … (or 01, 02 …) down one
 * column, each with an amount on its row. Invoices number their positions; counting them needs no
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
    for (const row of index.segments) {
      const first = row[0];
      const m = first ? POSITION.exec(first.text) : null;
      if (!m || !AMOUNT.test(row.map((s) => s.text).join(' '))) continue;
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
