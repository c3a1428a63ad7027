import { type DateOrder, monthNumber } from '../normalize/dates.js';

/**
 * A date as a statement row prints it, before the year and the day/month order are settled for the
 * whole document: "02/07", "02.07.", "7 Aug", "AUG 07", "Aug 7, 2025", "2025-08-07", "07/08/25".
 */
export type RowDate =
  | { kind: 'named'; month: number; day: number; year: number | null }
  | { kind: 'numeric'; a: number; b: number; year: number | null }
  | { kind: 'iso'; year: number; month: number; day: number };

/** Abbreviations statements use that the general month table lacks. */
const EXTRA_MONTHS: Record<string, number> = { mrz: 3, mär: 3, gen: 1, ene: 1, abr: 4, fév: 2, déc: 12, juil: 7, dez: 12, okt: 10, mei: 5 };
const month = (name: string) => monthNumber(name) ?? EXTRA_MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? null;

const year4 = (y: string | undefined) => (y === undefined ? null : y.length === 2 ? 2000 + Number(y) : Number(y));
const validDay = (d: number) => d >= 1 && d <= 31;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMERIC = /^(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2}))?\.?$/;
const DAY_MONTH = /^(\d{1,2})(?:st|nd|rd|th|\.)?[\s./-]*([A-Za-zÀ-ÿ]{3,9})\.?(?:[\s./,-]*(\d{4}|\d{2}))?$/;
const MONTH_DAY = /^([A-Za-zÀ-ÿ]{3,9})\.?[\s./-]*(\d{1,2})(?:st|nd|rd|th)?(?:,?\s*(\d{4}))?$/;

/** Reads `text` (one to three words from the start of a row) as a row date, or null. */
export function parseRowDate(text: string): RowDate | null {
  const t = text.trim();
  let m = ISO.exec(t);
  if (m) return { kind: 'iso', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = NUMERIC.exec(t);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    // One of the two orders must give a valid day and month.
    if ((validDay(a) && b >= 1 && b <= 12) || (validDay(b) && a >= 1 && a <= 12)) return { kind: 'numeric', a, b, year: year4(m[4]) };
    return null;
  }
  m = DAY_MONTH.exec(t);
  if (m) {
    const mo = month(m[2]);
    if (mo && validDay(Number(m[1]))) return { kind: 'named', month: mo, day: Number(m[1]), year: year4(m[3]) };
  }
  m = MONTH_DAY.exec(t);
  if (m) {
    const mo = month(m[1]);
    if (mo && validDay(Number(m[2]))) return { kind: 'named', month: mo, day: Number(m[2]), year: year4(m[3]) };
  }
  return null;
}

/**
 * The day/month order of a statement's numeric row dates: a first number over 12 proves day-first,
 * a second over 12 month-first; otherwise the order that puts more of them inside the statement
 * period; otherwise the document's own order.
 */
export function rowDateOrder(dates: readonly RowDate[], period: { from: string; to: string } | null, fallback: DateOrder): DateOrder {
  const numeric = dates.filter((d): d is Extract<RowDate, { kind: 'numeric' }> => d.kind === 'numeric');
  if (numeric.some((d) => d.a > 12)) return 'dmy';
  if (numeric.some((d) => d.b > 12)) return 'mdy';
  if (period && numeric.length) {
    const inside = (order: DateOrder) => numeric.filter((d) => {
      const iso = resolveRowDate(d, { order, period, year: null });
      return iso !== null && iso >= shift(period.from, -3) && iso <= shift(period.to, 3);
    }).length;
    const [dmy, mdy] = [inside('dmy'), inside('mdy')];
    if (dmy !== mdy) return dmy > mdy ? 'dmy' : 'mdy';
  }
  return fallback;
}

function shift(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}

function isoOf(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

export interface YearContext {
  order: DateOrder;
  /** The statement period, when printed: yearless dates fall inside it. */
  period: { from: string; to: string } | null;
  /** Without a period, the year most printed in the document. */
  year: number | null;
}

/**
 * The ISO date of a row. A date without a year takes the period's closing year, or the year
 * before when that would put it after the period's end: a statement from 15 December to 14
 * January reads "20/12" as December of the earlier year and "03/01" as January of the later one.
 */
export function resolveRowDate(d: RowDate, ctx: YearContext): string | null {
  let m: number;
  let day: number;
  if (d.kind === 'iso') return isoOf(d.year, d.month, d.day);
  if (d.kind === 'named') [m, day] = [d.month, d.day];
  else [day, m] = ctx.order === 'dmy' ? [d.a, d.b] : [d.b, d.a];
  if (m < 1 || m > 12) return null;
  if (d.year !== null) return isoOf(d.year, m, day);
  if (ctx.period) {
    const endYear = Number(ctx.period.to.slice(0, 4));
    const guess = isoOf(endYear, m, day);
    // A printed period can be a few days off the booking dates (value dates, weekends).
    if (guess && guess > shift(ctx.period.to, 20)) return isoOf(endYear - 1, m, day);
    return guess;
  }
  return ctx.year === null ? null : isoOf(ctx.year, m, day);
}
