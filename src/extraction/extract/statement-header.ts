import { findIbans } from '../normalize/identifiers.js';
import type { ValueParser } from './key-value.js';

/** A masked card number as statements print it: "XXXX XXXX XXXX 1234", "**** 1234", "4532 •••• •••• 1234". */
const MASKED_CARD = /(?:\d{4}[\s-]?)?(?:[X*•x]{4}[\s-]?){1,3}\d{4}|[X*•x]{4,12}\d{4}/;
const ACCOUNT = /[A-Z]{0,4}\d[\d -]{4,30}\d/;

/**
 * The account number after its label: an IBAN, a masked card number, or digits in groups as
 * printed ("1234 5678 9123 4567"). Statements name cards and accounts with the same labels.
 */
export function accountOrCardParser(): ValueParser {
  return (text) => {
    const iban = findIbans(text)[0];
    if (iban) return { value: iban.iban, start: iban.index, end: iban.index + iban.text.length, fit: 1 };
    const card = MASKED_CARD.exec(text);
    const plain = ACCOUNT.exec(text);
    const m = card && (!plain || card.index <= plain.index) ? card : plain;
    if (!m) return null;
    return { value: m[0].trim(), start: m.index, end: m.index + m[0].length, fit: m.index <= 2 ? 1 : m.index <= 12 ? 0.85 : 0.6 };
  };
}
