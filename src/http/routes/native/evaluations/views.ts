import { Type } from 'typebox';
import type { EvaluationItemRow, EvaluationRunRow, EvaluationSetRow } from '../../../../internal/db/evaluation-tables.js';
import type { RunDetail } from '../../../../evaluations/evaluation-runs-service.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SetParams = Type.Object({ set_id: Type.String() });
export const RunParams = Type.Object({ run_id: Type.String() });

export const EvaluationItemView = Type.Object({
  item_id: Type.String(),
  file_id: Type.String({ description: "The item's own copy of the file (deleted with the item, never with its source)." }),
  filename: Type.String(),
  expected: Type.Record(Type.String(), Type.Unknown(), { description: 'The expected output; empty fields are not scored.' }),
  source_document_id: Nullable(Type.String({ description: 'The reviewed document it was made from, if any.' })),
  source_extraction_id: Nullable(Type.String()),
  created_at: Type.String(),
});

export const EvaluationSetView = Type.Object({
  evaluation_set_id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  parser_id: Nullable(Type.String({ description: 'The parser runs use unless they name another.' })),
  document_type: Nullable(Type.String({ description: 'Without a parser: auto, invoice, receipt or bank_statement.' })),
  item_count: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export function itemView(item: EvaluationItemRow) {
  return {
    item_id: item.id,
    file_id: item.file_id,
    filename: item.filename,
    expected: JSON.parse(item.expected) as Record<string, unknown>,
    source_document_id: item.source_document_id,
    source_extraction_id: item.source_extraction_id,
    created_at: item.created_at,
  };
}

export function setView(set: EvaluationSetRow, itemCount: number) {
  return {
    evaluation_set_id: set.id,
    name: set.name,
    description: set.description,
    parser_id: set.parser_id,
    document_type: set.document_type,
    item_count: itemCount,
    created_at: set.created_at,
    updated_at: set.updated_at,
  };
}

const Counts = {
  gold: Type.Integer({ description: 'Expected values (rows, for lists).' }),
  tp: Type.Integer({ description: 'Matched.' }),
  fp: Type.Integer({ description: 'Predicted but wrong (or extra rows).' }),
  fn: Type.Integer({ description: 'Expected but missed or wrong (or missed rows).' }),
};

const FieldSummaryView = Type.Object({
  field: Type.String(),
  kind: Type.String({ description: 'amount, date, currency, string or list.' }),
  ...Counts,
  precision: Type.Number(),
  recall: Type.Number(),
  f1: Type.Number(),
  accuracy: Type.Number({ description: 'Scalars: correct / expected. Lists: array accuracy, correct cells / max(expected cells, predicted cells).' }),
  cells_correct: Type.Optional(Type.Integer()),
  cells_total: Type.Optional(Type.Integer()),
});

const SummaryView = Type.Object({
  overall_f1: Type.Number({ description: "F1 over every expected value and list row (devdata score.mjs's overall_field_f1)." }),
  overall_scalar_f1: Type.Number(),
  fields: Type.Array(FieldSummaryView),
  calibration: Type.Array(
    Type.Object({ min: Type.Number(), max: Type.Number(), values: Type.Integer(), correct: Type.Integer(), accuracy: Nullable(Type.Number()) }),
    { description: 'Scalar values returned, by confidence band: how often a value of that confidence was right.' },
  ),
  not_returned: Type.Integer(),
  items: Type.Object({ total: Type.Integer(), completed: Type.Integer(), failed: Type.Integer() }),
  pages: Type.Integer(),
  ms_per_page: Nullable(Type.Number()),
});

const FieldScoreView = Type.Object({
  field: Type.String(),
  kind: Type.String(),
  ...Counts,
  cells_correct: Type.Optional(Type.Integer()),
  cells_total: Type.Optional(Type.Integer()),
  confidence: Type.Optional(Nullable(Type.Number())),
  expected: Type.Unknown(),
  predicted: Type.Unknown(),
});

export const EvaluationRunView = Type.Object({
  evaluation_run_id: Type.String(),
  evaluation_set_id: Type.String(),
  status: Type.String({ description: 'queued, processing, completed (scored) or cancelled.' }),
  extraction_id: Nullable(Type.String({ description: 'The real extraction the run went through.' })),
  parser_id: Nullable(Type.String()),
  parser_version: Nullable(Type.Integer()),
  parser_version_label: Nullable(Type.String()),
  mode: Nullable(Type.String()),
  detection_type: Nullable(Type.String()),
  progress: Type.Object({
    total: Type.Integer(),
    queued: Type.Integer(),
    processing: Type.Integer(),
    completed: Type.Integer(),
    failed: Type.Integer(),
    cancelled: Type.Integer(),
  }),
  created_at: Type.String(),
  completed_at: Nullable(Type.String()),
});

export const EvaluationRunDetailView = Type.Object({
    ...EvaluationRunView.properties,
    summary: Nullable(SummaryView),
    results: Type.Array(
      Type.Object({
        item_id: Type.String(),
        filename: Nullable(Type.String()),
        document_id: Nullable(Type.String()),
        status: Type.String(),
        pages: Nullable(Type.Integer()),
        duration_ms: Nullable(Type.Integer()),
        fields: Type.Array(FieldScoreView),
      }),
    ),
});

export function runView(run: EvaluationRunRow, progress: RunDetail['progress']) {
  return {
    evaluation_run_id: run.id,
    evaluation_set_id: run.set_id,
    status: run.status,
    extraction_id: run.extraction_id,
    parser_id: run.parser_id,
    parser_version: run.parser_version,
    parser_version_label: run.parser_version_label,
    mode: run.mode,
    detection_type: run.detection_type,
    progress,
    created_at: run.created_at,
    completed_at: run.completed_at,
  };
}

/** A run without progress figures (lists): a scored run's come from its summary, else only the total is known. */
export function runListView(run: EvaluationRunRow) {
  const summary = run.summary ? (JSON.parse(run.summary) as { items: { total: number; completed: number; failed: number } }) : null;
  const progress = summary
    ? { total: summary.items.total, queued: 0, processing: 0, completed: summary.items.completed, failed: summary.items.failed, cancelled: 0 }
    : { total: run.item_count, queued: 0, processing: 0, completed: 0, failed: 0, cancelled: 0 };
  return runView(run, progress);
}

export function runDetailView(detail: RunDetail) {
  return {
    ...runView(detail.run, detail.progress),
    summary: detail.summary,
    results: detail.results.map(({ item, result, fields }) => ({
      item_id: result.item_id,
      filename: item?.filename ?? null,
      document_id: result.document_id,
      status: result.status,
      pages: result.pages,
      duration_ms: result.duration_ms,
      fields,
    })),
  };
}

export const ComparisonView = Type.Object({
  a: EvaluationRunView,
  b: EvaluationRunView,
  overall: Type.Object({ a_f1: Type.Number(), b_f1: Type.Number(), delta_f1: Type.Number() }),
  better: Type.Array(Type.String(), { description: 'Fields whose F1 (then accuracy) rose from run a to run b.' }),
  worse: Type.Array(Type.String(), { description: 'Fields whose F1 (then accuracy) fell.' }),
  fields: Type.Array(
    Type.Object({
      field: Type.String(),
      kind: Type.String(),
      a: Nullable(Type.Object({ f1: Type.Number(), accuracy: Type.Number() })),
      b: Nullable(Type.Object({ f1: Type.Number(), accuracy: Type.Number() })),
      delta_f1: Nullable(Type.Number()),
      delta_accuracy: Nullable(Type.Number()),
      change: Type.Union([Type.Literal('better'), Type.Literal('worse'), Type.Literal('same')]),
    }),
  ),
  items: Type.Array(
    Type.Object({ item_id: Type.String(), filename: Type.String(), better: Type.Array(Type.String()), worse: Type.Array(Type.String()) }),
    { description: 'Items with at least one field that became right (better) or wrong (worse).' },
  ),
});
