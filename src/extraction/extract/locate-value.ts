import { findAmounts } from '../normalize/amounts.js';
import { findDates } from '../normalize/dates.js';
import { cite } from './candidate.js';
import type { Citation } from '../model/result.js';
import type { ExtractionContext } from './context.js';
import { fold } from './text-fold.js';

const squash = (s: string) => fold(s).replace(/[\s.,:;'"()-]+/g, '');

/**
 * Finds where a value from another source (embedded XML, a caller's review) is printed, so it can
 * be cited and cross-checked: amounts by number in any format, dates by calendar day, text by its
 * letters and digits.
 */
export function locateValue(ctx: ExtractionContext, value: unknown): Citation | null {
  if (value === null || value === undefined || value === '') return null;
  for (const page of ctx.pages) {
    for (const seg of page.segments.flat()) {
      if (typeof value === 'number') {
        if (findAmounts(seg.text).some((a) => Math.abs(Math.abs(a.amount.value) - Math.abs(value)) < 0.005)) {
          return cite(page.page, seg.line.words);
        }
      } else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        if (findDates(seg.text, ctx.dateOrder).some((d) => d.iso === value) || findDates(seg.text, ctx.dateOrder === 'dmy' ? 'mdy' : 'dmy').some((d) => d.iso === value)) {
          return cite(page.page, seg.line.words);
        }
      } else if (typeof value === 'string') {
        const target = squash(value);
        if (target.length >= 2 && squash(seg.text).includes(target)) return cite(page.page, seg.line.words);
      }
    }
  }
  // Text split over several lines (a two-line company name): try each row joined.
  if (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const target = squash(value);
    for (const page of ctx.pages) {
      const segs = page.segments.flat();
      for (let i = 0; i + 1 < segs.length; i++) {
        if (squash(segs[i].text + segs[i + 1].text).includes(target)) return cite(page.page, [...segs[i].line.words, ...segs[i + 1].line.words]);
      }
    }
  }
  return null;
}
