import { describe, expect, it } from 'vitest';
import { readDocument, readGold } from '../../../test/fixtures/documents.js';
import { runPipeline } from '../pipeline.js';

describe('bank statement extraction (transtractor test1.pdf)', () => {
  it('reads balances, account number and every transaction row across pages', async () => {
    const gold = readGold('gold/transtractor/transtractor-test1.json');
    const r = await runPipeline({ bytes: readDocument('data/transtractor/test1.pdf'), mediaType: 'application/pdf', filename: 'test1.pdf' });
    expect(r.document_type).toBe('bank_statement');
    expect(r.data.account_number).toBe(gold.account_number);
    expect(r.data.opening_balance).toBe(gold.opening_balance);
    expect(r.data.closing_balance).toBe(gold.closing_balance);
    const txs = r.data.transactions as { date: string; amount: number; description: string }[];
    expect(txs).toHaveLength(gold.transactions.length);
    txs.forEach((t, i) => {
      expect(t.date).toBe(gold.transactions[i].date);
      expect(Math.abs(t.amount)).toBeCloseTo(Math.abs(gold.transactions[i].amount), 2);
    });
    // A description that wraps over a page break keeps its continuation, without the page header.
    expect(txs[30].description).toBe('Transaction 31 Goes over multiple pages');
    expect(r.data.transaction_count).toBe(62);
    expect(r.data.statement_period).toEqual({ from: '2025-01-01', to: '2025-01-31' });
    // The repeated rows after the closing balance are left out, and the caller is told.
    expect(r.warnings.map((w) => w.code)).toContain('ROWS_LEFT_OUT');
    expect(r.warnings.map((w) => w.code)).not.toContain('BALANCE_MISMATCH');
    expect(r.fields.transactions.citations[0]).toMatchObject({ page: 1 });
  });
});
