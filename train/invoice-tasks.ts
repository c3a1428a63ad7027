import type { ExtractionContext } from '../src/extraction/extract/context.js';
import { INVOICE_AMOUNT_FEATURES, invoiceAmountCandidates } from '../src/extraction/score/invoice-amounts.js';
import { INVOICE_SCORED } from '../src/extraction/score/invoice-choice.js';
import { INVOICE_DATE_FEATURES, invoiceDateCandidates } from '../src/extraction/score/invoice-dates.js';
import { INVOICE_PARTY_FEATURES, invoicePartyCandidates } from '../src/extraction/score/invoice-parties.js';
import { normString } from '../src/evaluations/scoring/normalize.js';
import type { Task } from './task.js';

/** Amounts are equal to the cent, as devdata's score.mjs compares them. */
const sameAmount = (a: unknown, b: unknown) => typeof a === 'number' && Math.abs(a - Number(b)) <= 0.01 + 1e-9;
const amounts = (ctx: ExtractionContext) => invoiceAmountCandidates(ctx);
const dates = (ctx: ExtractionContext) => invoiceDateCandidates(ctx);
const parties = (ctx: ExtractionContext) => invoicePartyCandidates(ctx);
/** Names are compared as devdata's score.mjs compares strings. */
const sameName = (a: unknown, b: unknown) => typeof a === 'string' && normString(a) !== '' && normString(a) === normString(String(b));

/** The invoice fields chosen by trained scorers (score/invoice-choice.ts chooses them jointly). */
export const INVOICE_TASKS: Task[] = [
  { name: INVOICE_SCORED.total_amount.task, field: 'total_amount', docTypes: ['invoice'], features: INVOICE_AMOUNT_FEATURES, candidates: amounts, matches: sameAmount, alwaysAnswer: true },
  { name: INVOICE_SCORED.subtotal.task, field: 'subtotal', docTypes: ['invoice'], features: INVOICE_AMOUNT_FEATURES, candidates: amounts, matches: sameAmount, alwaysAnswer: true },
  { name: INVOICE_SCORED.tax_amount.task, field: 'tax_amount', docTypes: ['invoice'], features: INVOICE_AMOUNT_FEATURES, candidates: amounts, matches: sameAmount, alwaysAnswer: true },
  { name: INVOICE_SCORED.invoice_date.task, field: 'invoice_date', docTypes: ['invoice'], features: INVOICE_DATE_FEATURES, candidates: dates, matches: (a, b) => a === b, alwaysAnswer: true },
  { name: INVOICE_SCORED.due_date.task, field: 'due_date', docTypes: ['invoice'], features: INVOICE_DATE_FEATURES, candidates: dates, matches: (a, b) => a === b, alwaysAnswer: true },
  // Every line of the page is a candidate: keep more of the wrong ones per invoice than for amounts.
  { name: INVOICE_SCORED.vendor_name.task, field: 'vendor_name', docTypes: ['invoice'], features: INVOICE_PARTY_FEATURES, candidates: parties, matches: sameName, negatives: 40, alwaysAnswer: true },
  { name: INVOICE_SCORED.customer_name.task, field: 'customer_name', docTypes: ['invoice'], features: INVOICE_PARTY_FEATURES, candidates: parties, matches: sameName, negatives: 40, alwaysAnswer: true },
];
