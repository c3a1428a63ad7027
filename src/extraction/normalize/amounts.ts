import { CURRENCY_PATTERN } from './currency.js';

/**
 * Reads printed amounts: "1.234,56", "1,234.56", "1 234,56", "$50,000.00 CR", "(12.00)", "-5,00",
 * "12.50-", "EUR 104,90". Which mark is the decimal separator is decided per token: the last of
 * two different marks, or a lone mark followed by exactly one or two digits; a lone mark followed
 * by three digits is a thousands separator ("1.234" is 1234 in de-DE and en-US alike).
 */
export interface ParsedAmount {
  value: number;
  /** The number of decimals printed (2 for "9.00"), used to prefer money-looking tokens. */
  decimals: number;
  /** A currency written with the amount ("€", "RM", "EUR"), as printed. */
  currencyText: string | null;
}

const CUR = CURRENCY_PATTERN;
const AMOUNT_RE = new RegExp(
  String.raw`^\(?\s*(${CUR})?\s*([-−+])?\s*(${CUR})?\s*(\d{1,3}(?:[ .,'\u00a0\u202f]\d{3})+|\d+)(?:([.,])(\d{1,3}))?\s*([-−])?\s*(${CUR})?\s*(CR|DR|Cr|Dr|H|S)?\s*\)?$`,
);

export function parseAmount(text: string): ParsedAmount | null {
  const s = text.normalize('NFKC').trim().replace(/\s*:\s*$/, '');
  const m = AMOUNT_RE.exec(s);
  if (!m) return parseLooseAmount(s);
  const [, cur1, sign1, cur2, intPart, decMark, decPart, sign2, cur3, drcr] = m;
  let integer = intPart;
  let decimals = decPart ?? '';
  // "1,234" / "1.234" with exactly three digits after a single mark: thousands, not decimals.
  if (decMark && decPart && decPart.length === 3 && !/[ .,'\u00a0\u202f]/.test(intPart)) {
    integer = intPart + decPart;
    decimals = '';
  } else if (decMark && /[ .,'\u00a0\u202f]/.test(intPart) && intPart.includes(decMark)) {
    // "1.234.567" style: the mark repeats, so it groups thousands.
    return null;
  }
  const groupMark = intPart.match(/[ .,'\u00a0\u202f]/)?.[0];
  if (groupMark && decMark && groupMark === decMark) return null;
  const value = Number(`${integer.replace(/[ .,'\u00a0\u202f]/g, '')}.${decimals || '0'}`);
  if (!Number.isFinite(value)) return null;
  const negative = /^\(.*\)$/.test(s) || sign1 === '-' || sign1 === '−' || Boolean(sign2) || drcr === 'DR' || drcr === 'Dr';
  return { value: negative ? -value : value, decimals: decimals.length, currencyText: cur1 ?? cur2 ?? cur3 ?? null };
}

/** OCR sometimes splits or garbles separators ("9 .00", "9,00."); accept a plain d+[.,]dd core. */
function parseLooseAmount(s: string): ParsedAmount | null {
  const m = /^[^\d-]{0,4}(-)?\s*(\d{1,7})\s?[.,]\s?(\d{2})[^\d]{0,3}$/.exec(s);
  if (!m) return null;
  const value = Number(`${m[2]}.${m[3]}`);
  return { value: m[1] ? -value : value, decimals: 2, currencyText: null };
}

/** An amount-looking token, for findAmounts (compiled once: findAmounts runs on every segment of every document). */
const AMOUNT_TOKEN = new RegExp(
  String.raw`(?:[-−](?=${CURRENCY_PATTERN}))?(?:${CURRENCY_PATTERN}\s?)?\(?[-−]?\s?(?:\d{1,3}(?:[ .,'\u00a0](?=\d{3})\d{3})+|\d+)(?:[.,]\d{1,2})?(?!\d)\)?(?:\s?[-−](?!\d))?(?:\s?(?:${CURRENCY_PATTERN}|CR|DR)(?![A-Za-z]))?`,
  'g',
);

/** Finds amount-looking substrings in a line of text, right to left preference is the caller's. */
export function findAmounts(text: string): { text: string; index: number; amount: ParsedAmount }[] {
  const out: { text: string; index: number; amount: ParsedAmount }[] = [];
  // Every match holds a digit (so exec always advances): a text without one has none.
  if (!/\d/.test(text)) return out;
  AMOUNT_TOKEN.lastIndex = 0;
  for (let m = AMOUNT_TOKEN.exec(text); m; m = AMOUNT_TOKEN.exec(text)) {
    const amount = parseAmount(m[0]);
    const lead = m[0].length - m[0].trimStart().length;
    if (amount) out.push({ text: m[0].trim(), index: m.index + lead, amount });
  }
  return out;
}
