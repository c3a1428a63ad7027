/**
 * Date reading. Numeric dates are ambiguous (03/04/2025); the order is inferred once per document
 * from the dates that are not (any "25/12/2018" proves day-first, any "1/30/23" month-first) and
 * otherwise from the caller's hint (US-style documents), defaulting to day-first, which most of the
 * world writes.
 */
export type DateOrder = 'dmy' | 'mdy';

const MONTHS: Record<string, number> = {};
[
  ['jan', 'january', 'januar', 'janvier', 'januari', 'enero', 'janv', 'gennaio', 'jänner', 'jaenner', 'jän', 'ene', 'gen'],
  ['feb', 'february', 'februar', 'fevrier', 'février', 'februari', 'febrero', 'fev', 'févr', 'fevr', 'febbraio', 'fév'],
  ['mar', 'march', 'märz', 'maerz', 'marz', 'mars', 'maart', 'marzo', 'mac', 'mrt', 'mär', 'mrz'],
  ['apr', 'april', 'avril', 'abril', 'avr', 'aprile', 'abr'],
  ['may', 'mai', 'mei', 'mayo', 'maggio', 'mag'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'giugno', 'giu'],
  ['jul', 'july', 'juli', 'juillet', 'julio', 'juil', 'luglio', 'lug'],
  ['aug', 'august', 'août', 'aout', 'augustus', 'agosto', 'ogos', 'ago'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'settembre', 'set'],
  ['oct', 'october', 'oktober', 'octobre', 'octubre', 'okt', 'ottobre', 'ott'],
  ['nov', 'november', 'novembre', 'noviembre'],
  ['dec', 'december', 'dezember', 'décembre', 'decembre', 'diciembre', 'dic', 'dis', 'dez', 'dicembre', 'déc'],
].forEach((names, i) => {
  for (const n of names) MONTHS[n] = i + 1;
});
/** Regex source of every month name and abbreviation above, longest first. */
export const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** The month (1–12) a name or abbreviation in any of the six languages stands for ("Aug", "mär", "okt."). */
export function monthNumber(name: string): number | null {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? null;
}

export interface FoundDate {
  iso: string;
  text: string;
  index: number;
  /** True when the day/month order was read from the text, not inferred. */
  unambiguous: boolean;
}

function iso(y: number, m: number, d: number): string | null {
  if (y < 100) y += y < 70 ? 2000 : 1900;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// The last part has one digit only after a four-digit year ("2025-7-4", as Japanese tills print it).
const NUMERIC = /(?<![\d.,/-])(\d{1,4})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{1,4})(?![\d])/g;
// Spanish and Portuguese join day, month and year with "de" ("28 de noviembre de 2024", "… del 2024").
const NAMED_DMY = new RegExp(String.raw`(?<![\d])(\d{1,2})(?:st|nd|rd|th|er|\.)?[\s./-]*(?:de\s+)?(${MONTH_NAMES})\.?[\s./,-]*(?:del?\s+)?(\d{4}|\d{2})(?![\d])`, 'giu');
// OCR often drops the space after the comma ("Jun 26,2024"): a comma alone separates day and year too.
const NAMED_MDY = new RegExp(String.raw`(?<![\p{L}])(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)(\d{4})(?![\d])`, 'giu');

// Compact "20180428" (often "20180428/191204" on tills), only for plausible recent years.
const COMPACT = /(?<![\d])(19[89]\d|20[0-4]\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d])/g;

/**
 * Every match of the global expression `re` in `s`, in order, as `s.matchAll(re)` gives them but
 * without the copy of the expression matchAll makes (per form and per segment, it cost more than the
 * matching). None of the date forms matches empty text.
 */
function allMatches(re: RegExp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) out.push(m);
  return out;
}

/** "12.17.26 PM", "Time: 11.14.00": times written with dots, not dates. */
function looksLikeTime(s: string, m: RegExpMatchArray): boolean {
  const at = m.index ?? 0;
  if (/^\s*[ap]\.?m\b/i.test(s.slice(at + m[0].length))) return true;
  return m[2] === '.' && /(?:time|zeit|heure|hora|tijd|ora|masa)\W{0,3}$/i.test(s.slice(Math.max(0, at - 12), at));
}

