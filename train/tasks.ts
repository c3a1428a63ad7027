import { AMOUNT_FEATURES, amountCandidates } from '../src/extraction/score/amount-candidates.js';
import { DATE_FEATURES, dateCandidates } from '../src/extraction/score/date-candidates.js';
import { INVOICE_TASKS } from './invoice-tasks.js';
import type { Task } from './task.js';

export type { Task } from './task.js';

/** Amounts are equal to the cent, as devdata's score.mjs compares them. */
const sameAmount = (a: unknown, b: unknown) => typeof a === 'number' && Math.abs(a - Number(b)) <= 0.01 + 1e-9;

export const TASKS: Task[] = [
  { name: 'receipt-total', field: 'total_amount', docTypes: ['receipt'], features: AMOUNT_FEATURES, candidates: amountCandidates, matches: sameAmount },
  { name: 'receipt-date', field: 'date', docTypes: ['receipt'], features: DATE_FEATURES, candidates: dateCandidates, matches: (a, b) => a === b },
  ...INVOICE_TASKS,
];
