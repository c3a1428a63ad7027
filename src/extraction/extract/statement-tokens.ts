import { parseAmount } from '../normalize/amounts.js';
import { toIsoCurrency } from '../normalize/currency.js';
import { type BBox, type Word, unionBox } from '../model/document.js';
import { parseRowDate, type RowDate } from './statement-dates.js';

/**
 * One printed amount of a statement row with everything printed around it: `sign` is an explicit
 * minus / parentheses (-1) or plus (+1), 0 when none; `marker` a CR/DR (or German H/S) that names
 * the kind outright. Signs say which way the printed balance moves; markers say credit or debit.
 */
export interface MoneyToken {
  value: number;
  sign: -1 | 0 | 1;
  marker: 'credit' | 'debit' | null;
  currency: string | null;
  words: Word[];
  /** Right edge of the number itself: amounts are right-aligned, markers hang off the edge. */
  x1: number;
  x0: number;
  /**
   * OCR dropped the decimal mark ("7711" for "77.11"): read as cents, and used only where the running
   * balance confirms it (transactions.ts).
   */
  weak?: boolean;
}

export interface RowTokens {
  words: Word[];
  date: RowDate | null;
  dateWords: Word[];
  /** A second date right after the first (value or posting date). */
  date2Words: Word[];
  money: MoneyToken[];
  text: Word[];
  bbox: BBox;
}

