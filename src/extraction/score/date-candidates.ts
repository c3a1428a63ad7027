import { cite, wordConfidence } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import { findLabelledValuesOf, labelledFields } from '../extract/key-value.js';
import { wordsInRange } from '../extract/layout-index.js';
import { dateParser } from '../extract/value-parsers.js';
import { findDates } from '../normalize/dates.js';
import { boxesOverlap, type ScoredCandidate } from './scored-candidate.js';

/** Label families that point at a date: the document's own date, and the other dates it prints. */
const FAMILIES = ['date', 'invoice_date', 'due_date'] as const;
const READS = labelledFields(FAMILIES.map((field) => ({ field })));
/** Words that make a date on their row something other than the document's date (expiry, validity, due, birth). */
const OTHER_DATE = /\b(?:due|expir\w*|exp|valid\w*|until|till|before|birth|ablauf|gultig\w*|bis|faellig|echeance|valable|vencim\w*|caduc\w*|geldig|scadenza|member\s*since|period)\b/;
const TIME = /\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?/i;

export const DATE_FEATURES = [
  ...FAMILIES.map((f) => `here_${f}`),
  ...FAMILIES.map((f) => `value_${f}`),
  'unambiguous',
  'month_named',
  'four_digit_year',
  'page_y',
  'doc_y',
  'x_rel',
  'order',
  'dates_in_doc',
  'repeats',
  'common_year',
  'row_time',
  'row_other_date',
  'row_letters',
  'ocr_confidence',
] as const;

export type DateCandidate = ScoredCandidate<string>;


/**
 * Every date printed in a document as a candidate for its date, with generic features: the labels
 * that point at it, where and how it is printed, whether a time or an expiry word shares its row,
 * and how it agrees with the document's other dates.
 */
export function dateCandidates(ctx: ExtractionContext): DateCandidate[] {
  const parse = dateParser(ctx.dateOrder);
  const all = findLabelledValuesOf(ctx.pages, READS, FAMILIES.map(() => parse));
  const reads = Object.fromEntries(FAMILIES.map((f, k) => [f, all[k]]));
  const found = ctx.pages.flatMap((page, pageIdx) =>
    page.segments.flatMap((row) =>
      row.flatMap((seg) => findDates(seg.text, ctx.dateOrder).map((d) => ({ d, seg, page, pageIdx, rowText: row.map((s) => s.text).join(' ') }))),
    ),
  );
  const years = new Map<string, number>();
  for (const f of found) years.set(f.d.iso.slice(0, 4), (years.get(f.d.iso.slice(0, 4)) ?? 0) + 1);
  const commonYear = [...years].sort((a, b) => b[1] - a[1])[0]?.[0];
  return found.map((f, i) => {
    const words = wordsInRange(f.seg, f.d.index, f.d.index + f.d.text.length);
    const bbox = words.length ? cite(f.seg.page, words).bbox : f.seg.line.bbox;
    const folded = f.rowText.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    const features: Record<string, number> = {};
    for (const fam of FAMILIES) {
      const withValue = reads[fam].filter((c) => c.value === f.d.iso);
      features[`here_${fam}`] = Math.max(0, ...withValue.filter((c) => c.citations.some((ci) => ci.page === f.seg.page && boxesOverlap(ci.bbox, bbox))).map((c) => c.score));
      features[`value_${fam}`] = Math.max(0, ...withValue.map((c) => c.score));
    }
    Object.assign(features, {
      unambiguous: f.d.unambiguous ? 1 : 0,
      month_named: /\p{L}{3}/u.test(f.d.text) ? 1 : 0,
      four_digit_year: /\d{4}/.test(f.d.text) ? 1 : 0,
      page_y: f.seg.line.bbox[1] / f.page.height,
      doc_y: (f.pageIdx + f.seg.line.bbox[1] / f.page.height) / ctx.pages.length,
      x_rel: bbox[0] / f.page.width,
      order: Math.min(10, i),
      dates_in_doc: Math.min(20, found.length),
      repeats: Math.min(5, found.filter((o) => o.d.iso === f.d.iso).length),
      common_year: f.d.iso.slice(0, 4) === commonYear ? 1 : 0,
      row_time: TIME.test(f.rowText.slice(0, f.rowText.indexOf(f.d.text)) + f.rowText.slice(f.rowText.indexOf(f.d.text) + f.d.text.length)) ? 1 : 0,
      row_other_date: OTHER_DATE.test(folded) ? 1 : 0,
      row_letters: (f.rowText.match(/\p{L}/gu) ?? []).length / Math.max(1, f.rowText.length),
      ocr_confidence: wordConfidence(words),
    });
    return { value: f.d.iso, candidate: { value: f.d.iso, score: 0, citations: [{ page: f.seg.page, bbox, text: f.d.text }], via: 'scored' }, features };
  });
}
