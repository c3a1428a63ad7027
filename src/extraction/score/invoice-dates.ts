import { type Candidate, cite, wordConfidence } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import { findLabelledValuesOf, labelledFields, type ValueParser } from '../extract/key-value.js';
import { INVOICE_ONLY_LABELS, invoiceLabels, type Label } from '../extract/labels.js';
import { type PageIndex, type Segment, wordsInRange } from '../extract/layout-index.js';
import { dateParser } from '../extract/value-parsers.js';
import { type FoundDate, findDates } from '../normalize/dates.js';
import { countBy, groupBy, once, rowReadings } from './row-readings.js';
import { boxesOverlap, featureIndex, maxScore, RowCandidate, zeroRow } from './scored-candidate.js';

const lab = (source: string, weight = 1): Label => ({ re: new RegExp(`(?<![a-z])(?:${source})(?![a-z])`, 'g'), weight });

/** Other dates an invoice prints (folded, six languages): delivery, order, a service period, a print stamp. */
const OTHER_LABELS: Record<string, Label[]> = {
  delivery: [
    lab(String.raw`deliver(?:y|ed)\s*(?:date|on)?|ship(?:ping|ped)?\s*date|date\s*of\s*supply|service\s*date|liefer(?:datum|tag|ung)|leistungs(?:datum|zeitraum)|date\s*de\s*(?:livraison|prestation)|fecha\s*de\s*(?:entrega|servicio)|lever(?:datum|ing)|afleverdatum|data\s*(?:di\s*)?consegna|data\s*ddt`),
  ],
  order: [lab(String.raw`order\s*date|date\s*(?:of\s*)?order|bestell(?:datum|ung\s*vom)|auftrags(?:datum|\s*vom)|date\s*de\s*(?:la\s*)?commande|fecha\s*de\s*pedido|orderdatum|besteldatum|data\s*(?:dell.)?ordine`)],
  period: [lab(String.raw`period|zeitraum|periode|periodo|leistungszeitraum|abrechnungszeitraum|from|von|du|del|van|dal`)],
  printed: [lab(String.raw`printed|print\s*date|gedruckt|druckdatum|imprime|impreso|afgedrukt|stampato|page|seite|pagina`)],
};
// An invoice number's label reads a date too where the two share a line ("Rechnung Nr. 471113 vom 13.06.2018").
const LEXICON = ['invoice_date', 'due_date', 'date', 'invoice_number'] as const;
const FAMILIES = [...LEXICON, ...Object.keys(OTHER_LABELS)];
/** Every family's own label list where it is not the lexicon's alone: the other families', and the lexicon's with its invoice-only wordings. */
const FAMILY_LABELS: Record<string, Label[]> = { ...Object.fromEntries(LEXICON.filter((f) => INVOICE_ONLY_LABELS[f]).map((f) => [f, invoiceLabels(f)])), ...OTHER_LABELS };
/** The families' labels, read in one pass over a document's segments. */
const READS = labelledFields(FAMILIES.map((f) => ({ field: FAMILY_LABELS[f] ? `invoice-score:${f}` : f, labels: FAMILY_LABELS[f] })));

export const INVOICE_DATE_FEATURES = [
  ...FAMILIES.map((f) => `here_${f}`),
  ...FAMILIES.map((f) => `value_${f}`),
  ...FAMILIES.map((f) => `row_${f}`),
  'unambiguous',
  'month_named',
  'four_digit_year',
  'page_y',
  'doc_y',
  'first_page',
  'x_rel',
  'order',
  'dates_in_doc',
  'repeats',
  'row_dates',
  'row_letters',
  'common_year',
  'is_earliest',
  'is_latest',
  'days_after_earliest',
  'later_by_days',
  'earlier_by_days',
  'ocr_confidence',
] as const;

export type InvoiceDateCandidate = RowCandidate<string>;

/** Each feature's index in a candidate's row, looked up once; the three label features of each family. */
const F = featureIndex(INVOICE_DATE_FEATURES);
const FAMILY_FEATURES = FAMILIES.map((f) => ({ here: F[`here_${f}`], value: F[`value_${f}`], row: F[`row_${f}`] }));
const ZEROS = zeroRow(INVOICE_DATE_FEATURES.length);

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86400000;
const cache = new WeakMap<ExtractionContext, InvoiceDateCandidate[]>();

/**
 * Every date an invoice prints, as a candidate for its issue date and its due date, with generic
 * features: the labels that point at it (its own, the other dates' kinds), where and how it is
 * printed, and how it relates to the document's other dates (the earliest, the latest, a few days
 * to a few months after another: payment terms).
 */
