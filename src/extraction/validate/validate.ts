import type { FieldValue } from '../extract/context.js';

export function validateFields(_type: string, _values: Record<string, FieldValue>): { code: string; message: string }[] {
  return [];
}
