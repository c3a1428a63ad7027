import type { ParsedAmount } from '../normalize/amounts.js';

/**
 * How many decimals a document prints its money with: two ("9.90", "1.234,50") when any positive
 * amount has two, otherwise none (yen, won, forint, or a whole-dollar invoice: "¥1,280", "$5,000").
 * The amount scorers read "printed like this document's money" rather than "has two decimals", so a
 * document without cents is read as one with cents is.
 */
export function moneyDecimals<S extends { text: string }>(segments: readonly S[], amountsOf: (seg: S) => readonly { text: string; index: number; amount: ParsedAmount }[]): 0 | 2 {
  for (const seg of segments) {
    for (const a of amountsOf(seg)) {
      // "2024.05" of "2024.05.17 14:23", "12.10" of "12.10/2024": part of a date or a version, not money.
      if (a.amount.decimals === 2 && a.amount.value > 0 && !DATE_RUN.test(seg.text.slice(a.index + a.text.length, a.index + a.text.length + 2))) return 2;
    }
  }
  return 0;
}

/** What follows a number inside a date or a version: a separator and a digit. */
const DATE_RUN = /^[.,/-]\d/;

/** Digits grouped in thousands ("1,250,000", "12 500"): an amount, not a phone number or a reference. */
const GROUPED = /\d[ .,'\u00a0\u202f]\d{3}(?!\d)/;

/**
 * Whether a whole number of `value` printed as `text` is too large to be an amount of a document
 * whose money has `decimals`: ids, phone numbers and postcodes print no groups. Where money has no
 * decimals, a grouped large number is money ("¥1,250,000"); where it has, the old bound stands.
 */
export function tooLargeForMoney(value: number, text: string, decimals: 0 | 2, bound: number): boolean {
  if (Math.abs(value) < bound) return false;
  return decimals === 2 || !GROUPED.test(text);
}
