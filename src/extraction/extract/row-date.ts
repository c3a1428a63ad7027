import { type DateOrder, findDates } from '../normalize/dates.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_ALIASES: Record<string, number> = { mai: 5, mei: 5, okt: 10, dez: 12, dic: 12, mrz: 3, maer: 3, mär: 3, fev: 2, fév: 2, avr: 4, ago: 8, set: 9, ott: 10, gen: 1, ene: 1, abr: 4 };

/**
 * Statement rows often print dates without the year ("01 Jan", "01.01.", "01/01"): the year comes
 * from the rest of the statement. A full date is read as it is.
 */
export function readRowDate(text: string, year: number | null, order: DateOrder): string | null {
  const full = findDates(text, order)[0];
  if (full) return full.iso;
  if (year === null) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const named = /^(\d{1,2})[.\s-]*([A-Za-zäéè]{3,})\.?$/.exec(text.trim());
  if (named) {
    const key = named[2].toLowerCase().slice(0, 3);
    const month = MONTHS.indexOf(key) + 1 || MONTH_ALIASES[key] || MONTH_ALIASES[named[2].toLowerCase().slice(0, 4)];
    const day = Number(named[1]);
    if (month && day >= 1 && day <= 31) return `${year}-${pad(month)}-${pad(day)}`;
  }
  const numeric = /^(\d{1,2})[./-](\d{1,2})\.?$/.exec(text.trim());
  if (numeric) {
    const [a, b] = [Number(numeric[1]), Number(numeric[2])];
    const [day, month] = order === 'dmy' ? [a, b] : [b, a];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return `${year}-${pad(month)}-${pad(day)}`;
  }
  return null;
}
