import type { FieldValue } from '../extract/context.js';
import type { EmbeddedInvoice } from '../model/document.js';

export function mergeEmbeddedInvoice(values: Record<string, FieldValue>, _embedded: EmbeddedInvoice[], _warnings: { code: string; message: string }[]): Record<string, FieldValue> {
  return values;
}
