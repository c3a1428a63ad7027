import { cite, wordConfidence } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import { findLabelledValuesOf, labelledFields } from '../extract/key-value.js';
import { type PageIndex, type Segment, wordsInRange } from '../extract/layout-index.js';
import { amountParser } from '../extract/value-parsers.js';
import type { BBox } from '../model/document.js';
import { findAmounts } from '../normalize/amounts.js';
import { moneyDecimals, tooLargeForMoney } from './money-decimals.js';
import { MisreadLabels } from './misread-labels.js';
import { once } from './row-readings.js';
import { boxesOverlap, type ScoredCandidate } from './scored-candidate.js';

/** Label families whose reads describe an amount: each gives a feature (how strongly it points here). */
const FAMILIES = ['total_amount', 'subtotal', 'tax_amount', 'amount_due', 'cash_paid', 'change_due', 'rounding', 'tip_amount'] as const;
const READS = labelledFields(FAMILIES.map((field) => ({ field })));

export const AMOUNT_FEATURES = [
  ...FAMILIES.map((f) => `here_${f}`),
  ...FAMILIES.map((f) => `value_${f}`),
  'money_decimals',
  'no_decimals',
  'negative',
  'page_y',
  'doc_y',
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
  'paid_minus_change',
  'sub_plus_tax',
  'round_5c',
  'after_rounding',
  'before_rounding',
  'misread_total',
  'ocr_confidence',
] as const;

export interface AmountCandidate extends ScoredCandidate<number> {
  page: number;
  bbox: BBox;
}

const same = (a: number, b: number) => Math.abs(a - b) < 0.005;

function medianHeight(page: PageIndex): number {
  const hs = page.segments.flat().flatMap((s) => s.line.words.map((w) => w.bbox[3] - w.bbox[1])).sort((a, b) => a - b);
  return hs[Math.floor(hs.length / 2)] || 1;
}

/**
 * Every printed amount of a document as a candidate for an amount field, with generic features: the
 * labels that point at it (here) or at its value (anywhere), where it sits, how it is printed, how it
 * ranks among the document's amounts, and whether it agrees with the arithmetic of a till or an
 * invoice (paid − change, subtotal + tax). The model trained on them decides which is the total.
 */
