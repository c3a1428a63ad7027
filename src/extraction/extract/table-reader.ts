import type { Row } from '../layout/lines.js';
import type { BBox, Word } from '../model/document.js';
import { cite } from './candidate.js';
import type { Citation } from '../model/result.js';
import type { ExtractionContext } from './context.js';
import { matchLabels } from './labels.js';
import { fold } from './text-fold.js';

export interface ColumnSpec {
  key: string;
  /** Matches a header cell's folded text. */
  header: RegExp;
  numeric?: boolean;
}

interface PlacedColumn {
  key: string;
  numeric: boolean;
  x0: number;
  x1: number;
}

export interface TableRowRead {
  cells: Record<string, string>;
  citation: Citation;
}

const words = (row: Row): Word[] => row.lines.flatMap((l) => l.words);

/**
 * Finds a header row: its segments (or single words) match at least `minColumns` column specs.
 * Column bounds run to the midpoint between neighbouring headers, so right-aligned numbers under
 * short headers still land in their column.
 */
function placeColumns(row: Row, specs: ColumnSpec[], minColumns: number): PlacedColumn[] | null {
  const found: { key: string; numeric: boolean; x0: number; x1: number }[] = [];
  // The row's segments, then its words; and each one's text as headers are written (folded, letters
  // and digits), made once for all specs. Pushed in loops: mapped arrays changed kind once V8
  // optimized this (see layout-index.ts indexDocument), and it was compiled again.
  const cells: { text: string; bbox: BBox }[] = [];
  for (const l of row.lines) cells.push({ text: l.text, bbox: l.bbox });
  for (const l of row.lines) for (const w of l.words) cells.push({ text: w.text, bbox: w.bbox });
  const heads: string[] = [];
  for (const c of cells) heads.push(fold(c.text).replace(/[^a-z0-9%.\s/-]/g, '').trim());
  for (const spec of specs) {
    let cell: { text: string; bbox: BBox } | undefined;
    for (let i = 0; i < cells.length; i++) {
      if (spec.header.test(heads[i])) {
        cell = cells[i];
        break;
      }
    }
    if (cell && !found.some((f) => Math.abs(f.x0 - cell.bbox[0]) < 1)) found.push({ key: spec.key, numeric: Boolean(spec.numeric), x0: cell.bbox[0], x1: cell.bbox[2] });
  }
  if (found.length < minColumns) return null;
  found.sort((a, b) => a.x0 - b.x0);
  return found.map((f, i) => ({
    key: f.key,
    numeric: f.numeric,
    x0: i === 0 ? -Infinity : (found[i - 1].x1 + f.x0) / 2,
    x1: i === found.length - 1 ? Infinity : (f.x1 + found[i + 1].x0) / 2,
  }));
}

/** Rows a continued page may print above its table (vendor, page number, document number, a blank). */
const MAX_RUNNING_HEADER_ROWS = 6;

/** A row's words placed in the columns. */
function cellsOf(row: Row, columns: PlacedColumn[], textKey: string): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const w of words(row)) {
    const numericLike = /\d/.test(w.text) && !/[a-z]{3,}/i.test(w.text);
    const x = numericLike ? w.bbox[2] - 1 : (w.bbox[0] + w.bbox[2]) / 2;
    let col = columns.find((c) => x >= c.x0 && x < c.x1);
    // Text never belongs in a numeric column: it spills over from the description.
    if (col?.numeric && !numericLike) col = columns.find((c) => c.key === textKey) ?? col;
    if (!col) continue;
    cells[col.key] = cells[col.key] ? `${cells[col.key]} ${w.text}` : w.text;
  }
  return cells;
}

/** Which numeric columns a row fills ('' when none, or no row): the shape a continued row must repeat. */
function numericShape(columns: PlacedColumn[], cells: Record<string, string> | undefined): string {
  if (!cells) return '';
  return columns
    .filter((c) => c.numeric && cells[c.key])
    .map((c) => c.key)
    .join(',');
}

const TOTAL_FIELDS = ['subtotal', 'total_amount', 'tax_amount', 'amount_due'];
const STOP = /(?<![a-z])(?:sub[\s-]*total|total|totaal|totale|gesamt|summe|zwischensumme|nettobetrag|montant|net\s*amt|rechnungssumme|tax|vat|gst|mwst|tva|iva|btw|amount\s*due|balance|rounding|cash|change|belegsummen|steuer|tendered)(?![a-z])/;

/**
 * Reads the rows under a table header into cells keyed by column. A row whose numeric columns are
 * empty continues the description of the row above (descriptions wrap); the table ends at a totals
 * line, or after a gap of more than three line heights. Rows continue over pages: a header repeated
 * on a later page resumes the table, and without one the table goes on at the first row that fills
 * the same numeric columns as the last row read (a page's running header above it — vendor, "Page 2",
 * invoice number — is passed over; a page that starts with anything else ends the table).
 */
export function readTable(ctx: ExtractionContext, specs: ColumnSpec[], opts: { minColumns?: number; textKey: string }): TableRowRead[] {
  const out: TableRowRead[] = [];
  let columns: PlacedColumn[] | null = null;
  for (const page of ctx.pages) {
    let lastBottom = 0;
    // Height of the table's own rows (header, items): a short speck row must not shrink the gap allowed.
    let lineHeight = 0;
    // Set while a table from an earlier page waits for its first row on this one.
    let carried = columns ? { skipped: 0, shape: numericShape(columns, out[out.length - 1]?.cells) } : null;
    for (const row of page.rows) {
      const header = placeColumns(row, specs, opts.minColumns ?? 2);
      if (header && header.some((c) => c.numeric)) {
        columns = header;
        carried = null;
        lastBottom = row.bbox[3];
        lineHeight = row.bbox[3] - row.bbox[1];
        continue;
      }
      if (!columns) continue;
      const rowText = fold(row.lines.map((l) => l.text).join(' '));
      // Dust on a scan is read as a row of ":" or ";": no letter, no digit, not a row of the table.
      if (!/[\p{L}\d]/u.test(rowText)) continue;
      if (carried) {
        const cells = cellsOf(row, columns, opts.textKey);
        if (carried.shape && numericShape(columns, cells) === carried.shape) {
          carried = null;
          lastBottom = row.bbox[1]; // no gap to measure from the page's top
        } else {
          if (++carried.skipped > MAX_RUNNING_HEADER_ROWS || !carried.shape) columns = null;
          continue;
        }
      }
      const h = Math.max(row.bbox[3] - row.bbox[1], lineHeight);
      // A totals line ends the table, wherever on the row its label sits: the same multilingual
      // labels the totals are read with.
      if (STOP.test(rowText) || TOTAL_FIELDS.some((f) => matchLabels(f, rowText).length > 0) || row.bbox[1] - lastBottom > 3.5 * h) {
        columns = null;
        continue;
      }
      lastBottom = row.bbox[3];
      const cells = cellsOf(row, columns, opts.textKey);
      const hasNumbers = columns.some((c) => c.numeric && cells[c.key]);
      if (!hasNumbers) {
        const prev = out[out.length - 1];
        if (prev && cells[opts.textKey]) prev.cells[opts.textKey] = `${prev.cells[opts.textKey] ?? ''} ${cells[opts.textKey]}`.trim();
        continue;
      }
      lineHeight = row.bbox[3] - row.bbox[1];
      out.push({ cells, citation: cite(page.page, words(row)) });
    }
  }
  return out;
}
