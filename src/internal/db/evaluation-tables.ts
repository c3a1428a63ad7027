import type { Selectable } from 'kysely';

/** Evaluation sets, their items, runs and per-item results (migration 0014). */
export interface EvaluationSetsTable {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  /** The parser runs use unless they name another; null for a built-in type or auto-detection. */
  parser_id: string | null;
  /** 'auto' | 'invoice' | 'receipt' | 'bank_statement', or null (auto). */
  document_type: string | null;
  created_at: string;
  updated_at: string;
}

export interface EvaluationItemsTable {
  id: string;
  tenant_id: string;
  set_id: string;
  /** The item's own copy of the file (files.origin 'evaluation'). */
  file_id: string;
  filename: string;
  /** JSON object: the expected output. */
  expected: string;
  /** The reviewed document it was made from, if any (never deleted with the item). */
  source_document_id: string | null;
  source_extraction_id: string | null;
  created_at: string;
}

export interface EvaluationRunsTable {
  id: string;
  tenant_id: string;
  set_id: string;
  /** The real extraction the run's documents went through; null once that extraction is deleted. */
  extraction_id: string | null;
  /** 'queued' | 'processing' until scored; then 'completed' (or 'cancelled' when its extraction was). */
  status: 'queued' | 'processing' | 'completed' | 'cancelled';
  parser_id: string | null;
  parser_version: number | null;
  parser_version_label: string | null;
  /** 'local' | 'llm' | 'hybrid', or null to follow the parser and DOCSIFT_LLM_MODE. */
  mode: string | null;
  detection_type: string | null;
  item_count: number;
  /** JSON: the run's figures (RunSummary), set once when it is scored. */
  summary: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface EvaluationResultsTable {
  run_id: string;
  item_id: string;
  tenant_id: string;
  document_id: string | null;
  /** The document's final status: 'completed' | 'failed' | 'cancelled'. */
  status: string;
  /** JSON: the item's per-field scores (FieldScore[]). */
  fields: string;
  pages: number | null;
  duration_ms: number | null;
}

export type EvaluationSetRow = Selectable<EvaluationSetsTable>;
export type EvaluationItemRow = Selectable<EvaluationItemsTable>;
export type EvaluationRunRow = Selectable<EvaluationRunsTable>;
export type EvaluationResultRow = Selectable<EvaluationResultsTable>;
