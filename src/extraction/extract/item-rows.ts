import { cite } from './candidate.js';
import type { ExtractionContext } from './context.js';
import type { NumberedPositions } from './numbered-positions.js';

/**
 * The rows of an item table, counted the way a person counts them without reading the columns: a
 * header row (three or more cells, no digits) over rows of as many cells or more that end in an
 * amount under the header's last column. A row of fewer cells (a wrapped description) is passed
 * over; the first other row (the totals) ends the table. The longest such table of the document
 * wins, its rows summed over pages.
 */
const AMOUNT = /\d[.,]\d{2}(?!\d)\s*(?:[A-Z]{3}|[€$£])?$/;

export function itemRows(ctx: ExtractionContext): NumberedPositions | null {
  let best: NumberedPositions | null = null;
  let total: NumberedPositions = { count: 0, citations: [] };
  for (const index of ctx.pages) {
    let page: NumberedPositions | null = null;
    for (const [r, header] of index.segments.entries()) {
      if (header.length < 3 || header.some((s) => /\d/.test(s.text))) continue;
      const last = header[header.length - 1].line.bbox;
      const rows: NumberedPositions = { count: 0, citations: [] };
      for (let i = r + 1; i < index.segments.length; i++) {
        const row = index.segments[i];
        const end = row[row.length - 1];
        const underLast = end && Math.min(end.line.bbox[2], last[2]) - Math.max(end.line.bbox[0], last[0]) > -4;
        if (row.length >= Math.min(3, header.length) && underLast && AMOUNT.test(end.text.trim())) {
          rows.count++;
          rows.citations.push(cite(row[0].page, row[0].line.words));
        } else if (row.length === 1 && rows.count && !/\d/.test(row[0].text)) continue;
        else break;
      }
      if (rows.count && (!page || rows.count > page.count)) page = rows;
    }
    if (page) total = { count: total.count + page.count, citations: [...total.citations, ...page.citations] };
  }
  if (total.count) best = total;
  return best;
}
