import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentRow, ExtractionRow } from '../src/internal/db/schema.js';
import { EMBED_STATUSES, embedStatus } from '../src/surfaces/embed/status-flow.js';
import { createTestApp } from './helpers/test-core.js';

/**
 * The embed status flow is derived from the core's extraction status and its document's stage and
 * error: every core state maps to one embed status, and the list's `status` filter (SQL) agrees with
 * the mapping (JS) for each of them.
 */

const t = await createTestApp({ startWorkers: false });
afterAll(() => t.close());
const headers = { 'x-api-key': t.apiKey, 'x-user-email': 'admin@localhost' };

type State = { extraction: ExtractionRow['status']; document: Partial<Pick<DocumentRow, 'status' | 'stage' | 'error_code' | 'error_message' | 'document_type' | 'matched_template_id'>>; expected: string };

const STATES: State[] = [
  { extraction: 'queued', document: { status: 'queued', stage: null }, expected: 'uploaded' },
  { extraction: 'processing', document: { status: 'processing', stage: 'parsing' }, expected: 'analyzing' },
  { extraction: 'processing', document: { status: 'processing', stage: 'classifying' }, expected: 'analyzing' },
  { extraction: 'processing', document: { status: 'processing', stage: null }, expected: 'analyzed' },
  // "analyzed: Analysis complete, document type identified": the type (and matched template) is recorded before extraction.
  { extraction: 'processing', document: { status: 'processing', stage: 'classifying', document_type: 'invoice', matched_template_id: 'prs_x' }, expected: 'analyzed' },
  { extraction: 'processing', document: { status: 'processing', stage: 'extracting' }, expected: 'extracting' },
  { extraction: 'completed', document: { status: 'completed', stage: null }, expected: 'completed' },
  { extraction: 'failed', document: { status: 'failed', error_code: 'PROCESSING_ERROR', error_message: 'The PDF is encrypted.' }, expected: 'analysis failed' },
  { extraction: 'failed', document: { status: 'failed', error_code: 'UNSUPPORTED_FORMAT', error_message: 'Not a document.' }, expected: 'analysis failed' },
  { extraction: 'failed', document: { status: 'failed', error_code: 'VALIDATION_ERROR', error_message: 'The template has no fields.' }, expected: 'extraction failed' },
  { extraction: 'failed', document: { status: 'failed', error_code: 'PROCESSING_ERROR', error_message: 'Processing failed after 3 attempts: boom' }, expected: 'failed' },
  { extraction: 'failed', document: { status: 'failed', error_code: 'INTERNAL_ERROR', error_message: 'Something else.' }, expected: 'failed' },
  // No error code on the first document: a general failure, in the list filter too (NULL-safe).
  { extraction: 'failed', document: { status: 'failed', error_code: null, error_message: null }, expected: 'failed' },
  { extraction: 'cancelled', document: { status: 'cancelled' }, expected: 'failed' },
];

const ids: string[] = [];
for (const state of STATES) {
  const auth = await t.core.accounts.authenticate({ apiKey: t.apiKey });
  const { extraction, documents } = await t.core.extractions.submit(auth, { text: `Invoice for ${state.expected}` });
  await t.core.db.updateTable('extractions').set({ status: state.extraction }).where('id', '=', extraction.id).execute();
  await t.core.db.updateTable('documents').set({ stage: null, ...state.document }).where('id', '=', documents[0].id).execute();
  ids.push(extraction.id);
}

describe('embed status flow', () => {
  it.each(STATES.map((s, i) => ({ ...s, i })))('$extraction / $document.status $document.stage $document.error_code → $expected', async ({ i, expected }) => {
    const extraction = await t.core.db.selectFrom('extractions').selectAll().where('id', '=', ids[i]).executeTakeFirstOrThrow();
    const document = await t.core.db.selectFrom('documents').selectAll().where('extraction_id', '=', ids[i]).executeTakeFirstOrThrow();
    expect(embedStatus(extraction, document)).toBe(expected);
    const res = await t.app.inject({ method: 'GET', url: `/api/embed/extractions/${ids[i]}`, headers });
    expect(res.json().data.status).toBe(expected);
  });

  it.each([...EMBED_STATUSES])('the list filter status=%s returns exactly the extractions mapped to it', async (status) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/embed/extractions?limit=100&status=${encodeURIComponent(status)}`, headers });
    expect(res.statusCode).toBe(200);
    const listed = (res.json().data.items as Array<{ id: string; status: string }>).map((i) => i.id).sort();
    const expected = ids.filter((_, i) => STATES[i].expected === status).sort();
    expect(listed).toEqual(expected);
    for (const item of res.json().data.items) expect(item.status).toBe(status);
  });
});