/**
 * OCR's letter-for-digit confusions inside a date, repaired without changing the text's length (so
 * indexes stay): "1l.11.2023" and "2O23" (l, I for 1 and O for 0 between a date's digits), "0ct"
 * and "ag0" (a 0 for the o of a month name, which then reads as one).
 */
export function repairDateGlyphs(s: string): string {
  if (!/[lIOo0]/.test(s)) return s;
  const digits = s
    .replace(/(?<=\d)[lI](?=[\d./-])|(?<=\d[./-])[lI](?=\d)/g, '1')
    .replace(/(?<=\d)[oO](?=[\d./-])|(?<=\d[./-])[oO](?=\d)/g, '0');
  return digits.replace(/(?<![\p{L}\d])[\p{L}0]{3,9}(?![\p{L}\d])/gu, (w) => {
    if (!w.includes('0') || !/\p{L}/u.test(w)) return w;
    const letters = w.replace(/0/g, /\p{Ll}/u.test(w) ? 'o' : 'O');
    return MONTHS[letters.toLowerCase()] ? letters : w;
  });
}

/** Finds every date in a line of text. */
export function findDates(text: string, order: DateOrder = 'dmy'): FoundDate[] {
  const out: FoundDate[] = [];
  // Every form below holds a digit: most segments of a page are words alone.
  const normalized = text.normalize('NFKC');
  if (!/\d/.test(normalized)) return out;
  const s = repairDateGlyphs(normalized);
  for (const m of allMatches(NUMERIC, s)) {
    if (looksLikeTime(s, m)) continue;
    const [a, , b, c] = [Number(m[1]), m[2], Number(m[3]), Number(m[4])];
    let value: string | null = null;
    let unambiguous = true;
    if (m[1].length === 4) value = m[4].length <= 2 ? iso(a, b, c) : null;
    else if (m[4].length === 1) continue;
    else if (m[4].length === 4 || m[4].length === 2) {
      if (a > 12) value = iso(c, b, a);
      else if (b > 12) value = iso(c, a, b);
      else {
        unambiguous = a === b;
        value = order === 'dmy' ? iso(c, b, a) : iso(c, a, b);
      }
    }
    if (value) out.push({ iso: value, text: m[0], index: m.index ?? 0, unambiguous });
  }
  for (const m of allMatches(NAMED_DMY, s)) {
    const value = iso(Number(m[3]), MONTHS[m[2].toLowerCase()], Number(m[1]));
    if (value) out.push({ iso: value, text: m[0], index: m.index ?? 0, unambiguous: true });
  }
  for (const m of allMatches(NAMED_MDY, s)) {
    const value = iso(Number(m[3]), MONTHS[m[1].toLowerCase()], Number(m[2]));
    if (value) out.push({ iso: value, text: m[0], index: m.index ?? 0, unambiguous: true });
  }
  for (const m of allMatches(COMPACT, s)) {
    const value = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    if (value && !out.some((o) => o.index === m.index)) out.push({ iso: value, text: m[0], index: m.index ?? 0, unambiguous: true });
  }
  return out.sort((x, y) => x.index - y.index);
}

export function parseDate(text: string, order: DateOrder = 'dmy'): string | null {
  return findDates(text, order)[0]?.iso ?? null;
}

/**
 * Infers the numeric date order of a whole document from its unambiguous numeric dates, falling
 * back to `fallback` (month-first for US-style documents) when every date could be read either way.
 */
export function inferDateOrder(texts: Iterable<string>, fallback: DateOrder = 'dmy'): DateOrder {
  let dmy = 0;
  let mdy = 0;
  for (const t of texts) {
    for (const m of allMatches(NUMERIC, t.normalize('NFKC'))) {
      if (m[1].length === 4 || m[4].length === 1) continue;
      if (looksLikeTime(t.normalize('NFKC'), m)) continue;
      // Dotted two-digit triples ("11.14.00") are times far more often than dates: no vote.
      if (m[2] === '.' && m[4].length === 2) continue;
      const a = Number(m[1]);
      const b = Number(m[3]);
      if (a > 12 && a <= 31 && b <= 12) dmy++;
      else if (b > 12 && b <= 31 && a <= 12) mdy++;
    }
  }
  if (dmy === mdy) return fallback;
  return dmy > mdy ? 'dmy' : 'mdy';
}
