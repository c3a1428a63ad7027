import type { Kysely } from 'kysely';
import type { Database, DocumentRow, ExtractionRow } from '../internal/db/schema.js';

export interface DocumentFinishedEvent {
  /** The document as stored after it finished (completed or failed). */
  document: DocumentRow;
  /** The extraction after its status was recomputed. */
  extraction: ExtractionRow;
  /** True when this document was the last one and the extraction just became final. */
  extractionFinished: boolean;
  /**
   * The extraction's documents in position order, as this transaction sees them (this one as finished).
   * Read at most once per event whichever listeners ask, and not at all for a one-document extraction.
   */
  documents(): Promise<DocumentRow[]>;
  /** Wall time spent in the pipeline for this attempt, if it ran. */
  durationMs: number | null;
  /** LLM tokens a failed document spent before it failed (a completed one has them in its result). */
  llm?: LlmSpend | null;
}

export interface LlmSpend {
  engine: string;
  mode: string;
  input_tokens: number;
  output_tokens: number;
  calls: number;
}

/**
 * Something that reacts when a document finishes: webhooks, usage records. Listeners run inside the
 * transaction that records the outcome, so the jobs they enqueue (a webhook delivery) commit with
 * it: a crash can never leave a finished document without its event, or an event without it.
 */
export interface DocumentListener {
  documentFinished(trx: Kysely<Database>, event: DocumentFinishedEvent): Promise<void>;
}
