import { stringify } from 'csv-stringify/sync';
import type { Cell, Table } from './tabulate.js';

/**
 * A spreadsheet opening the CSV would run a text cell starting with one of these as a formula
 * (OWASP "CSV injection"); such cells get a leading apostrophe. Typed numbers are left alone, so
 * -12.50 stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
export function renderCsv(table: Table): string {
  return stringify([table.columns.map(csvCell), ...table.rows.map((row) => row.map(csvCell))], { record_delimiter: 'windows' });
}
