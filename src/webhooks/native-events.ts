import type { DocumentRow, ExtractionRow } from '../internal/db/schema.js';
import { documentView, extractionView } from '../documents/result-view.js';
import type { NativeEventType } from './event-types.js';

/**
 * The native surface's event bodies (a Stripe-like envelope):
 *   {"id": "evt_…", "type": "document.completed", "created_at": "…", "data": {…}}
 * Document events carry the document as GET /v1/extractions/:id/documents/:document_id shows it (its
 * result included); extraction events carry the extraction with per-status counts and its documents.
 */
export interface NativeEvent {
  id: string;
  type: NativeEventType;
  created_at: string;
  data: Record<string, unknown>;
}

function common(extraction: ExtractionRow) {
  return {
    extraction_id: extraction.id,
    parser_id: extraction.template_id,
    parser_version: extraction.template_version,
    metadata: JSON.parse(extraction.metadata) as Record<string, unknown>,
  };
}

export function documentEvent(options: { id: string; createdAt: string; extraction: ExtractionRow; document: DocumentRow }): NativeEvent {
  const { document, extraction } = options;
  const type: NativeEventType = document.status === 'completed' ? 'document.completed' : 'document.failed';
  return {
    id: options.id,
    type,
    created_at: options.createdAt,
    data: {
      ...common(extraction),
      document_id: document.id,
      status: document.status,
      document: documentView(document),
    },
  };
}

export function extractionEvent(options: { id: string; createdAt: string; extraction: ExtractionRow; documents: DocumentRow[] }): NativeEvent | null {
  const { extraction, documents } = options;
  const types: Partial<Record<ExtractionRow['status'], NativeEventType>> = {
    completed: 'extraction.completed',
    failed: 'extraction.failed',
    partial: 'extraction.partial',
  };
  const type = types[extraction.status];
  if (!type) return null; // cancelled: no event of its own
  return {
    id: options.id,
    type,
    created_at: options.createdAt,
    data: {
      ...common(extraction),
      document_ids: documents.map((d) => d.id),
      status: extraction.status,
      extraction: extractionView(extraction, documents),
    },
  };
}

/** A `webhook.test` event, sent on request to check a receiver (not a subscribable event type). */
export function testEvent(options: { id: string; createdAt: string; webhookId: string }) {
  return {
    id: options.id,
    type: 'webhook.test' as const,
    created_at: options.createdAt,
    data: { webhook_id: options.webhookId, message: 'A test event from docsift. Verify its X-Docsift-Signature and answer 2xx.' },
  };
}
