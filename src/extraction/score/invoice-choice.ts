import type { Candidate } from '../extract/candidate.js';
import { type ExtractionContext, type FieldValue, NOT_FOUND } from '../extract/context.js';
import { INVOICE_AMOUNT_FEATURES, invoiceAmountCandidates } from './invoice-amounts.js';
import { INVOICE_DATE_FEATURES, invoiceDateCandidates } from './invoice-dates.js';
import { INVOICE_PARTY_FEATURES, invoicePartyCandidates } from './invoice-parties.js';
import type { CandidateScorer } from './linear-scorer.js';
import { finiteRow } from './scored-candidate.js';
import { scorerFor } from './scorers.js';

/** The invoice fields chosen by trained scorers, and the task (weights file) of each. */
export const INVOICE_SCORED = {
  total_amount: { task: 'invoice-total', features: INVOICE_AMOUNT_FEATURES },
  subtotal: { task: 'invoice-subtotal', features: INVOICE_AMOUNT_FEATURES },
  tax_amount: { task: 'invoice-tax', features: INVOICE_AMOUNT_FEATURES },
  invoice_date: { task: 'invoice-date', features: INVOICE_DATE_FEATURES },
  due_date: { task: 'invoice-due-date', features: INVOICE_DATE_FEATURES },
  vendor_name: { task: 'invoice-vendor', features: INVOICE_PARTY_FEATURES },
  customer_name: { task: 'invoice-customer', features: INVOICE_PARTY_FEATURES },
} as const;
type ScoredField = keyof typeof INVOICE_SCORED;

/**
 * How much less likely a choice of fields is when it breaks a constraint that real invoices keep:
 * subtotal + tax ≠ total (shipping or a rounding after tax breaks it on real invoices too), a due
 * date before the issue date (an insurer's premium falls due before its invoice is printed). Soft,
 * not hard: the constraint is evidence, not a rule.
 */
const AMOUNTS_DO_NOT_ADD_UP = 0.1;
const DUE_BEFORE_ISSUE = 0.3;
/** The seller and the buyer are one party only on a self-billed invoice. */
const SAME_PARTY = 0.05;
/** Values per field that take part in the joint choice. */
const TOP = 5;

let evaluationScorers: Map<string, CandidateScorer> | null = null;

/**
 * Runs `fn` with scorers other than the committed ones: leave-one-producer-out evaluation scores a
 * producer's invoices with scorers trained without them (train/invoice-lopo.ts). Not for serving.
 */
export async function withInvoiceScorers<T>(scorers: Map<string, CandidateScorer>, fn: () => Promise<T>): Promise<T> {
  evaluationScorers = scorers;
  try {
    return await fn();
  } finally {
    evaluationScorers = null;
  }
}

function scorer(field: ScoredField): CandidateScorer {
  const { task, features } = INVOICE_SCORED[field];
  return evaluationScorers?.get(task) ?? scorerFor(task, features);
}

interface Option {
  value: unknown;
  p: number;
  candidate: Candidate | null;
  /** The field's calibrated probability that this value is right, given the runner-up. */
  confidence: number;
}

type ScoredRow = { value: unknown; candidate: Candidate; row: number[] };

/**
 * What every field's options read of one candidate list, worked out once per list (the amounts serve
 * three fields, the dates and the parties two): each candidate's scorer input (finiteRow) and the key
 * its value is told apart by (null: the parties' "no party printed").
 */
interface ListReading {
  rows: number[][];
  keys: (string | null)[];
}
const listReadings = new WeakMap<readonly ScoredRow[], ListReading>();

function readList(cands: readonly ScoredRow[]): ListReading {
  let r = listReadings.get(cands);
  if (!r) {
    const rows: number[][] = [];
    const keys: (string | null)[] = [];
    for (const c of cands) {
      rows.push(finiteRow(c.row));
      keys.push(c.value === null ? null : typeof c.value === 'string' ? c.value.toLowerCase().replace(/\s+/g, ' ') : JSON.stringify(c.value));
    }
    r = { rows, keys };
    listReadings.set(cands, r);
  }
  return r;
}

/** The field's distinct values, most probable first (a value printed twice counts once, cited where it is most probable), and "not printed". */
function options(field: ScoredField, cands: readonly ScoredRow[]): Option[] {
  const s = scorer(field);
  const { rows, keys } = readList(cands);
  const probs = s.probabilities(rows);
  const byValue = new Map<string, Option>();
  // A candidate without a value (the parties' "no party printed") is the model's own "not printed".
  let none: Option | null = null;
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i];
    const key = keys[i];
    if (key === null) {
      if (!none || probs[i] > none.p) none = { value: null, p: probs[i], candidate: null, confidence: 0 };
      continue;
    }
    const cur = byValue.get(key);
    if (!cur || probs[i] > cur.p) byValue.set(key, { value: c.value, p: probs[i], candidate: { ...c.candidate, score: probs[i] }, confidence: probs[i] });
  }
  const top = [...byValue.values()].sort((a, b) => b.p - a.p).slice(0, TOP);
  // The reported confidence is the calibration's (fitted on out-of-fold choices, real invoices weighed
  // up: train/fit-task.ts), from the value's score and its margin over the best other value: the
  // candidate model's own probability is trained on a sample of wrong candidates and is no probability
  // of being right (a real due date came back at 0.05).
  for (const o of top) {
    // The best other value's probability (a loop, not a spread of a mapped list: see invoice-amounts.ts).
    let other = none?.p ?? 0;
    for (const x of top) if (x !== o) other = Math.max(other, x.p);
    o.confidence = s.confidence(o.p, other);
  }
  // "Not printed" is as likely as the model's "no party" candidate says, else as the probability
  // under which training found a value better not returned.
  return [...top, none ?? { value: null, p: Math.max(1e-3, s.minProbability), candidate: null, confidence: 0 }];
}