const h = (w: Word) => w.bbox[3] - w.bbox[1];
const SIGN = /^[-−+]$/;
const MARK_AFTER = /^(?:CR|DR|Cr|Dr|H|S|[-−+])$/;
const MARK_BEFORE = /^(?:CR|DR|[-−+])$/;
const SYMBOL = /^(?:[$£€¥]|US\$|A\$|C\$)$/;
/** The number itself: thousands groups with decimals, or decimals alone, or thousands groups alone ("90,350"). */
const NUMBER = /^(?:\d{1,3}(?:[,.'\u00a0 ]\d{3})+(?:[.,]\d{1,2})?|\d+[.,]\d{2})$/;

const isCode = (t: string) => /^[A-Z]{3}$/.test(t) && toIsoCurrency(t) !== null;

/**
 * "1 234,56" is printed as two words: joins a one-to-three digit word to a following three-digit
 * group when they are a space apart (a column gutter is far wider).
 */
function joinThousands(words: Word[]): Word[] {
  const out: Word[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    if (prev && /^[-−(+]?[$£€]?\d{1,3}(?: \d{3})*$/.test(prev.text) && /^\d{3}(?:[.,]\d{2})?(?:[-+)]|CR|DR)?$/.test(w.text) && w.bbox[0] - prev.bbox[2] < 0.75 * Math.max(h(w), h(prev))) {
      out[out.length - 1] = { text: `${prev.text} ${w.text}`, bbox: unionBox([prev.bbox, w.bbox]), confidence: Math.min(prev.confidence, w.confidence) };
    } else out.push(w);
  }
  return out;
}

/** Reads one word as a number with what is glued to it ("(412.16)", "-$45.00", "173,20-", "45.00CR"). */
function readNumberWord(text: string): { value: number; sign: -1 | 0 | 1; marker: 'credit' | 'debit' | null; currency: string | null } | null {
  let t = text.normalize('NFKC');
  let sign: -1 | 0 | 1 = 0;
  let marker: 'credit' | 'debit' | null = null;
  let currency: string | null = null;
  if (/^\(.*\)$/.test(t)) {
    sign = -1;
    t = t.slice(1, -1);
  }
  const lead = /^([-−+])?([$£€¥]|[A-Z]{3}(?=[-−+\d]))?([-−+])?/.exec(t);
  if (lead?.[0]) {
    const s = lead[1] ?? lead[3];
    if (s) sign = s === '+' ? 1 : -1;
    if (lead[2]) currency = toIsoCurrency(lead[2]);
    t = t.slice(lead[0].length);
  }
  const tail = /(CR|DR|Cr|Dr)?([-−+])?([$£€¥])?$/.exec(t);
  if (tail?.[0]) {
    if (tail[1]) marker = /^c/i.test(tail[1]) ? 'credit' : 'debit';
    if (tail[2]) sign = tail[2] === '+' ? 1 : -1;
    if (tail[3]) currency = toIsoCurrency(tail[3]);
    t = t.slice(0, t.length - tail[0].length);
  }
  if (!NUMBER.test(t)) return null;
  const parsed = parseAmount(t.replace(/ /g, '\u00a0'));
  if (!parsed) return null;
  return { value: Math.abs(parsed.value), sign, marker, currency };
}

/**
 * Splits a row into its leading date (and a second date after it), its amounts with their signs,
 * markers and currencies, and the remaining text.
 */
export function tokenizeRow(rowWords: readonly Word[]): RowTokens {
  // Dust on a scan is read as a lone ".", ":" or ";": no part of any row.
  const words = joinThousands(rowWords.filter((w) => !/^[.,:;'`"_~^*|!]+$/.test(w.text)).sort((a, b) => a.bbox[0] - b.bbox[0]));
  const used = new Set<Word>();
  const money: MoneyToken[] = [];
  const weak: MoneyToken[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (used.has(w) || !/\d/.test(w.text)) continue;
    const read = readNumberWord(w.text);
    if (!read) {
      // Only an OCR word (confidence below 1) is suspected of a lost decimal mark, never a text layer's.
      if (w.confidence < 1 && /^\d{3,7}$/.test(w.text) && i > 0) weak.push({ value: Number(w.text) / 100, sign: 0, marker: null, currency: null, words: [w], x0: w.bbox[0], x1: w.bbox[2], weak: true });
      continue;
    }
    const parts = [w];
    const near = (a: Word, b: Word) => b.bbox[0] - a.bbox[2] < 1.5 * Math.max(h(a), h(b));
    // Markers, signs and currencies printed as words of their own, before and after.
    for (let j = i - 1; j >= 0 && j >= i - 2; j--) {
      const p = words[j];
      if (used.has(p) || !near(p, parts[0])) break;
      if (SIGN.test(p.text) && read.sign === 0) read.sign = p.text === '+' ? 1 : -1;
      else if (MARK_BEFORE.test(p.text) && !read.marker && !SIGN.test(p.text)) read.marker = p.text === 'CR' ? 'credit' : 'debit';
      else if ((SYMBOL.test(p.text) || isCode(p.text)) && !read.currency) read.currency = toIsoCurrency(p.text);
      else if (p.text === '(' ) read.sign = -1;
      else break;
      parts.unshift(p);
    }
    for (let j = i + 1; j < words.length && j <= i + 2; j++) {
      const n = words[j];
      if (!near(parts[parts.length - 1], n)) break;
      if (MARK_AFTER.test(n.text) && !read.marker && !SIGN.test(n.text) && n.text.length === 2) read.marker = /^c/i.test(n.text) ? 'credit' : 'debit';
      else if (/^[HS]$/.test(n.text) && !read.marker) read.marker = n.text === 'H' ? 'credit' : 'debit';
      else if (SIGN.test(n.text) && read.sign === 0) read.sign = n.text === '+' ? 1 : -1;
      else if ((SYMBOL.test(n.text) || isCode(n.text)) && !read.currency) read.currency = toIsoCurrency(n.text);
      else if (n.text === ')') read.sign = -1;
      else break;
      parts.push(n);
    }
    for (const p of parts) used.add(p);
    money.push({ ...read, words: parts, x0: parts[0].bbox[0], x1: w.bbox[2] });
  }
  // The leading date: the first one to three words, before any amount.
  let date: RowDate | null = null;
  let dateWords: Word[] = [];
  let date2Words: Word[] = [];
  const lead = words.filter((w) => !used.has(w));
  for (let n = Math.min(3, lead.length); n >= 1 && !date; n--) {
    if (lead[n - 1] !== words[n - 1]) continue;
    const d = parseRowDate(lead.slice(0, n).map((w) => w.text).join(' '));
    if (d) [date, dateWords] = [d, lead.slice(0, n)];
  }
  // "02.07" is also a number: as the first word of a row that has another amount, it is the date.
  if (!date && money.length > 1 && money[0].words[0] === words[0]) {
    const d = parseRowDate(words[0].text);
    if (d) {
      [date, dateWords] = [d, [words[0]]];
      money.shift();
      used.delete(words[0]);
    }
  }
  if (date) {
    const rest = words.filter((w) => !used.has(w) && !dateWords.includes(w));
    for (let n = Math.min(3, rest.length); n >= 1; n--) {
      if (rest[n - 1] !== words[dateWords.length + n - 1]) continue;
      if (parseRowDate(rest.slice(0, n).map((w) => w.text).join(' '))) {
        date2Words = rest.slice(0, n);
        break;
      }
    }
  }
  // A suspected amount stands only on a row with a date or another amount, after the date.
  const weakKept = weak.filter((m) => !dateWords.includes(m.words[0]) && !date2Words.includes(m.words[0]) && (date || money.length));
  for (const m of weakKept) used.add(m.words[0]);
  money.push(...weakKept);
  money.sort((a, b) => a.x0 - b.x0);
  const text = words.filter((w) => !used.has(w) && !dateWords.includes(w) && !date2Words.includes(w));
  return { words, date, dateWords, date2Words, money, text, bbox: words.length ? unionBox(words.map((w) => w.bbox)) : [0, 0, 0, 0] };
}