export function amountCandidates(ctx: ExtractionContext): AmountCandidate[] {
  const parse = amountParser();
  const segAmounts = new Map<Segment, ReturnType<typeof findAmounts>>();
  const amountsOf = (seg: Segment) => once(segAmounts, seg, () => findAmounts(seg.text));
  const decimals = moneyDecimals(ctx.pages.flatMap((page) => page.segments.flat()), amountsOf);
  const all = findLabelledValuesOf(ctx.pages, READS, FAMILIES.map((f) => (f === 'tax_amount' ? amountParser('last') : parse)));
  const reads = Object.fromEntries(FAMILIES.map((f, k) => [f, all[k]]));
  // What was paid and given back is printed after the total, as money (with cents where the document's
  // money has them): a "CASH" in a merchant's name
  // ("CASH & CARRY") with an address number under it is no payment.
  const firstTotal = reads.total_amount.map((c) => c.citations[0]).filter(Boolean).sort((a, b) => a.page - b.page || a.bbox[1] - b.bbox[1])[0];
  const payment = (f: string) =>
    [...(reads[f] ?? [])]
      .filter((c) => (decimals === 0 || /\d[.,]\d{2}(?!\d)/.test(c.citations[0]?.text ?? '')) && (!firstTotal || c.citations[0].page > firstTotal.page || c.citations[0].bbox[1] >= firstTotal.bbox[1] - 2))
      .sort((a, b) => b.score - a.score)[0];
  const paid = payment('cash_paid');
  const change = payment('change_due');
  // Till rounding ("ROUNDING ADJ -0.01", then "NET TOTAL 19.00"): a total under the adjustment that is
  // another labelled total plus or minus it is what was paid.
  const roundings = reads.rounding.filter((c) => Math.abs(c.value as number) > 0 && Math.abs(c.value as number) < 0.1);
  // A labelled total printed across the adjustment from this value: under it (this value is what was
  // paid), or, for a value above it, the total under it (this value is the unrounded one, not paid).
  const acrossRounding = (value: number, page: number, y: number, side: 'after' | 'before') =>
    roundings.some((r) => {
      const at = r.citations[0];
      if (!at || at.page !== page || (side === 'after' ? y <= at.bbox[1] + 1 : y >= at.bbox[1] - 1)) return false;
      return reads.total_amount.some((t) => {
        if (same(t.value as number, value)) return false;
        if (side === 'before') {
          const tAt = t.citations[0];
          if (!tAt || tAt.page !== page || tAt.bbox[1] <= at.bbox[1] + 1) return false;
        }
        return same((t.value as number) + (r.value as number), value) || same((t.value as number) - (r.value as number), value);
      });
    });
  const paidMinusChange = paid && change ? (paid.value as number) - (change.value as number) : Number.NaN;
  const subs = reads.subtotal.map((c) => c.value as number);
  const taxes = reads.tax_amount.map((c) => c.value as number);

  // `printed` is the value as read, which the labels' reads carry; `value` differs from it only where
  // the reading lost its decimal point (below).
  const found: { seg: Segment; pageIdx: number; page: PageIndex; value: number; printed: number; decimals: number; text: string; index: number; currency: boolean }[] = [];
  ctx.pages.forEach((page, pageIdx) => {
    for (const row of page.segments) {
      for (const seg of row) {
        for (const a of amountsOf(seg)) {
          const after = seg.text.slice(a.index + a.text.length).trimStart();
          if (after.startsWith('%')) continue;
          if (a.amount.decimals === 0 && tooLargeForMoney(a.amount.value, a.text, decimals, 1e6)) continue;
          const value = Math.round(a.amount.value * 100) / 100;
          const at = { seg, pageIdx, page, printed: value, text: a.text, index: a.index, currency: a.amount.currencyText !== null };
          found.push({ ...at, value, decimals: a.amount.decimals });
          // A whole number that is cash − change in cents ("TOTAL 2350" over CASH 50.00, CHANGE 26.50)
          // is that amount with its decimal point lost in the reading: it competes as read and repaired.
          if (a.amount.decimals === 0 && decimals === 2 && value > 0 && same(value / 100, paidMinusChange)) found.push({ ...at, value: value / 100, decimals: 2 });
        }
      }
    }
  });
  const money = found.filter((f) => f.decimals === decimals && f.value > 0);
  const max = Math.max(0, ...money.map((f) => f.value));
  const byY = [...money].sort((a, b) => b.pageIdx - a.pageIdx || b.seg.line.bbox[1] - a.seg.line.bbox[1]);
  const heights = new Map(ctx.pages.map((p) => [p.page, medianHeight(p)]));
  const misread = new MisreadLabels('total_amount');

  const scored: AmountCandidate[] = found.map((f) => {
    const words = wordsInRange(f.seg, f.index, f.index + f.text.length);
    const bbox = words.length ? cite(f.seg.page, words).bbox : f.seg.line.bbox;
    const rowSegs = f.page.segments[f.seg.rowIndex] ?? [f.seg];
    const rowText = rowSegs.map((s) => s.text).join(' ');
    const features: Record<string, number> = {};
    for (const fam of FAMILIES) {
      const withValue = reads[fam].filter((c) => same(c.value as number, f.printed));
      features[`here_${fam}`] = Math.max(0, ...withValue.filter((c) => c.citations.some((ci) => ci.page === f.seg.page && boxesOverlap(ci.bbox, bbox))).map((c) => c.score));
      features[`value_${fam}`] = Math.max(0, ...withValue.map((c) => c.score));
    }
    const rank = byY.findIndex((m) => m.seg === f.seg && m.index === f.index);
    Object.assign(features, {
      money_decimals: f.decimals === decimals ? 1 : 0,
      no_decimals: f.decimals === 0 && decimals === 2 ? 1 : 0,
      negative: f.value < 0 ? 1 : 0,
      page_y: f.seg.line.bbox[1] / f.page.height,
      doc_y: (f.pageIdx + f.seg.line.bbox[1] / f.page.height) / ctx.pages.length,
      x_right: bbox[2] / f.page.width,
      height_rel: (bbox[3] - bbox[1]) / (heights.get(f.page.page) ?? 1),
      row_amounts: rowSegs.reduce((n, s) => n + amountsOf(s).length, 0),
      row_letters: (rowText.match(/\p{L}/gu) ?? []).length / Math.max(1, rowText.length),
      row_percent: /%/.test(rowText) ? 1 : 0,
      currency_printed: f.currency ? 1 : 0,
      value_rel_max: relToMax(f.value, max),
      is_max: max > 0 && same(f.value, max) ? 1 : 0,
      rank_from_bottom: rank < 0 ? 1 : rank / Math.max(1, byY.length),
      repeats: Math.min(5, found.filter((o) => same(o.value, f.value)).length),
      paid_minus_change: Number.isFinite(paidMinusChange) && paidMinusChange > 0 && same(paidMinusChange, f.value) ? 1 : 0,
      sub_plus_tax: subs.some((s) => taxes.some((t) => t > 0 && same(s + t, f.value))) ? 1 : 0,
      round_5c: f.decimals === 2 && Math.abs(f.value * 20 - Math.round(f.value * 20)) < 1e-6 ? 1 : 0,
      after_rounding: acrossRounding(f.value, f.seg.page, f.seg.line.bbox[1], 'after') ? 1 : 0,
      before_rounding: acrossRounding(f.value, f.seg.page, f.seg.line.bbox[1], 'before') ? 1 : 0,
      misread_total: misread.weight(`${rowSegs.filter((s) => s.line.bbox[0] < f.seg.line.bbox[0]).map((s) => `${s.folded} `).join('')}${f.seg.folded.slice(0, f.index)}`),
      ocr_confidence: wordConfidence(words),
    });
    return {
      value: f.value,
      page: f.seg.page,
      bbox,
      candidate: { value: f.value, score: 0, citations: [{ page: f.seg.page, bbox, text: f.text }], via: 'scored' },
      features,
    };
  });
  return scored;
}

/**
 * A value against the largest money amount, bounded: a number printed without the till's decimals (a
 * phone or card number) can be thousands of times the largest amount, and one such outlier set the
 * feature's scale (its training std was 9,024 around a mean of −260), leaving its weight to chance.
 */
function relToMax(value: number, max: number): number {
  return max > 0 ? Math.max(-1, Math.min(2, value / max)) : 0;
}