function toField(o: Option): FieldValue {
  if (!o.candidate) return NOT_FOUND;
  return { value: o.value, confidence: Math.round(o.confidence * 100) / 100, citations: o.candidate.citations, source: 'page', calibrated: true };
}

/** The pair with the highest product of the two options' probabilities, each product times `weight`. */
function bestPair(first: readonly Option[], second: readonly Option[], weight: (a: Option, b: Option) => number): [Option, Option] {
  let best = { score: -1, pick: [first.at(-1), second.at(-1)] as [Option, Option] };
  for (const a of first) {
    for (const b of second) {
      const score = a.p * b.p * weight(a, b);
      if (score > best.score) best = { score, pick: [a, b] };
    }
  }
  return best.pick;
}

const cents = (v: unknown) => Math.round((v as number) * 100);

/**
 * Total, subtotal and tax chosen together: each candidate value gets each field's probability from
 * its model, and the triple with the highest product wins, a triple whose subtotal and tax do not
 * add up to its total counting AMOUNTS_DO_NOT_ADD_UP times less.
 */
export function chooseInvoiceAmounts(ctx: ExtractionContext): Record<'total_amount' | 'subtotal' | 'tax_amount', FieldValue> {
  const cands = invoiceAmountCandidates(ctx);
  if (!cands.length) return { total_amount: NOT_FOUND, subtotal: NOT_FOUND, tax_amount: NOT_FOUND };
  const totals = options('total_amount', cands);
  const subs = options('subtotal', cands);
  const taxes = options('tax_amount', cands);
  let best = { score: -1, pick: [totals.at(-1), subs.at(-1), taxes.at(-1)] as Option[] };
  for (const g of totals) {
    for (const s of subs) {
      for (const t of taxes) {
        const checkable = g.value !== null && s.value !== null;
        const adds = checkable && Math.abs(cents(s.value) + (t.value === null ? 0 : cents(t.value)) - cents(g.value)) <= 1;
        const score = g.p * s.p * t.p * (checkable && !adds ? AMOUNTS_DO_NOT_ADD_UP : 1);
        if (score > best.score) best = { score, pick: [g, s, t] };
      }
    }
  }
  const [g, s, t] = best.pick;
  return { total_amount: toField(g), subtotal: toField(s), tax_amount: toField(t) };
}

/** Issue and due date chosen together: a due date before the issue date counts DUE_BEFORE_ISSUE times less. */
export function chooseInvoiceDates(ctx: ExtractionContext): Record<'invoice_date' | 'due_date', FieldValue> {
  const cands = invoiceDateCandidates(ctx);
  if (!cands.length) return { invoice_date: NOT_FOUND, due_date: NOT_FOUND };
  const [i, d] = bestPair(options('invoice_date', cands), options('due_date', cands), (i, d) =>
    i.value !== null && d.value !== null && (d.value as string) < (i.value as string) ? DUE_BEFORE_ISSUE : 1,
  );
  // A date printed once is the issue date's, not also the due date's (an invoice that prints one date
  // prints its issue date); a due date equal to the issue date is still read where it is printed twice.
  const printedOnce = i.value !== null && cands.filter((c) => c.value === i.value).length < 2;
  return { invoice_date: toField(i), due_date: printedOnce && d.value === i.value ? NOT_FOUND : toField(d) };
}

const FIELD_LABEL = INVOICE_PARTY_FEATURES.indexOf('field_label');
const ADDRESS_ONLY = /^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/|www\.)\S+)$/i;
const partyKey = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') : '');

/**
 * The seller's and the buyer's name chosen together among the invoice's lines and blocks: the pair
 * with the highest product of the two models' probabilities, the same value for both (or one inside
 * the other) counting SAME_PARTY times less.
 */
export function chooseInvoiceParties(ctx: ExtractionContext): Record<'vendor_name' | 'customer_name', FieldValue> {
  // A line that a field label of the lexicon covers ("Invoice #", "N° de facture", "Rechnungswährung") names no
  // party: the models weigh it low, but where the name carries no cue it could still come first.
  // Nor does a line that is only an e-mail or web address (the seller's contact line under its name).
  const cands = invoicePartyCandidates(ctx).filter((c) => c.row[FIELD_LABEL] !== 1 && !ADDRESS_ONLY.test(String(c.value).trim()));
  if (!cands.length) return { vendor_name: NOT_FOUND, customer_name: NOT_FOUND };
  const [v, c] = bestPair(options('vendor_name', cands), options('customer_name', cands), (v, c) => {
    const [a, b] = [partyKey(v.value), partyKey(c.value)];
    return a !== '' && b !== '' && (a.includes(b) || b.includes(a)) ? SAME_PARTY : 1;
  });
  return { vendor_name: toField(v), customer_name: toField(c) };
}
