import type { DocumentRow } from '../internal/db/schema.js';
import type { EvaluationItemRow, EvaluationResultRow } from '../internal/db/evaluation-tables.js';
import { parseStoredResult } from '../documents/result-view.js';
import { confidencesOf, scoreItem, type FieldScore } from './scoring/score-item.js';
import { summarize, type RunFigures } from './scoring/summarize.js';

/** What a scored run stores in evaluation_runs.summary. */
export interface RunSummary extends RunFigures {
  items: { total: number; completed: number; failed: number };
  pages: number;
  /** Pipeline time per page over the documents that completed (null when none did). */
  ms_per_page: number | null;
}

/**
 * Scores a run's documents against its items' expectations. Each document is matched to its item by
 * the file it read. The engine's own output is scored (a run's documents are never reviewed); a
 * document that did not complete counts as every expected field missed.
 */
export function scoreRun(options: { runId: string; tenantId: string; items: EvaluationItemRow[]; documents: DocumentRow[] }): {
  results: EvaluationResultRow[];
  summary: RunSummary;
} {
  const byFile = new Map(options.documents.map((d) => [d.file_id, d]));
  const results: EvaluationResultRow[] = [];
  const scores: FieldScore[][] = [];
  let pages = 0;
  let ms = 0;
  let completed = 0;
  for (const item of options.items) {
    const doc = byFile.get(item.file_id);
    const stored = doc?.status === 'completed' ? parseStoredResult(doc) : null;
    const expected = JSON.parse(item.expected) as Record<string, unknown>;
    const fields = scoreItem(expected, stored?.data ?? null, confidencesOf(stored?.fields));
    scores.push(fields);
    if (stored) {
      completed++;
      pages += doc?.pages ?? 0;
      ms += stored.duration_ms ?? 0;
    }
    results.push({
      run_id: options.runId,
      item_id: item.id,
      tenant_id: options.tenantId,
      document_id: doc?.id ?? null,
      status: doc?.status ?? 'failed',
      fields: JSON.stringify(fields),
      pages: doc?.pages ?? null,
      duration_ms: stored ? Math.round(stored.duration_ms ?? 0) : null,
    });
  }
  const total = options.items.length;
  return {
    results,
    summary: {
      ...summarize(scores),
      items: { total, completed, failed: total - completed },
      pages,
      ms_per_page: pages > 0 ? Math.round((ms / pages) * 10) / 10 : null,
    },
  };
}
