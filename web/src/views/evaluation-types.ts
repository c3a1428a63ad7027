/** The native API's evaluation bodies, as far as the pages read them. */
export interface EvaluationSetSummary {
  evaluation_set_id: string;
  name: string;
  description: string | null;
  parser_id: string | null;
  document_type: string | null;
  item_count: number;
  updated_at: string;
}

export interface EvaluationItem {
  item_id: string;
  filename: string;
  expected: Record<string, unknown>;
  source_document_id: string | null;
  created_at: string;
}

export interface FieldSummary {
  field: string;
  kind: string;
  gold: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export interface CalibrationBand {
  min: number;
  max: number;
  values: number;
  correct: number;
  accuracy: number | null;
}

export interface EvaluationRun {
  evaluation_run_id: string;
  status: string;
  parser_version: number | null;
  parser_version_label: string | null;
  mode: string | null;
  progress: { total: number; completed: number; failed: number; cancelled: number };
  created_at: string;
  summary?: {
    overall_f1: number;
    overall_scalar_f1: number;
    fields: FieldSummary[];
    calibration: CalibrationBand[];
    items: { total: number; completed: number; failed: number };
    pages: number;
    ms_per_page: number | null;
  } | null;
}

export interface Comparison {
  overall: { a_f1: number; b_f1: number; delta_f1: number };
  better: string[];
  worse: string[];
  fields: Array<{ field: string; a: { f1: number } | null; b: { f1: number } | null; delta_f1: number | null; change: 'better' | 'worse' | 'same' }>;
  items: Array<{ item_id: string; filename: string; better: string[]; worse: string[] }>;
}

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

/** How a run is named in lists: its parser version, else its mode. */
export function runLabel(run: EvaluationRun): string {
  const what = run.parser_version_label ? `version ${run.parser_version_label}` : run.mode ? `mode ${run.mode}` : 'default';
  return `${what} · ${new Date(run.created_at).toLocaleString()}`;
}
