import { currentData, parseStoredResult } from '../../documents/result-view.js';
import type { DocumentRow, ExtractionRow } from '../../internal/db/schema.js';

/**
 * An Extraly document is a docsift extraction with one document: its `id` is the extraction id, so
 * the same object answers on /v1/extractions/{id}. Extraly's four statuses are derived from the
 * core's: queued → pending; cancelled (and a partial batch, which one document cannot be) → failed.
 */
export type ExtralyStatus = 'pending' | 'processing' | 'completed' | 'failed';

export function extralyStatus(status: ExtractionRow['status']): ExtralyStatus {
  switch (status) {
    case 'queued':
      return 'pending';
    case 'processing':
    case 'completed':
      return status;
    default:
      return 'failed';
  }
}

/** The core extraction status an Extraly `status` filter selects. */
export function coreStatus(status: ExtralyStatus): ExtractionRow['status'] {
  return status === 'pending' ? 'queued' : status;
}

/** Reserved metadata key holding the Extraly webhook settings; never shown in Extraly's `metadata`. */
export const EXTRALY_METADATA_KEY = '_extraly';

export interface ExtralyAttributes {
  /** webhook_url (or callback_url) as submitted. */
  webhook_url: string;
  /** The submitting API key, sealed (see signing-key-vault.ts): the webhook is signed with it. */
  signing_key: string;
}

export function readAttributes(extraction: ExtractionRow): { metadata: Record<string, unknown>; extraly: ExtralyAttributes | null } {
  const all = JSON.parse(extraction.metadata) as Record<string, unknown>;
  const { [EXTRALY_METADATA_KEY]: raw, ...metadata } = all;
  const extraly = raw && typeof raw === 'object' && typeof (raw as ExtralyAttributes).webhook_url === 'string' ? (raw as ExtralyAttributes) : null;
  return { metadata, extraly };
}

/** The extracted data of a completed document (reviewed values when reviewed), else null. */
export function documentResults(doc: DocumentRow | undefined): Record<string, unknown> | null {
  if (!doc || doc.status !== 'completed') return null;
  const result = parseStoredResult(doc);
  return result ? currentData(result) : null;
}

/**
 * A failed document's error in Extraly's error shape: `{code, message}`, plus `details.reason` (as
 * Extraly's errors carry details, and docsift's PROCESSING_ERROR answers do) when the engine said
 * precisely why it could not read the file (FILE_ENCRYPTED, FILE_CORRUPT, ...).
 */
export function documentError(
  extraction: ExtractionRow,
  doc: DocumentRow | undefined,
): { code: string; message: string; details?: { reason: string } } | null {
  if (extralyStatus(extraction.status) !== 'failed') return null;
  if (doc?.error_code) {
    const error = { code: doc.error_code, message: doc.error_message ?? '' };
    return doc.error_reason ? { ...error, details: { reason: doc.error_reason } } : error;
  }
  if (doc?.status === 'cancelled' || extraction.status === 'cancelled') return { code: 'CANCELLED', message: 'Processing was cancelled.' };
  return { code: 'PROCESSING_ERROR', message: 'The document could not be processed.' };
}

/** The list entry of GET /api/v1/documents. */
export function documentSummaryView(extraction: ExtractionRow, documents: DocumentRow[]) {
  const doc = documents[0];
  return {
    id: extraction.id,
    status: extralyStatus(extraction.status),
    detection_type: extraction.detection_type,
    original_filename: doc?.filename ?? null,
    pages: documents.reduce((n, d) => n + (d.pages ?? 0), 0),
    created_at: extraction.created_at,
    updated_at: extraction.updated_at,
  };
}

/** The `data` of POST and GET /api/v1/documents/{id}. */
export function documentDetailView(extraction: ExtractionRow, documents: DocumentRow[]) {
  const doc = documents[0];
  const { metadata, extraly } = readAttributes(extraction);
  return {
    ...documentSummaryView(extraction, documents),
    document_type: doc?.document_type ?? null,
    webhook_url: extraly?.webhook_url ?? extraction.webhook_url ?? null,
    metadata,
    results: documentResults(doc),
    error: documentError(extraction, doc),
    completed_at: extraction.completed_at,
  };
}
