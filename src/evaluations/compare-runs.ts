import type { FieldScore } from './scoring/score-item.js';
import type { FieldSummary } from './scoring/summarize.js';

export type Change = 'better' | 'worse' | 'same';

export interface FieldComparison {
  field: string;
  kind: string;
  /** null when the field was not scored in that run (an item added or removed in between). */
  a: { f1: number; accuracy: number } | null;
  b: { f1: number; accuracy: number } | null;
  delta_f1: number | null;
  delta_accuracy: number | null;
  change: Change;
}

export interface ItemComparison {
  item_id: string;
  filename: string;
  better: string[];
  worse: string[];
}

export interface RunItemScores {
  itemId: string;
  filename: string;
  fields: FieldScore[];
}

const EPSILON = 1e-9;

function changeOf(delta: number | null, tieBreak: number | null): Change {
  const d = delta !== null && Math.abs(delta) > EPSILON ? delta : tieBreak;
  if (d === null || Math.abs(d) <= EPSILON) return 'same';
  return d > 0 ? 'better' : 'worse';
}

/** One field of one item as a number in [0, 1]: a scalar right or not, a list's array accuracy. */
function itemFieldScore(s: FieldScore): number {
  if (s.kind === 'list') return s.cells_total ? (s.cells_correct ?? 0) / s.cells_total : 0;
  return s.tp;
}

/**
 * Run b against run a, field by field (F1 first, accuracy breaking a tie) and item by item (which
 * fields of which items went right or wrong), over the items both runs scored.
 */
export function compareRuns(a: { fields: FieldSummary[]; items: RunItemScores[] }, b: { fields: FieldSummary[]; items: RunItemScores[] }) {
  const names = [...new Set([...a.fields, ...b.fields].map((f) => f.field))].sort();
  const fields: FieldComparison[] = names.map((field) => {
    const fa = a.fields.find((f) => f.field === field);
    const fb = b.fields.find((f) => f.field === field);
    const deltaF1 = fa && fb ? fb.f1 - fa.f1 : null;
    const deltaAccuracy = fa && fb ? fb.accuracy - fa.accuracy : null;
    return {
      field,
      kind: (fa ?? fb)!.kind,
      a: fa ? { f1: fa.f1, accuracy: fa.accuracy } : null,
      b: fb ? { f1: fb.f1, accuracy: fb.accuracy } : null,
      delta_f1: deltaF1,
      delta_accuracy: deltaAccuracy,
      change: changeOf(deltaF1, deltaAccuracy),
    };
  });
  const itemsA = new Map(a.items.map((i) => [i.itemId, i]));
  const items: ItemComparison[] = [];
  for (const ib of b.items) {
    const ia = itemsA.get(ib.itemId);
    if (!ia) continue;
    const better: string[] = [];
    const worse: string[] = [];
    for (const sb of ib.fields) {
      const sa = ia.fields.find((s) => s.field === sb.field);
      if (!sa) continue;
      const d = itemFieldScore(sb) - itemFieldScore(sa);
      if (d > EPSILON) better.push(sb.field);
      else if (d < -EPSILON) worse.push(sb.field);
    }
    if (better.length || worse.length) items.push({ item_id: ib.itemId, filename: ib.filename, better, worse });
  }
  return {
    fields,
    items,
    summary: {
      better: fields.filter((f) => f.change === 'better').map((f) => f.field),
      worse: fields.filter((f) => f.change === 'worse').map((f) => f.field),
    },
  };
}
