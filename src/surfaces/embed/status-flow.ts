import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database, DocumentRow, ExtractionRow } from '../../internal/db/schema.js';

/**
 * The embed docs' extraction status flow, derived from the core's extraction status and the stage of
 * its (first) document. The embed surface stores no status of its own.
 *
 *   uploaded           extraction queued (not started, or put back for a retry)
 *   analyzing          processing, document stage parsing | classifying, its type not yet identified
 *   analyzed           processing, its type (and template match) identified, extraction not started
 *   extracting         processing, document stage extracting
 *   completed          completed
 *   analysis failed    failed: the file could not be read (PROCESSING_ERROR / UNSUPPORTED_FORMAT from parsing)
 *   extraction failed  failed: the template could not be applied (VALIDATION_ERROR)
 *   failed             anything else that ended badly: retries exhausted, cancelled, partial (some of a
 *                      multi-document extraction failed)
 *
 * Every failed state is retryable (the core retries the failed and cancelled documents).
 */
export const EMBED_STATUSES = [
  'uploaded',
  'analyzing',
  'analyzed',
  'extracting',
  'completed',
  'analysis failed',
  'extraction failed',
  'failed',
] as const;
export type EmbedStatus = (typeof EMBED_STATUSES)[number];

export const RETRYABLE_STATUSES: readonly EmbedStatus[] = ['analysis failed', 'extraction failed', 'failed'];

/** Retries exhausted on an unexpected error: a general failure, not a property of the file. */
const EXHAUSTED_PREFIX = 'Processing failed after';

type Doc = Pick<DocumentRow, 'status' | 'stage' | 'error_code' | 'error_message' | 'document_type'>;

export function embedStatus(extraction: Pick<ExtractionRow, 'status'>, first: Doc | undefined): EmbedStatus {
  switch (extraction.status) {
    case 'queued':
      return 'uploaded';
    case 'processing':
      if (first?.stage === 'extracting') return 'extracting';
      // The processor records the type and the matched template before extraction starts.
      if (first?.document_type != null) return 'analyzed';
      if (first?.stage === 'parsing' || first?.stage === 'classifying') return 'analyzing';
      return 'analyzed';
    case 'completed':
      return 'completed';
    case 'failed': {
      const code = first?.error_code;
      if ((code === 'PROCESSING_ERROR' || code === 'UNSUPPORTED_FORMAT') && !first?.error_message?.startsWith(EXHAUSTED_PREFIX)) {
        return 'analysis failed';
      }
      if (code === 'VALIDATION_ERROR') return 'extraction failed';
      return 'failed';
    }
    default:
      return 'failed';
  }
}

type Eb = ExpressionBuilder<Database & { e: ExtractionRow; d: DocumentRow }, 'e' | 'd'>;

/**
 * The same mapping as a SQL condition over `extractions as e` joined to its first document `documents as d`,
 * so a status filter pages correctly.
 */
export function embedStatusCondition(eb: Eb, status: EmbedStatus): Expression<SqlBool> {
  const analysisFailed = eb.and([
    eb('d.error_code', 'in', ['PROCESSING_ERROR', 'UNSUPPORTED_FORMAT']),
    sql<SqlBool>`coalesce(d.error_message, '') not like ${`${EXHAUSTED_PREFIX}%`}`,
  ]);
  switch (status) {
    case 'uploaded':
      return eb('e.status', '=', 'queued');
    case 'analyzing':
      return eb.and([eb('e.status', '=', 'processing'), eb('d.stage', 'in', ['parsing', 'classifying']), eb('d.document_type', 'is', null)]);
    case 'analyzed':
      return eb.and([
        eb('e.status', '=', 'processing'),
        eb.or([eb('d.stage', 'is', null), eb.and([eb('d.stage', '!=', 'extracting'), eb('d.document_type', 'is not', null)])]),
      ]);
    case 'extracting':
      return eb.and([eb('e.status', '=', 'processing'), eb('d.stage', '=', 'extracting')]);
    case 'completed':
      return eb('e.status', '=', 'completed');
    case 'analysis failed':
      return eb.and([eb('e.status', '=', 'failed'), analysisFailed]);
    case 'extraction failed':
      return eb.and([eb('e.status', '=', 'failed'), eb('d.error_code', '=', 'VALIDATION_ERROR')]);
    case 'failed':
      return eb.or([
        eb('e.status', 'in', ['partial', 'cancelled']),
        eb.and([eb('e.status', '=', 'failed'), eb.not(analysisFailed), eb.or([eb('d.error_code', 'is', null), eb('d.error_code', '!=', 'VALIDATION_ERROR')])]),
      ]);
  }
}
