import { fieldKind, isEmpty, scalarMatch, type FieldKind } from './field-kinds.js';
import { scoreList, type ListScore } from './score-list.js';

/** One expected field of one item, scored. Scalars count like score.mjs: a wrong value is an fp and an fn. */
export interface FieldScore {
  /** The field's path: `total_amount`, `statement_period.from`, `line_items`. */
  field: string;
  kind: FieldKind;
  gold: number;
  tp: number;
  fp: number;
  fn: number;
  /** Lists only: array accuracy's cells. */
  cells_correct?: number;
  cells_total?: number;
  /** Scalars only: the predicted value's confidence (null when not predicted), for calibration. */
  confidence?: number | null;
  expected: unknown;
  predicted: unknown;
}

/** Confidence per field path as the document's `fields` give it (a nested path falls back to its top field). */
export type Confidences = (path: string) => number | null;

/** Expected leaves by dotted path: objects are walked into, lists and scalars are fields. */
function expectedFields(value: Record<string, unknown>, prefix = ''): Array<[string, string, unknown]> {
  const out: Array<[string, string, unknown]> = [];
  for (const [name, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(...expectedFields(v as Record<string, unknown>, path));
    else out.push([path, name, v]);
  }
  return out;
}

function at(value: unknown, path: string): unknown {
  let cur = value;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * Scores one item: every filled expected field against the prediction (null when the document
 * failed: every field missed, as score.mjs counts a missing prediction). Expected fields that are
 * empty are not scored, so a partial expectation scores only what it states.
 */
export function scoreItem(expected: Record<string, unknown>, predicted: Record<string, unknown> | null, confidence: Confidences = () => null): FieldScore[] {
  const scores: FieldScore[] = [];
  for (const [path, name, gv] of expectedFields(expected)) {
    if (isEmpty(gv)) continue;
    const kind = fieldKind(name, gv);
    const pv = predicted ? at(predicted, path) : undefined;
    const base = { field: path, kind, expected: gv, predicted: pv ?? null };
    if (kind === 'list') {
      const list: ListScore = scoreList(gv as unknown[], pv);
      scores.push({ ...base, ...list });
      continue;
    }
    const conf = isEmpty(pv) ? null : confidence(path);
    if (isEmpty(pv)) scores.push({ ...base, gold: 1, tp: 0, fp: 0, fn: 1, confidence: conf });
    else if (scalarMatch(kind, gv, pv)) scores.push({ ...base, gold: 1, tp: 1, fp: 0, fn: 0, confidence: conf });
    else scores.push({ ...base, gold: 1, tp: 0, fp: 1, fn: 1, confidence: conf });
  }
  return scores;
}

/** The confidence lookup for a document's `fields` ({name: {value, confidence}}). */
export function confidencesOf(fields: Record<string, { confidence?: number } | undefined> | null | undefined): Confidences {
  return (path) => {
    const f = fields?.[path] ?? fields?.[path.split('.')[0]];
    return typeof f?.confidence === 'number' ? f.confidence : null;
  };
}
