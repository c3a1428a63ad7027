import { describe, expect, it } from 'vitest';
import type { DocumentRow, ExtractionRow } from '../internal/db/schema.js';
import { documentEvent, extractionEvent } from './native-events.js';

const extraction: ExtractionRow = {
  id: 'ext_1',
  tenant_id: 'ten_1',
  status: 'partial',
  template_id: 'prs_1',
  template_version: 2,
  detection_type: 'auto',
  custom_fields: null,
  metadata: '{"customer":"c-1"}',
  webhook_url: null,
  page_ranges: null,
  priority: 50,
  extraction_mode: null,
  api_key_id: 'key_1',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:01.000Z',
  completed_at: '2026-01-01T00:00:01.000Z',
  batch_id: null,
};

function doc(id: string, status: DocumentRow['status'], result: unknown = null): DocumentRow {
  return {
    id,
    tenant_id: 'ten_1',
    extraction_id: 'ext_1',
    file_id: `fil_${id}`,
    filename: `${id}.pdf`,
    position: 0,
    status,
    stage: null,
    pages: 1,
    document_type: 'invoice',
    document_type_confidence: 0.9,
    result: result === null ? null : JSON.stringify(result),
    error_code: status === 'failed' ? 'PROCESSING_ERROR' : null,
    error_message: status === 'failed' ? 'corrupt' : null,
    error_reason: status === 'failed' ? 'FILE_CORRUPT' : null,
    matched_template_id: null,
    template_match_confidence: null,
    attempts: 1,
    created_at: '2026-01-01T00:00:00.000Z',
    started_at: '2026-01-01T00:00:00.100Z',
    completed_at: '2026-01-01T00:00:01.000Z',
  };
}

describe('native webhook events', () => {
  const createdAt = '2026-01-01T00:00:02.000Z';

  it('document.completed carries the ids, the metadata and the document with its result', () => {
    const completed = doc('doc_a', 'completed', { data: { total_amount: 10 }, fields: {}, warnings: [], text: '', duration_ms: 5 });
    const event = documentEvent({ id: 'evt_a', createdAt, extraction, document: completed });
    expect(event).toMatchObject({
      id: 'evt_a',
      type: 'document.completed',
      created_at: createdAt,
      data: { extraction_id: 'ext_1', document_id: 'doc_a', parser_id: 'prs_1', parser_version: 2, status: 'completed', metadata: { customer: 'c-1' } },
    });
    expect((event.data.document as Record<string, unknown>).data).toEqual({ total_amount: 10 });
    expect(JSON.stringify(event)).not.toContain('"text"');
  });

  it('document.failed carries the error', () => {
    const event = documentEvent({ id: 'evt_b', createdAt, extraction, document: doc('doc_b', 'failed') });
    expect(event.type).toBe('document.failed');
    expect((event.data.document as Record<string, unknown>).error).toEqual({ code: 'PROCESSING_ERROR', message: 'corrupt', reason: 'FILE_CORRUPT' });
  });

  it('extraction events follow the final status; cancelled has none', () => {
    const documents = [doc('doc_a', 'completed'), doc('doc_b', 'failed')];
    const partial = extractionEvent({ id: 'evt_c', createdAt, extraction, documents });
    expect(partial?.type).toBe('extraction.partial');
    expect(partial?.data).toMatchObject({ extraction_id: 'ext_1', document_ids: ['doc_a', 'doc_b'], status: 'partial' });
    expect(extractionEvent({ id: 'e', createdAt, extraction: { ...extraction, status: 'completed' }, documents })?.type).toBe('extraction.completed');
    expect(extractionEvent({ id: 'e', createdAt, extraction: { ...extraction, status: 'failed' }, documents })?.type).toBe('extraction.failed');
    expect(extractionEvent({ id: 'e', createdAt, extraction: { ...extraction, status: 'cancelled' }, documents })).toBeNull();
  });
});
