import { type Candidate, cite, wordConfidence } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import { findLabelledValuesOf, labelledFields, type ValueParser } from '../extract/key-value.js';
import { INVOICE_ONLY_LABELS, invoiceLabels, type Label } from '../extract/labels.js';
import { type PageIndex, type Segment, wordsInRange } from '../extract/layout-index.js';
import { extractLineItems } from '../extract/line-items.js';
import { amountParser } from '../extract/value-parsers.js';
import { findAmounts } from '../normalize/amounts.js';
import { moneyDecimals, tooLargeForMoney } from './money-decimals.js';
import { countBy, groupBy, once, rowReadings } from './row-readings.js';
import { boxesOverlap, emptyDoubles, featureIndex, maxScore, RowCandidate, zeroRow } from './scored-candidate.js';

const lab = (source: string, weight = 1): Label => ({ re: new RegExp(`(?<![a-z])(?:${source})(?![a-z])`, 'g'), weight });

/**
 * Amounts an invoice prints beside its totals that are not them, in the six languages (folded): what
 * was taken off or added, paid already, owed from before, or carried over a page break. Each is a
 * feature, so that the scorer learns they are not the total.
 */
const OTHER_LABELS: Record<string, Label[]> = {
  discount: [lab(String.raw`discount|rebate|rabatt|nachlass|skonto|remise|escompte|descuento|dto\.?|korting|sconto`)],
  shipping: [
    lab(String.raw`shipping(?:\s*(?:&|and)\s*handling)?|delivery|freight|postage|versand(?:kosten)?|fracht|porto(?:\s*und\s*verpackung)?|frais\s*(?:de\s*port|de\s*livraison|de\s*transport|d.expedition)|gastos\s*de\s*envio|portes|transporte|verzendkosten|vracht|spese\s*di\s*(?:trasporto|spedizione)|trasporto`),
  ],
  paid: [
    lab(String.raw`amount\s*paid|paid|payments?\s*received|less\s*payments?|deposit|prepaid|anzahlung|bereits\s*bezahlt|zahlung\s*erhalten|acompte(?:\s*verse)?|deja\s*paye|pagado|anticipo|a\s*cuenta|reeds\s*betaald|aanbetaling|betaald|acconto|gia\s*pagato`),
  ],
  previous: [
    lab(String.raw`previous\s*balance|balance\s*brought\s*forward|outstanding\s*from|alter\s*saldo|saldo\s*vormonat|solde\s*(?:anterieur|precedent)|saldo\s*(?:anterior|precedente)|vorig\s*saldo|oud\s*saldo`),
  ],
  carried: [
    lab(String.raw`carried\s*forward|brought\s*forward|page\s*total|subtotal\s*this\s*page|ubertrag|a\s*reporter|report|suma\s*y\s*sigue|total\s*pagina|transport|riporto|zwischensumme\s*seite|subtotaal\s*pagina|total\s*page`),
  ],
};
const LEXICON = ['total_amount', 'subtotal', 'tax_amount', 'amount_due'] as const;
const FAMILIES = [...LEXICON, ...Object.keys(OTHER_LABELS)];
/** Every family's own label list where it is not the lexicon's alone: the other families', and the lexicon's with its invoice-only wordings. */
const FAMILY_LABELS: Record<string, Label[]> = { ...Object.fromEntries(LEXICON.filter((f) => INVOICE_ONLY_LABELS[f]).map((f) => [f, invoiceLabels(f)])), ...OTHER_LABELS };
/** The families' labels, read in one pass over a document's segments. */
const READS = labelledFields(FAMILIES.map((f) => ({ field: FAMILY_LABELS[f] ? `invoice-score:${f}` : f, labels: FAMILY_LABELS[f] })));
/** VAT, GST and sales-tax rates in use: a tax is one of them times another printed amount. */
const RATES = [0.025, 0.04, 0.05, 0.055, 0.06, 0.0625, 0.07, 0.077, 0.08, 0.081, 0.0825, 0.08875, 0.09, 0.1, 0.12, 0.13, 0.15, 0.16, 0.17, 0.18, 0.19, 0.2, 0.21, 0.22, 0.23, 0.24, 0.25, 0.27];

export const INVOICE_AMOUNT_FEATURES = [
  ...FAMILIES.map((f) => `here_${f}`),
  ...FAMILIES.map((f) => `value_${f}`),
  ...FAMILIES.map((f) => `row_${f}`),
  'money_decimals',
  'no_decimals',
  'negative',
  'zero',
  'page_y',
  'doc_y',
  'last_page',
  'x_right',
  'height_rel',
  'row_amounts',
  'row_letters',
  'row_percent',
  'currency_printed',
  'value_rel_max',
  'is_max',
  'rank_from_bottom',
  'repeats',
  'sum_of_two',
  'larger_part',
  'smaller_part',
  'rate_of_other',
  'row_rate_fit',
  'base_of_other',
  'items_sum',
  'ocr_confidence',
] as const;

export type InvoiceAmountCandidate = RowCandidate<number>;

