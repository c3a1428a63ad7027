import { amountsEqual, normCurrency, normString, parseAmount, parseDate } from './normalize.js';

/** How a value is compared: score.mjs's kinds, chosen by the field's name and the expected value. */
export type FieldKind = 'amount' | 'date' | 'currency' | 'string' | 'list';

// The built-in models' amount and date fields (score.mjs's lists, plus the invoice and receipt ones
// it scores through their numeric or ISO gold values).
const AMOUNT_FIELDS = new Set(['subtotal', 'tax_amount', 'total_amount', 'opening_balance', 'closing_balance', 'amount']);
const DATE_FIELDS = new Set(['invoice_date', 'due_date', 'date', 'statement_period_from', 'statement_period_to']);

export function fieldKind(name: string, expected: unknown): FieldKind {
  if (Array.isArray(expected)) return 'list';
  if (AMOUNT_FIELDS.has(name) || typeof expected === 'number') return 'amount';
  if (DATE_FIELDS.has(name) || (typeof expected === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expected))) return 'date';
  if (name === 'currency') return 'currency';
  return 'string';
}

/** score.mjs leaves out expected values that are absent, null, blank or empty lists. */
export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** Whether a predicted scalar equals the expected one under the kind's normalization. */
export function scalarMatch(kind: Exclude<FieldKind, 'list'>, expected: unknown, predicted: unknown): boolean {
  switch (kind) {
    case 'amount':
      return amountsEqual(parseAmount(expected), parseAmount(predicted));
    case 'date': {
      const g = parseDate(expected);
      return g !== null && g === parseDate(predicted);
    }
    case 'currency':
      return normCurrency(expected) === normCurrency(predicted);
    default: {
      const g = normString(expected);
      const q = normString(predicted);
      if (g === '') return false;
      if (g === q) return true;
      // Identifiers (a VAT id, an IBAN) print with or without inner spaces: compare them without, when
      // the expected value is one token of letters and digits with at least one digit.
      return /^(?=.*\d)[\p{L}\p{N}./-]+$/u.test(g) && g === q.replace(/\s+/g, '');
    }
  }
}
