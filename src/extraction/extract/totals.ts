import type { Candidate } from './candidate.js';
import { type ExtractionContext, documentPosition, type FieldValue, fromCandidate } from './context.js';
import { findLabelledValues } from './key-value.js';
import { amountParser } from './value-parsers.js';
import { AMOUNT_FEATURES, amountCandidates } from '../score/amount-candidates.js';
import { chooseScored } from '../score/choose.js';

export interface Totals {
  subtotal: FieldValue;
  tax_amount: FieldValue;
  total_amount: FieldValue;
}

/**
 * A receipt's amounts. The total is chosen among every printed amount, and the totals the till's
 * arithmetic implies, by the trained scorer (score/amount-candidates.ts): labels, layout, paid −
 * change and rounding weighed together. Subtotal and tax are read by label, the combination that
 * adds up to a labelled total (subtotal + tax = total) winning over individually stronger reads.
 * (Invoices choose all three with trained scorers: score/invoice-choice.ts.)
 */
export function extractReceiptTotals(ctx: ExtractionContext): Totals {
  const read = (field: string) =>
    rank(ctx, findLabelledValues(ctx.pages, { field, parse: amountParser(field === 'tax_amount' ? 'last' : 'first') }), field);
  const subtotals = read('subtotal');
  const taxes = read('tax_amount');
  let subtotal: Candidate | null = subtotals[0] ?? null;
  let tax: Candidate | null = taxes[0] ?? null;
  const triple = bestTriple(subtotals.slice(0, 6), taxes.slice(0, 6), read('total_amount').slice(0, 6));
  if (triple) {
    [subtotal, tax] = triple.slice(0, 2).map((c) => ({ ...c, score: Math.min(1, c.score + (1 - c.score) * 0.6) })) as [Candidate, Candidate];
  }
  const scored = chooseScored('receipt-total', AMOUNT_FEATURES, amountCandidates(ctx));
  return {
    subtotal: fromCandidate(subtotal),
    tax_amount: fromCandidate(tax),
    total_amount: { ...fromCandidate(scored?.candidate.candidate ?? null), calibrated: true },
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
  const positionWeight = field === 'total_amount' ? 0.15 : 0.05;
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
