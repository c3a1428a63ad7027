import type { Candidate } from './candidate.js';
import { type ExtractionContext, documentPosition, type FieldValue, fromCandidate, NOT_FOUND } from './context.js';
import { findLabelledValues } from './key-value.js';
import { amountParser } from './value-parsers.js';
import { AMOUNT_FEATURES, amountCandidates } from '../score/amount-candidates.js';
import { chooseScored } from '../score/choose.js';

export interface Totals {
  subtotal: FieldValue;
  tax_amount: FieldValue;
  total_amount: FieldValue;
  amount_due: FieldValue;
}

/**
 * Amount fields are read by label, then the three that must agree are chosen together: the
 * subtotal + tax = total combination with the best scores wins over individually strongest reads
 * (a "Total" header of a line-item column is a total too, but it does not add up).
 */
export function extractTotals(ctx: ExtractionContext, opts: { receipt?: boolean } = {}): Totals {
  const read = (field: string) =>
    rank(ctx, findLabelledValues(ctx.pages, { field, parse: amountParser(field === 'tax_amount' ? 'last' : 'first') }), field);
  const totals = read('total_amount');
  const subtotals = read('subtotal');
  const taxes = read('tax_amount');
  const dues = read('amount_due');
  if (process.env.DOCSIFT_DEBUG_TOTALS) {
    for (const [n, list] of Object.entries({ totals, subtotals, taxes, dues })) {
      console.error(n, list.slice(0, 5).map((c) => `${c.value}@${c.score.toFixed(2)}:${c.via}:${c.citations[0]?.text}`));
    }
  }
  // Totals sit below what they sum up; on receipts the payable total is often the largest amount.
  let total: Candidate | null = totals[0] ?? null;
  let subtotal: Candidate | null = subtotals[0] ?? null;
  let tax: Candidate | null = taxes[0] ?? null;
  const triple = bestTriple(subtotals.slice(0, 6), taxes.slice(0, 6), totals.slice(0, 6));
  if (triple) {
    [subtotal, tax, total] = triple.map((c) => ({ ...c, score: Math.min(1, c.score + (1 - c.score) * 0.6) })) as [Candidate, Candidate, Candidate];
  }
  if (!total && dues[0]) total = { ...dues[0], score: dues[0].score * 0.8 };
  // On receipts the total is chosen among every printed amount, and the totals the till's arithmetic
  // implies, by the trained scorer (score/amount-candidates.ts): labels, layout, paid − change and
  // rounding weighed together.
  const scored = opts.receipt ? chooseScored('receipt-total', AMOUNT_FEATURES, amountCandidates(ctx)) : undefined;
  if (opts.receipt) total = scored?.candidate.candidate ?? null;
  return {
    subtotal: fromCandidate(subtotal),
    tax_amount: fromCandidate(tax),
    total_amount: opts.receipt ? { ...fromCandidate(total), calibrated: true } : fromCandidate(total),
    amount_due: dues[0] ? fromCandidate(dues[0]) : NOT_FOUND,
  };
}

/** Orders candidates: agreement between reads, then score, then lower on the page for totals. */
function rank(ctx: ExtractionContext, cands: Candidate[], field: string): Candidate[] {
  const byValue = new Map<number, Candidate[]>();
  for (const c of cands) {
    const v = c.value as number;
    byValue.set(v, [...(byValue.get(v) ?? []), c]);
  }
  const merged: Candidate[] = [];
  for (const group of byValue.values()) {
    group.sort((a, b) => b.score - a.score);
    let score = group[0].score;
    for (const c of group.slice(1)) score += (1 - score) * c.score * 0.3;
    merged.push({ ...group[0], score, citations: group.flatMap((g) => g.citations).slice(0, 3) });
  }
  const positionWeight = field === 'total_amount' || field === 'amount_due' ? 0.15 : 0.05;
  const key = (c: Candidate) => c.score + positionWeight * documentPosition(ctx, c);
  return merged.sort((a, b) => key(b) - key(a));
}

function bestTriple(subs: Candidate[], taxes: Candidate[], totals: Candidate[]): [Candidate, Candidate, Candidate] | null {
  let best: [Candidate, Candidate, Candidate] | null = null;
  let bestScore = 0;
  for (const s of subs) {
    for (const t of taxes) {
      for (const g of totals) {
        const sv = s.value as number;
        const tv = t.value as number;
        const gv = g.value as number;
        if (gv <= 0 || Math.abs(sv + tv - gv) > 0.015 || tv >= gv) continue;
        const score = s.score * t.score * g.score;
        if (score > bestScore) {
          bestScore = score;
          best = [s, t, g];
        }
      }
    }
  }
  return best;
}
