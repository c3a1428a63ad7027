import type { DocumentRow, ExtractionRow } from '../internal/db/schema.js';
import type { ReviewEdit } from './review/diff-output.js';

import type { Citation, FieldResult } from '../extraction/model/result.js';
import type { LlmSpend } from './document-lifecycle.js';

export type { Citation, FieldResult };

/** What the processor stores in documents.result. */
export interface StoredResult {
  data: Record<string, unknown>;
  fields: Record<string, FieldResult>;
  warnings: Array<{ code: string; message: string }>;
  /** The parsed document as markdown with page markers (not part of the API's result view). */
  text: string;
  duration_ms: number;
  /** The parser and version the run used (null without a parser; version null and label "draft" = its draft). */
  parser?: { parser_id: string; version: number | null; version_label: string } | null;
  /** The tenant's template the document was matched to when it was submitted without one (then also `parser`). */
  template_match?: { template_id: string; confidence: number } | null;
  /** Human-reviewed output, kept beside the engine's `data` (which is never changed). */
  review?: StoredReview;
  /** The LLM the document's values came from in part (modes llm, hybrid), and the tokens it used; for usage records. */
  llm?: LlmSpend | null;
  /** The OCR engine(s) that read the scanned pages ('paddle', 'tesseract', 'paddle+tesseract'); absent without OCR. */
  ocr_engine?: string;
}

export interface StoredReview {
  /** The whole reviewed output; what `data` serves once a document is reviewed. */
  data: Record<string, unknown>;
  /** Differences from the initial output, by field path. */
  edits: ReviewEdit[];
  reviewed_at: string;
  reviewed_by: { user_id: string | null; api_key_id: string };
}

/** The output a document serves: the reviewed one when there is one, else the engine's. */
export function currentData(result: StoredResult): Record<string, unknown> {
  return result.review?.data ?? result.data;
}

/** Field results with reviewed values in place: a field changed in review shows its new value and `edited: true`. */
function currentFields(result: StoredResult): Record<string, unknown> {
  const review = result.review;
  if (!review || review.edits.length === 0) return result.fields;
  const fields: Record<string, unknown> = { ...result.fields };
  for (const name of new Set(review.edits.map((e) => e.path.split('.')[0]))) {
    const original = result.fields[name];
    fields[name] = { ...(original ?? { confidence: 1, citations: [], source: 'review' }), value: review.data[name] ?? null, edited: true };
  }
  return fields;
}

export function parseStoredResult(doc: DocumentRow): StoredResult | null {
  return doc.result ? (JSON.parse(doc.result) as StoredResult) : null;
}

/**
 * A failed document's error: the broad code (PROCESSING_ERROR, ...), its message, and the engine's precise
 * reason (FILE_ENCRYPTED, FILE_CORRUPT, ...; null when there is none). `error_reason` is required, so a
 * read of a subset of the columns that forgets it does not compile instead of showing a null reason.
 */
export function documentErrorView(doc: Pick<DocumentRow, 'error_code' | 'error_message' | 'error_reason'>) {
  return doc.error_code ? { code: doc.error_code, message: doc.error_message ?? '', reason: doc.error_reason } : null;
}

/** A document as the native API shows it: a document's result (docs/product.md) plus status and timing. */
export function documentView(doc: DocumentRow) {
  const result = parseStoredResult(doc);
  return {
    document_id: doc.id,
    extraction_id: doc.extraction_id,
    file_id: doc.file_id,
    filename: doc.filename,
    status: doc.status,
    stage: doc.stage,
    pages: doc.pages,
    document_type: doc.document_type,
    document_type_confidence: doc.document_type_confidence,
    parser: result?.parser ?? null,
    template_match: templateMatchView(doc),
    data: result ? currentData(result) : null,
    fields: result ? currentFields(result) : null,
    warnings: result?.warnings ?? [],
    initial_output: result?.data ?? null,
    reviewed_output: result?.review?.data ?? null,
    reviewed: result?.review !== undefined,
    edited: (result?.review?.edits.length ?? 0) > 0,
    edits: result?.review?.edits ?? [],
    reviewed_at: result?.review?.reviewed_at ?? null,
    error: documentErrorView(doc),
    attempts: doc.attempts,
    created_at: doc.created_at,
    started_at: doc.started_at,
    completed_at: doc.completed_at,
  };
}

/** The document columns a status read needs: everything but the result. */
export type DocumentSummaryRow = Pick<
  DocumentRow,
  'id' | 'filename' | 'status' | 'stage' | 'pages' | 'document_type' | 'error_code' | 'error_message' | 'error_reason' | 'matched_template_id' | 'template_match_confidence'
>;

/** The template a document was matched to (submitted without one), as the native API shows it. */
export function templateMatchView(doc: Pick<DocumentRow, 'matched_template_id' | 'template_match_confidence'>) {
  return doc.matched_template_id ? { template_id: doc.matched_template_id, confidence: doc.template_match_confidence } : null;
}

export function documentSummary(doc: DocumentSummaryRow) {
  return {
    document_id: doc.id,
    filename: doc.filename,
    status: doc.status,
    stage: doc.stage,
    pages: doc.pages,
    document_type: doc.document_type,
    template_match: templateMatchView(doc),
    error: documentErrorView(doc),
  };
}

/** An extraction with per-status document counts. */
export function extractionView(extraction: ExtractionRow, docs: DocumentSummaryRow[]) {
  const counts = { total: docs.length, queued: 0, processing: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const d of docs) counts[d.status]++;
  return {
    extraction_id: extraction.id,
    status: extraction.status,
    parser_id: extraction.template_id,
    parser_version: extraction.template_version,
    detection_type: extraction.detection_type,
    custom_fields: extraction.custom_fields ? JSON.parse(extraction.custom_fields) : null,
    metadata: publicMetadata(extraction.metadata),
    webhook_url: extraction.webhook_url,
    page_ranges: extraction.page_ranges,
    priority: extraction.priority,
    extraction_mode: extraction.extraction_mode,
    document_counts: counts,
    pages: docs.reduce((n, d) => n + (d.pages ?? 0), 0),
    documents: docs.map(documentSummary),
    created_at: extraction.created_at,
    updated_at: extraction.updated_at,
    completed_at: extraction.completed_at,
  };
}

/**
 * The client's metadata without the keys surfaces reserve for themselves (a leading underscore, e.g.
 * `_extraly` with webhook settings): those are docsift's bookkeeping, not the caller's data.
 */
export function publicMetadata(stored: string): Record<string, unknown> {
  const metadata = JSON.parse(stored) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => !key.startsWith('_')));
}