/** Each feature's index in a candidate's row, looked up once; the three label features of each family. */
const F = featureIndex(INVOICE_AMOUNT_FEATURES);
const FAMILY_FEATURES = FAMILIES.map((f) => ({ here: F[`here_${f}`], value: F[`value_${f}`], row: F[`row_${f}`] }));
const ZEROS = zeroRow(INVOICE_AMOUNT_FEATURES.length);

const cents = (v: number) => Math.round(v * 100);

/** `c` is printed as a money amount, give or take a cent. */
const printed = (money: ReadonlySet<number>, c: number) => money.has(c) || money.has(c - 1) || money.has(c + 1);

/** Some rate of RATES times `base` is `tax`, give or take a cent. */
function isRateOf(base: number, tax: number): boolean {
  for (const q of RATES) if (Math.abs(base * q - tax) <= 1.01) return true;
  return false;
}

interface Arithmetic {
  sum_of_two: number;
  larger_part: number;
  smaller_part: number;
  rate_of_other: number;
  base_of_other: number;
}

/**
 * How `c` (cents, > 0 for any to hold) relates to the document's other money amounts (`distinct`,
 * the set `money`): the sum of two of them, the larger or smaller part of a sum, a tax rate times
 * one of them, the base of one. Plain loops: this runs for every pair of amounts of a document.
 */
function arithmeticFacts(c: number, distinct: readonly number[], money: ReadonlySet<number>): Arithmetic {
  const out = { sum_of_two: 0, larger_part: 0, smaller_part: 0, rate_of_other: 0, base_of_other: 0 };
  if (!(c > 0)) return out;
  for (const o of distinct) {
    if (o < c && o !== c - o && printed(money, c - o)) out.sum_of_two = 1;
    if (o < c && printed(money, c + o)) out.larger_part = 1;
    if (o > c && printed(money, c + o)) out.smaller_part = 1;
    if (o > c && out.rate_of_other === 0 && isRateOf(o, c)) out.rate_of_other = 1;
    if (o < c && out.base_of_other === 0 && isRateOf(c, o)) out.base_of_other = 1;
  }
  return out;
}

function medianHeight(segments: Segment[]): number {
  const hs = segments.flatMap((s) => s.line.words.map((w) => w.bbox[3] - w.bbox[1])).sort((a, b) => a - b);
  return hs[Math.floor(hs.length / 2)] || 1;
}

const cache = new WeakMap<ExtractionContext, InvoiceAmountCandidate[]>();

/** An amount printed on a segment, with where it is. */
interface Found {
  a: ReturnType<typeof findAmounts>[number];
  seg: Segment;
  row: Segment[];
  page: PageIndex;
  pageIdx: number;
  value: number;
}

/**
 * Every amount an invoice prints, as a candidate for its total, subtotal and tax, with generic
 * features: which labels point at it (on its words, at its value anywhere, or anywhere left of it on
 * its row), where it sits, how it is printed, how it ranks, and how it takes part in the document's
 * arithmetic (the sum of two other amounts, a part of one, a tax rate times another, the sum of the
 * line items). One list serves the three fields; a model per field weighs the features.
 */
