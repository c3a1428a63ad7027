import type { ExtractionContext, FieldValue } from './context.js';

export function extractCustomFields(_ctx: ExtractionContext, _spec: unknown, _type: string, _existing?: Record<string, FieldValue>): Record<string, FieldValue> {
  return {};
}
