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
  // On receipts the total is chosen among every printed amount by the trained scorer
  // (score/amount-candidates.ts), which weighs labels, layout and the till's arithmetic together.
  const scored = opts.receipt ? chooseScored('receipt-total', AMOUNT_FEATURES, amountCandidates(ctx)) : undefined;
  if (scored !== undefined) total = scored?.candidate.candidate ?? null;
  else if (opts.receipt) {
    total = reconcileWithPayment(ctx, totals, total);
    total = applyRounding(ctx, totals, total);
    total ??= largestAmount(ctx);
  }
  return {
    subtotal: fromCandidate(subtotal),
    tax_amount: fromCandidate(tax),
    total_amount: scored ? { ...fromCandidate(total), calibrated: true } : fromCandidate(total),
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

/**
 * Receipts print what was paid and the change given: paid − change is the total, whatever the
 * total line looks like (OCR often drops the decimal point of a bold "TOTAL 92.80", or misses an
 * inverted line entirely). A labelled total that agrees gains confidence; one that disagrees
 * yields to the difference when the difference is itself a labelled total or no total reads well.
 */
function reconcileWithPayment(ctx: ExtractionContext, totals: Candidate[], current: Candidate | null): Candidate | null {
  const parse = amountParser();
  const best = (field: string) => findLabelledValues(ctx.pages, { field, parse }).sort((a, b) => b.score - a.score)[0];
  // Only amounts printed as money count ("100.00", not a quantity "1" or a garbled "Z0D.2C"), and
  // payment is printed after the total: a "cash" in the header ("CASH & CARRY") is no payment.
  const money = (c: Candidate | undefined) => Boolean(c && /\d[.,]\d{2}(?!\d)/.test(c.citations[0]?.text ?? ''));
  const below = (c: Candidate) => !current || c.citations[0]?.page !== current.citations[0]?.page || c.citations[0].bbox[1] >= current.citations[0].bbox[1] - 2;
  const paidRead = best('cash_paid');
  const paid = money(paidRead) && below(paidRead) ? paidRead : undefined;
  const changeRead = best('change_due');
  const change = money(changeRead) ? changeRead : undefined;
  if (!paid) return current;
  const p = paid.value as number;
  const c = (change?.value as number | undefined) ?? 0;
  if (p <= 0 || c < 0 || c >= p) return current;
  const diff = Math.round((p - c) * 100) / 100;
  const agreeing = totals.find((t) => Math.abs((t.value as number) - diff) < 0.005);
  if (agreeing) return { ...agreeing, score: Math.min(0.99, agreeing.score + (1 - agreeing.score) * 0.7) };
  // Without a change line, cash paid is often a round note larger than the total: no evidence.
  if (!change) return current;
  const derived: Candidate = {
    value: diff,
    score: 0.6,
    citations: [...paid.citations, ...change.citations],
    via: 'paid-minus-change',
  };
  if (!current || current.score < 0.6 || (current.value as number) > p) return derived;
  return current;
}

/**
 * Till receipts round the payable total to the coin ("Rounding Adj. -0.01", then "Net Total Rounded
 * 19.00"): when the chosen total plus the printed adjustment is another labelled total printed
 * under the rounding line, that one is what was paid. The adjustment's sign is read as printed
 * ("-0.01", "0.01-"); an unsigned one is used only when exactly one direction finds a total.
 */
function applyRounding(ctx: ExtractionContext, totals: Candidate[], current: Candidate | null): Candidate | null {
  if (!current) return current;
  const line = findLabelledValues(ctx.pages, { field: 'rounding', parse: roundingParser }).sort((a, b) => b.score - a.score)[0];
  const at = line?.citations[0];
  if (!line || !at) return current;
  const { size } = line.value as { size: number };
  // The label reader strips a leading minus before parsing: the sign is read from the cited words.
  const sign = (roundingParser(at.text)?.value.sign ?? 0) || (line.value as { sign: number }).sign;
  if (size === 0 || size >= 0.1) return current;
  const cur = current.value as number;
  const after = (sgn: number) =>
    totals.find(
      (t) =>
        t !== current &&
        Math.abs((t.value as number) - (cur + sgn * size)) < 0.005 &&
        t.citations.some((c) => c.page === at.page && c.bbox[1] > at.bbox[1] + 1),
    );
  const found = sign ? [after(sign)].filter(Boolean) : [after(1), after(-1)].filter(Boolean);
  if (found.length !== 1) return current;
  const t = found[0] as Candidate;
  return { ...t, score: Math.max(t.score, Math.min(0.95, current.score + 0.1)) };
}

/** "-0.01", "0.01-", "(0.01)", "-0 01" (a decimal point OCR lost): size and sign (0: not printed). */
const roundingParser = (text: string) => {
  const m = /([-–(+]?)\s*(\d)[.,\s](\d{2})(?!\d)\s*(-?)/.exec(text);
  if (!m) return null;
  const size = Number(`${m[2]}.${m[3]}`);
  const sign = m[1] === '+' ? 1 : m[1] || m[4] ? -1 : 0;
  return { value: { size, sign }, start: m.index, end: m.index + m[0].length, fit: 1 };
};

/** Last resort on receipts: the largest money-looking amount (two decimals) in the bottom two thirds. */
function largestAmount(ctx: ExtractionContext): Candidate | null {
  const parse = amountParser();
  let best: Candidate | null = null;
  for (const page of ctx.pages) {
    for (const row of page.segments) {
      for (const seg of row) {
        if (seg.line.bbox[1] < page.height / 3) continue;
        const p = parse(seg.text);
        if (!p || p.fit < 0.9 || (p.value as number) <= 0) continue;
        if (!best || (p.value as number) > (best.value as number)) {
          best = { value: p.value, score: 0.3, citations: [{ page: page.page, bbox: seg.line.bbox, text: seg.text }], via: 'heuristic' };
        }
      }
    }
  }
  return best;
}