export function invoiceAmountCandidates(ctx: ExtractionContext): InvoiceAmountCandidate[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  // Per family (in FAMILIES order), its reads by value in cents: a candidate looks up its own value's.
  // Lists pushed in loops rather than mapped, here and below: a mapped list is packed until V8
  // optimizes the code making it and holey after, and the code reading it was compiled again.
  const parsers: ValueParser[] = [];
  for (const f of FAMILIES) parsers.push(amountParser(f === 'tax_amount' ? 'last' : 'first'));
  const readsByCents: Map<number, Candidate[]>[] = [];
  for (const reads of findLabelledValuesOf(ctx.pages, READS, parsers)) readsByCents.push(groupBy(reads, (r) => cents(r.value as number)));
  const segAmounts = new Map<Segment, ReturnType<typeof findAmounts>>();
  const amountsOf = (seg: Segment) => once(segAmounts, seg, () => findAmounts(seg.text));
  const rows = rowReadings(READS, (seg) => amountsOf(seg).length);
  const decimals = moneyDecimals(ctx.pages.flatMap((page) => page.segments.flat()), amountsOf);
  const found: Found[] = [];
  ctx.pages.forEach((page, pageIdx) => {
    for (const row of page.segments) {
      for (const seg of row) {
        for (const a of amountsOf(seg)) {
          if (seg.text.slice(a.index + a.text.length).trimStart().startsWith('%') || (a.amount.decimals === 0 && tooLargeForMoney(a.amount.value, a.text, decimals, 1e5))) continue;
          found.push({ a, seg, row, page, pageIdx, value: Math.round(a.amount.value * 100) / 100 });
        }
      }
    }
  });
  const money = found.filter((f) => f.a.amount.decimals === decimals && f.value > 0);
  const moneyCents = new Set(money.map((f) => cents(f.value)));
  const distinct = [...moneyCents];
  let max = 0;
  for (const f of money) max = Math.max(max, f.value);
  const byY = [...money].sort((a, b) => b.pageIdx - a.pageIdx || b.seg.line.bbox[1] - a.seg.line.bbox[1]);
  // Each amount's first place in byY (a segment's amounts are told apart by their offset).
  const ranks = new Map<Segment, Map<number, number>>();
  byY.forEach((m, i) => {
    const atSeg = once(ranks, m.seg, () => new Map<number, number>());
    if (!atSeg.has(m.a.index)) atSeg.set(m.a.index, i);
  });
  const repeats = countBy(found, (o) => cents(o.value));
  const heights = new Map(ctx.pages.map((p) => [p.page, medianHeight(p.segments.flat())]));
  const items = extractLineItems(ctx, 'invoice').value as { amount: number | null }[];
  let sum = 0;
  for (const i of items) sum += i.amount ?? 0;
  const itemsSum = items.length ? cents(sum) : Number.NaN;
  const percentsOf = new Map<Segment[], number[]>();
  // How a value in cents takes part in the document's arithmetic (the same for every place it is printed).
  const arithmetic = new Map<number, Arithmetic>();
  const arithmeticOf = (c: number) => once(arithmetic, c, () => arithmeticFacts(c, distinct, moneyCents));

  const out: InvoiceAmountCandidate[] = [];
  for (const f of found) {
    const c = cents(f.value);
    const words = wordsInRange(f.seg, f.a.index, f.a.index + f.a.text.length);
    const bbox = words.length ? cite(f.seg.page, words).bbox : f.seg.line.bbox;
    const rowLabels = rows.labelsLeftOf(f.row, f.seg, f.a.index);
    const row = ZEROS.slice();
    for (let k = 0; k < FAMILY_FEATURES.length; k++) {
      const at = FAMILY_FEATURES[k];
      const withValue = readsByCents[k].get(c) ?? [];
      row[at.here] = maxScore(withValue.filter((r) => r.citations.some((ci) => ci.page === f.seg.page && boxesOverlap(ci.bbox, bbox))));
      row[at.value] = maxScore(withValue);
      row[at.row] = rowLabels[k];
    }
    const percents = once(percentsOf, f.row, () => {
      const ps = emptyDoubles();
      for (const m of rows.text(f.row).matchAll(/(\d{1,2}(?:[.,]\d{1,3})?)\s?%/g)) ps.push(Number(m[1].replace(',', '.')) / 100);
      return ps;
    });
    const rank = ranks.get(f.seg)?.get(f.a.index) ?? -1;
    const sums = arithmeticOf(c);
    row[F.money_decimals] = f.a.amount.decimals === decimals ? 1 : 0;
    row[F.no_decimals] = f.a.amount.decimals === 0 && decimals === 2 ? 1 : 0;
    row[F.negative] = f.value < 0 ? 1 : 0;
    row[F.zero] = f.value === 0 ? 1 : 0;
    row[F.page_y] = f.seg.line.bbox[1] / f.page.height;
    row[F.doc_y] = (f.pageIdx + f.seg.line.bbox[1] / f.page.height) / ctx.pages.length;
    row[F.last_page] = f.pageIdx === ctx.pages.length - 1 ? 1 : 0;
    row[F.x_right] = bbox[2] / f.page.width;
    row[F.height_rel] = (bbox[3] - bbox[1]) / (heights.get(f.page.page) ?? 1);
    row[F.row_amounts] = Math.min(6, rows.count(f.row));
    row[F.row_letters] = rows.letters(f.row);
    row[F.row_percent] = percents.length ? 1 : 0;
    row[F.currency_printed] = f.a.amount.currencyText !== null ? 1 : 0;
    row[F.value_rel_max] = max > 0 ? f.value / max : 0;
    row[F.is_max] = max > 0 && c === cents(max) ? 1 : 0;
    row[F.rank_from_bottom] = rank < 0 ? 1 : rank / Math.max(1, byY.length);
    row[F.repeats] = Math.min(5, repeats.get(c) ?? 0);
    row[F.sum_of_two] = sums.sum_of_two;
    row[F.larger_part] = sums.larger_part;
    row[F.smaller_part] = sums.smaller_part;
    row[F.rate_of_other] = sums.rate_of_other;
    row[F.row_rate_fit] = c > 0 && percents.some((p) => p > 0 && distinct.some((s) => s > c && Math.abs(s * p - c) <= 1.01)) ? 1 : 0;
    row[F.base_of_other] = sums.base_of_other;
    row[F.items_sum] = items.length >= 2 && Math.abs(itemsSum - c) <= 1 ? 1 : 0;
    row[F.ocr_confidence] = wordConfidence(words);
    out.push(new RowCandidate(f.value, { value: f.value, score: 0, citations: [{ page: f.seg.page, bbox, text: f.a.text }], via: 'scored' }, row, INVOICE_AMOUNT_FEATURES));
  }
  cache.set(ctx, out);
  return out;
}