export function invoiceDateCandidates(ctx: ExtractionContext): InvoiceDateCandidate[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const parse = dateParser(ctx.dateOrder);
  // Per family (in FAMILIES order), its reads by date: a candidate looks up its own date's.
  // Lists pushed in loops rather than mapped (see invoice-amounts.ts).
  const parsers: ValueParser[] = [];
  for (let k = 0; k < FAMILIES.length; k++) parsers.push(parse);
  const readsByDate: Map<unknown, Candidate[]>[] = [];
  for (const reads of findLabelledValuesOf(ctx.pages, READS, parsers)) readsByDate.push(groupBy(reads, (c) => c.value));
  const segDates = new Map<Segment, FoundDate[]>();
  const datesOf = (seg: Segment) => once(segDates, seg, () => findDates(seg.text, ctx.dateOrder));
  const rows = rowReadings(READS, (seg) => datesOf(seg).length);
  const found: { d: FoundDate; seg: Segment; row: Segment[]; page: PageIndex; pageIdx: number; t: number }[] = [];
  ctx.pages.forEach((page, pageIdx) => {
    for (const row of page.segments) for (const seg of row) for (const d of datesOf(seg)) found.push({ d, seg, row, page, pageIdx, t: day(d.iso) });
  });
  const days = [...new Set(found.map((f) => f.t))];
  const years = new Map<string, number>();
  for (const f of found) years.set(f.d.iso.slice(0, 4), (years.get(f.d.iso.slice(0, 4)) ?? 0) + 1);
  const commonYear = [...years].sort((a, b) => b[1] - a[1])[0]?.[0];
  const earliest = Math.min(...days);
  const latest = Math.max(...days);
  const repeats = countBy(found, (o) => o.t);
  // How a day relates to the document's other dates (the same wherever it is printed).
  const relations = new Map<number, { later: number; earlier: number }>();
  const relationsOf = (t: number) =>
    once(relations, t, () => {
      const others = days.filter((o) => o !== t);
      return { later: others.some((o) => t - o >= 5 && t - o <= 95) ? 1 : 0, earlier: others.some((o) => o - t >= 5 && o - t <= 95) ? 1 : 0 };
    });
  const out: InvoiceDateCandidate[] = [];
  found.forEach((f, i) => {
    const words = wordsInRange(f.seg, f.d.index, f.d.index + f.d.text.length);
    const bbox = words.length ? cite(f.seg.page, words).bbox : f.seg.line.bbox;
    const rowLabels = rows.labelsLeftOf(f.row, f.seg, f.d.index);
    const row = ZEROS.slice();
    for (let k = 0; k < FAMILY_FEATURES.length; k++) {
      const at = FAMILY_FEATURES[k];
      const withValue = readsByDate[k].get(f.d.iso) ?? [];
      row[at.here] = maxScore(withValue.filter((c) => c.citations.some((ci) => ci.page === f.seg.page && boxesOverlap(ci.bbox, bbox))));
      row[at.value] = maxScore(withValue);
      row[at.row] = rowLabels[k];
    }
    const related = relationsOf(f.t);
    row[F.unambiguous] = f.d.unambiguous ? 1 : 0;
    row[F.month_named] = /\p{L}{3}/u.test(f.d.text) ? 1 : 0;
    row[F.four_digit_year] = /\d{4}/.test(f.d.text) ? 1 : 0;
    row[F.page_y] = f.seg.line.bbox[1] / f.page.height;
    row[F.doc_y] = (f.pageIdx + f.seg.line.bbox[1] / f.page.height) / ctx.pages.length;
    row[F.first_page] = f.pageIdx === 0 ? 1 : 0;
    row[F.x_rel] = bbox[0] / f.page.width;
    row[F.order] = Math.min(10, i);
    row[F.dates_in_doc] = Math.min(20, found.length);
    row[F.repeats] = Math.min(5, repeats.get(f.t) ?? 0);
    row[F.row_dates] = Math.min(3, rows.count(f.row));
    row[F.row_letters] = rows.letters(f.row);
    row[F.common_year] = f.d.iso.slice(0, 4) === commonYear ? 1 : 0;
    row[F.is_earliest] = days.length > 1 && f.t === earliest ? 1 : 0;
    row[F.is_latest] = days.length > 1 && f.t === latest ? 1 : 0;
    row[F.days_after_earliest] = Math.min(120, f.t - earliest) / 120;
    row[F.later_by_days] = related.later;
    row[F.earlier_by_days] = related.earlier;
    row[F.ocr_confidence] = wordConfidence(words);
    out.push(new RowCandidate(f.d.iso, { value: f.d.iso, score: 0, citations: [{ page: f.seg.page, bbox, text: f.d.text }], via: 'scored' }, row, INVOICE_DATE_FEATURES));
  });
  cache.set(ctx, out);
  return out;
}
