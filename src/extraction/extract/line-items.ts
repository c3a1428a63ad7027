import type { ExtractionContext, FieldValue } from './context.js';

/** Line items and receipt items from tables: filled in by the table stage. */
export function extractLineItems(_ctx: ExtractionContext, _kind: 'invoice' | 'receipt'): FieldValue {
  return { value: [], confidence: 0, citations: [], source: 'page' };
}
