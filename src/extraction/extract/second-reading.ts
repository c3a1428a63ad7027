import type { FieldResult } from '../model/result.js';

/** Fields whose absence or doubt on a scanned image justifies reading it a second time. */
const KEY_FIELDS = ['total_amount', 'date', 'invoice_date'];

export function needsSecondReading(fields: Record<string, FieldResult>): boolean {
  const present = KEY_FIELDS.filter((k) => k in fields);
  return present.some((k) => fields[k].value === null || fields[k].confidence < 0.6);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Merges two OCR readings of the same scan, for the key fields only (on devdata, letting the
 * second reading fill other gaps, such as the merchant's name, added more wrong values than right
 * ones): the value both readings agree on gains confidence, otherwise the more confident one wins. OCR errors at one scale are largely
 * independent of those at another, which is what makes the second reading worth its cost.
 */
export function mergeReadings(first: Record<string, FieldResult>, second: Record<string, FieldResult>): Record<string, FieldResult> {
  const out: Record<string, FieldResult> = { ...first };
  for (const name of KEY_FIELDS) {
    const a = first[name];
    const b = second[name];
    if (!b) continue;
    if (!a || a.value === null || (Array.isArray(a.value) && !a.value.length)) {
      if (b.value !== null) out[name] = b;
      continue;
    }
    if (b.value === null) continue;
    if (same(a.value, b.value)) out[name] = { ...a, confidence: Math.round(Math.min(0.99, a.confidence + (1 - a.confidence) * 0.5) * 100) / 100 };
    else if (b.confidence > a.confidence) out[name] = b;
  }
  return out;
}
