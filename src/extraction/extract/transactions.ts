import type { ExtractionContext, FieldValue } from './context.js';

export interface TransactionFields {
  transactions: FieldValue;
  total_credits: FieldValue;
  total_debits: FieldValue;
  transaction_count: FieldValue;
}

/** Statement rows to transactions: filled in by the table stage. */
export function extractTransactions(_ctx: ExtractionContext, _balances: { opening: number | null; closing: number | null }): TransactionFields {
  const none: FieldValue = { value: null, confidence: 0, citations: [], source: 'page' };
  return { transactions: { ...none, value: [] }, total_credits: none, total_debits: none, transaction_count: none };
}
