import type { FieldKind } from './field-kinds.js';
import type { FieldScore } from './score-item.js';

/** A field's figures over a run: score.mjs's counts, precision/recall/F1, and array accuracy for lists. */
export interface FieldSummary {
  field: string;
  kind: FieldKind;
  gold: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Scalars: correct / expected. Lists: array accuracy (correct cells / max(expected, predicted cells)). */
  accuracy: number;
  cells_correct?: number;
  cells_total?: number;
}

export interface CalibrationBand {
  /** [min, max) of confidence; the top band includes 1. */
  min: number;
  max: number;
  values: number;
  correct: number;
  /** correct / values, or null for an empty band. */
  accuracy: number | null;
}

export interface RunFigures {
  fields: FieldSummary[];
  /** score.mjs's overall_field_f1 (list rows included) and overall_scalar_field_f1. */
  overall_f1: number;
  overall_scalar_f1: number;
  calibration: CalibrationBand[];
  /** Predicted scalar values without a confidence band (not returned). */
  not_returned: number;
}

interface Counts {
  gold: number;
  tp: number;
  fp: number;
  fn: number;
}

export function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** The same bands bench/accuracy-calibration.ts prints, highest first. */
const BANDS = [0.9, 0.7, 0.5, 0.3, 0];

/** Sums every item's field scores per field, overall, and per confidence band (scalars). */
export function summarize(items: FieldScore[][]): RunFigures {
  const byField = new Map<string, FieldSummary>();
  const overall: Counts = { gold: 0, tp: 0, fp: 0, fn: 0 };
  const scalar: Counts = { gold: 0, tp: 0, fp: 0, fn: 0 };
  const bands: CalibrationBand[] = BANDS.map((min, i) => ({ min, max: i === 0 ? 1 : BANDS[i - 1], values: 0, correct: 0, accuracy: null }));
  let notReturned = 0;
  for (const item of items) {
    for (const s of item) {
      let f = byField.get(s.field);
      if (!f) {
        f = { field: s.field, kind: s.kind, gold: 0, tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0, accuracy: 0 };
        if (s.kind === 'list') Object.assign(f, { cells_correct: 0, cells_total: 0 });
        byField.set(s.field, f);
      }
      for (const c of [f, overall, ...(s.kind === 'list' ? [] : [scalar])]) {
        c.gold += s.gold;
        c.tp += s.tp;
        c.fp += s.fp;
        c.fn += s.fn;
      }
      if (s.kind === 'list') {
        f.cells_correct! += s.cells_correct ?? 0;
        f.cells_total! += s.cells_total ?? 0;
        continue;
      }
      if (s.tp + s.fp === 0) notReturned++;
      else if (typeof s.confidence === 'number') {
        const band = bands.find((b) => s.confidence! >= b.min) ?? bands[bands.length - 1];
        band.values++;
        band.correct += s.tp;
      }
    }
  }
  for (const b of bands) b.accuracy = b.values ? b.correct / b.values : null;
  const fields = [...byField.values()].sort((a, b) => a.field.localeCompare(b.field));
  for (const f of fields) {
    Object.assign(f, prf(f));
    f.accuracy = f.kind === 'list' ? (f.cells_total ? f.cells_correct! / f.cells_total : 0) : f.gold ? f.tp / f.gold : 0;
  }
  return { fields, overall_f1: prf(overall).f1, overall_scalar_f1: prf(scalar).f1, calibration: bands, not_returned: notReturned };
}
