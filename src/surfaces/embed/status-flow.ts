import { RETRIES_EXHAUSTED_PREFIX, type FirstDocumentState } from '../../documents/extraction-list.js';
import type { DocumentRow, ExtractionRow } from '../../internal/db/schema.js';

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

/** The codes of a failure to read the file, unless its tries ran out (then it is a general failure). */
const ANALYSIS_CODES = ['PROCESSING_ERROR', 'UNSUPPORTED_FORMAT'];

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
      if (code != null && ANALYSIS_CODES.includes(code) && !first?.error_message?.startsWith(RETRIES_EXHAUSTED_PREFIX)) {
        return 'analysis failed';
      }
      if (code === 'VALIDATION_ERROR') return 'extraction failed';
      return 'failed';
    }
    default:
      return 'failed';
  }
}

/**
 * The same mapping as the core's list filter (each status: any of these states of the extraction and
 * its first document), so a status filter pages correctly. Together they cover every state once.
 */
export const EMBED_STATUS_STATES: Record<EmbedStatus, FirstDocumentState[]> = {
  uploaded: [{ status: ['queued'] }],
  analyzing: [{ status: ['processing'], stage: ['parsing', 'classifying'], typeIdentified: false }],
  analyzed: [
    { status: ['processing'], stage: [null] },
    { status: ['processing'], stage: ['parsing', 'classifying'], typeIdentified: true },
  ],
  extracting: [{ status: ['processing'], stage: ['extracting'] }],
  completed: [{ status: ['completed'] }],
  'analysis failed': [{ status: ['failed'], errorCode: ANALYSIS_CODES, retriesExhausted: false }],
  'extraction failed': [{ status: ['failed'], errorCode: ['VALIDATION_ERROR'] }],
  failed: [
    { status: ['partial', 'cancelled'] },
    { status: ['failed'], errorCode: [null] },
    { status: ['failed'], errorCodeNotIn: [...ANALYSIS_CODES, 'VALIDATION_ERROR'] },
    { status: ['failed'], errorCode: ANALYSIS_CODES, retriesExhausted: true },
  ],
};
