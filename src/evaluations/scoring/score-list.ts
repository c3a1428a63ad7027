import { amountsEqual, parseAmount, parseDate } from './normalize.js';
import { fieldKind, isEmpty, scalarMatch } from './field-kinds.js';

/** A list field's figures: rows matched one to one, and cells (Extend's "array accuracy"). */
export interface ListScore {
  /** Expected rows, rows matched, predicted rows left over, expected rows left over. */
  gold: number;
  tp: number;
  fp: number;
  fn: number;
  /** Correct cells of paired rows, and max(expected cells, predicted cells): array accuracy = correct / total. */
  cells_correct: number;
  cells_total: number;
}

type Row = Record<string, unknown>;

/** A list of scalars (List<String>) is scored as rows of one cell named `value`. */
function asRow(v: unknown): Row {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Row) : { value: v };
}

function filledCells(row: Row): string[] {
  return Object.keys(row).filter((k) => !isEmpty(row[k]) && !Array.isArray(row[k]) && typeof row[k] !== 'object');
}

/** One cell: the `amount` column without its sign (score.mjs ignores the sign convention of transactions). */
function cellMatch(column: string, expected: unknown, predicted: unknown): boolean {
  if (isEmpty(predicted)) return false;
  if (column === 'amount') return amountsEqual(Math.abs(parseAmount(expected)), Math.abs(parseAmount(predicted)));
  if (column === 'date') {
    const g = parseDate(expected);
    return g !== null && g === parseDate(predicted);
  }
  const kind = fieldKind(column, expected);
  return kind !== 'list' && scalarMatch(kind, expected, predicted);
}

/**
 * The cells a row is matched on: its `date` and `amount` (as score.mjs matches transactions: the
 * description and the sign are not scored), or, for rows with neither, every filled cell.
 */
function keyCells(row: Row): string[] {
  const keys = ['date', 'amount'].filter((k) => !isEmpty(row[k]));
  return keys.length > 0 ? keys : filledCells(row);
}

/**
 * Rows match one to one, in expected order, each with the first unused predicted row that agrees on
 * its key cells: row precision and recall. Array accuracy pairs the matched rows, then each remaining
 * expected row with the remaining predicted row sharing most correct cells, and divides the correct
 * cells by the larger of the expected and predicted cell counts, so missing and extra rows both cost.
 */
export function scoreList(expected: unknown[], predicted: unknown): ListScore {
  const gold = expected.map(asRow);
  const preds = (Array.isArray(predicted) ? predicted : []).map(asRow);
  const used = new Array<boolean>(preds.length).fill(false);
  const pairs: Array<[Row, Row]> = [];
  const unpaired: Row[] = [];
  let tp = 0;
  for (const g of gold) {
    const keys = keyCells(g);
    const hit = keys.length === 0 ? -1 : preds.findIndex((p, i) => !used[i] && keys.every((k) => cellMatch(k, g[k], p[k])));
    if (hit >= 0) {
      used[hit] = true;
      tp++;
      pairs.push([g, preds[hit]]);
    } else unpaired.push(g);
  }
  const correctCells = (g: Row, p: Row) => filledCells(g).filter((k) => cellMatch(k, g[k], p[k])).length;
  for (const g of unpaired) {
    let best = -1;
    let bestCount = 0;
    preds.forEach((p, i) => {
      if (used[i]) return;
      const n = correctCells(g, p);
      if (n > bestCount) [best, bestCount] = [i, n];
    });
    if (best >= 0) {
      used[best] = true;
      pairs.push([g, preds[best]]);
    }
  }
  const expectedCells = gold.reduce((n, g) => n + filledCells(g).length, 0);
  const predictedCells = preds.reduce((n, p) => n + filledCells(p).length, 0);
  const cellsCorrect = pairs.reduce((n, [g, p]) => n + correctCells(g, p), 0);
  return { gold: gold.length, tp, fp: preds.length - tp, fn: gold.length - tp, cells_correct: cellsCorrect, cells_total: Math.max(expectedCells, predictedCells) };
}
