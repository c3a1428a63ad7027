import type { ExtractionContext } from '../src/extraction/extract/context.js';
import { INVOICE_AMOUNT_FEATURES, invoiceAmountCandidates } from '../src/extraction/score/invoice-amounts.js';
import { INVOICE_SCORED } from '../src/extraction/score/invoice-choice.js';
import { INVOICE_DATE_FEATURES, invoiceDateCandidates } from '../src/extraction/score/invoice-dates.js';
import type { Task } from './task.js';

/** Amounts are equal to the cent, as devdata's score.mjs compares them. */
const sameAmount = (a: unknown, b: unknown) => typeof a === 'number' && Math.abs(a - Number(b)) <= 0.01 + 1e-9;
const amounts = (ctx: ExtractionContext) => invoiceAmountCandidates(ctx);
const dates = (ctx: ExtractionContext) => invoiceDateCandidates(ctx);

/** The invoice fields chosen by trained scorers (score/invoice-choice.ts chooses them jointly). */
export const INVOICE_TASKS: Task[] = [
  { name: INVOICE_SCORED.total_amount.task, field: 'total_amount', docTypes: ['invoice'], features: INVOICE_AMOUNT_FEATURES, candidates: amounts, matches: sameAmount, alwaysAnswer: true },
  { name: INVOICE_SCORED.subtotal.task, field: 'subtotal', docTypes: ['invoice'], features: INVOICE_AMOUNT_FEATURES, candidates: amounts, matches: sameAmount, alwaysAnswer: true },
  { name: INVOICE_SCORED.tax_amount.task, field: 'tax_amount', docTypes: ['invoice'], features: INVOICE_AMOUNT_FEATURES, candidates: amounts, matches: sameAmount, alwaysAnswer: true },
  { name: INVOICE_SCORED.invoice_date.task, field: 'invoice_date', docTypes: ['invoice'], features: INVOICE_DATE_FEATURES, candidates: dates, matches: (a, b) => a === b, alwaysAnswer: true },
  { name: INVOICE_SCORED.due_date.task, field: 'due_date', docTypes: ['invoice'], features: INVOICE_DATE_FEATURES, candidates: dates, matches: (a, b) => a === b, alwaysAnswer: true },
];
