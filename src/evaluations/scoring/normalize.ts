/**
 * Value normalization for scoring, the same rules as devdata's score.mjs (the scorer every accuracy
 * figure in BENCHMARKS.md comes from), so a user's evaluation run and our own benchmark agree on
 * what "correct" means: strings compared case- and punctuation-insensitively at the ends, amounts to
 * the cent whatever their printed form, dates as ISO days whatever their printed form.
 */

/** NFKC, lower case, ß as ss, spaces collapsed, punctuation and symbols trimmed from both ends. */
export function normString(v: unknown): string {
  return String(v)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\p{P}\p{S}\s]+/u, '')
    .replace(/[\p{P}\p{S}\s]+$/u, '');
}

const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', RS: 'INR', 'RS.': 'INR', RM: 'MYR', US$: 'USD', S$: 'SGD' };

export function normCurrency(v: unknown): string {
  const s = String(v).normalize('NFKC').trim().toUpperCase();
  return CURRENCY_SYMBOLS[s] ?? s.replace(/[^A-Z$€£¥₹]/g, '');
}

/**
 * A printed amount as a number: "1.234,56 €" and "RM 1,234.56" alike; parentheses or a leading or
 * trailing minus make it negative. With both separators the last one is the decimal separator; a
 * single comma followed by one or two digits is a decimal comma. NaN when there is no number.
 */
export function parseAmount(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v !== 'string') return NaN;
  let s = v.normalize('NFKC').trim();
  if (!/\d/.test(s)) return NaN;
  let neg = false;
  if (/^\(.*\)$/.test(s)) neg = true;
  if (/^[^\d]*-/.test(s) || /-\s*$/.test(s) || /^[^\d]*\u2212/.test(s)) neg = true;
  s = s.replace(/[^\d.,]/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    if (lastComma > lastDot) s = s.replace(/\./g, '').replace(',', '.');
    else s = s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    const commas = (s.match(/,/g) ?? []).length;
    if (commas === 1 && /,\d{1,2}$/.test(s)) s = s.replace(',', '.');
    else s = s.replace(/,/g, '');
  } else if (lastDot >= 0) {
    const dots = (s.match(/\./g) ?? []).length;
    if (dots > 1) s = s.replace(/\./g, '');
  }
  const n = Number.parseFloat(s);
  if (!Number.isFinite(n)) return NaN;
  return neg ? -n : n;
}

/** Equal to the cent (the 1e-9 absorbs binary rounding of values like 0.1 + 0.2). */
export function amountsEqual(a: number, b: number): boolean {
  return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 0.01 + 1e-9;
}

const MONTHS: Record<string, number> = {};
[
  ['jan', 'january', 'januar', 'janvier', 'januari', 'enero', 'janv'],
  ['feb', 'february', 'februar', 'fevrier', 'februari', 'febrero', 'fev', 'fevr'],
  ['mar', 'march', 'marz', 'maerz', 'mars', 'maart', 'marzo', 'mac', 'mrt'],
  ['apr', 'april', 'avril', 'abril', 'avr'],
  ['may', 'mai', 'mei', 'mayo'],
  ['jun', 'june', 'juni', 'juin', 'junio'],
  ['jul', 'july', 'juli', 'juillet', 'julio', 'juil'],
  ['aug', 'august', 'aout', 'augustus', 'agosto', 'ogos', 'ago'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre'],
  ['oct', 'october', 'oktober', 'octobre', 'octubre', 'okt'],
  ['nov', 'november', 'novembre', 'noviembre'],
  ['dec', 'december', 'dezember', 'decembre', 'diciembre', 'dis', 'dez', 'dic'],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isoDay(year: number | string, month: number | string, day: number | string): string | null {
  let y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < 100) y += y < 70 ? 2000 : 1900;
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1900 && y <= 2100)) return null;
  if (new Date(Date.UTC(y, m - 1, d)).getUTCMonth() !== m - 1) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/**
 * A printed date as YYYY-MM-DD, or null. Numeric dates are read day-first (DD/MM/YYYY); only when
 * the first number is <= 12 and the second > 12 month-first (MM/DD/YYYY). Month names in English,
 * German, French, Dutch, Spanish and Malay.
 */
export function parseDate(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).normalize('NFKC').trim();
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/))) return isoDay(m[1], m[2], m[3]);
  if ((m = s.match(/^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/))) return isoDay(m[1], m[2], m[3]);
  if ((m = s.match(/^(\d{4})(\d{2})(\d{2})$/))) return isoDay(m[1], m[2], m[3]);
  if ((m = s.match(/^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})(?:\s|$)/))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 || b <= 12) return isoDay(m[3], b, a);
    return isoDay(m[3], a, b);
  }
  const t = s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/(\d+)(st|nd|rd|th|er)\b/g, '$1');
  let month: number | null = null;
  for (const w of t.match(/[a-z]+/g) ?? []) {
    if (MONTHS[w]) {
      month = MONTHS[w];
      break;
    }
    if (w.length >= 3 && MONTHS[w.slice(0, 3)] && w.length <= 9) {
      month = MONTHS[w.slice(0, 3)];
      break;
    }
  }
  if (!month) return null;
  const nums = (t.match(/\d+/g) ?? []).map(Number);
  if (nums.length < 2) return null;
  const yi = nums.findIndex((n) => n >= 1000);
  let day: number | undefined;
  let year: number;
  if (yi >= 0) {
    year = nums[yi];
    day = nums.find((n, i) => i !== yi && n >= 1 && n <= 31);
  } else {
    [day, year] = nums;
  }
  if (day === undefined) return null;
  return isoDay(year, month, day);
}
