import { describe, expect, it } from 'vitest';
import { generateStatement, LAYOUTS, type SyntheticStatement } from '../../../test/fixtures/synthetic-statements.js';
import { statementToDocx } from '../../../test/fixtures/statement-docx.js';
import { type StandardFont, textToPdf } from '../../../test/fixtures/text-pdf.js';
import { countPages, runPipeline } from '../pipeline.js';

/** Every row (date, amount with its sign, type, printed balance, description) and header field that came back different. */
function misses(s: SyntheticStatement, data: Record<string, unknown>): string[] {
  const out: string[] = [];
  const txs = (data.transactions ?? []) as Record<string, unknown>[];
  if (txs.length !== s.gold.transactions.length) out.push(`rows: ${txs.length} of ${s.gold.transactions.length}`);
  s.gold.transactions.forEach((g, i) => {
    const t = txs[i];
    if (!t || t.date !== g.date || t.amount !== g.amount || t.type !== g.type || t.balance !== g.balance || t.description !== g.description) out.push(`row ${i + 1}: ${JSON.stringify(t)} ≠ ${JSON.stringify(g)}`);
  });
  for (const f of ['account_holder', 'account_number', 'iban', 'currency', 'statement_period', 'opening_balance', 'closing_balance', 'total_credits', 'total_debits', 'transaction_count'] as const) {
    if (JSON.stringify(data[f]) !== JSON.stringify(s.gold[f])) out.push(`${f}: ${JSON.stringify(data[f])} ≠ ${JSON.stringify(s.gold[f])}`);
  }
  return out;
}

// Fourteen layouts (statement-layouts.ts): six languages, dates with and without a year (one card
// period runs from December into January), one signed amount column or debit/credit columns, minus
// before or after, parentheses, CR/DR after or before, +/-, currency in the cell, space thousands,
// running balance or none, no header row, opening balance as a row or in a summary box, cards.
describe('synthetic bank and card statements (PDF text layer)', () => {
  for (const [i, layout] of LAYOUTS.entries()) {
    it(`reads every row and reconciles: ${layout.name}`, async () => {
      const s = generateStatement(i, 1);
      const r = await runPipeline({ bytes: textToPdf(s.text), mediaType: 'application/pdf', filename: `${layout.name}.pdf` });
      expect(r.document_type).toBe('bank_statement');
      expect(misses(s, r.data)).toEqual([]);
      expect(r.data.bank_name).toBe(s.gold.bank_name);
      expect(r.warnings).toEqual([]);
    });
  }

  it('reads other seeds of every layout in Helvetica and Times, whose columns spaces do not align', async () => {
    const found: string[] = [];
    for (const [i, layout] of LAYOUTS.entries()) {
      const font: StandardFont = i % 2 ? 'Helvetica' : 'Times-Roman';
      const s = generateStatement(i, 3 + i);
      const r = await runPipeline({ bytes: textToPdf(s.text, { font }), mediaType: 'application/pdf', filename: 'x.pdf' });
      found.push(...misses(s, r.data).map((m) => `${layout.name} ${font}: ${m}`));
    }
    expect(found).toEqual([]);
  });
});

describe('statements whose table continues over pages', () => {
  it('every layout over three pages: running headers and footers, repeated or missing table headers, carried balances', async () => {
    const found: string[] = [];
    for (const [i, layout] of LAYOUTS.entries()) {
      const s = generateStatement(i, 5, { rows: 60, rowsPerPage: 25 });
      const bytes = textToPdf(s.text, { font: 'Helvetica' });
      expect(await countPages(bytes, 'application/pdf')).toBe(3);
      const r = await runPipeline({ bytes, mediaType: 'application/pdf', filename: 'long.pdf' });
      found.push(...misses(s, r.data).map((m) => `${layout.name}: ${m}`));
      if (r.warnings.length) found.push(`${layout.name}: warnings ${r.warnings.map((w) => w.code).join(', ')}`);
    }
    expect(found).toEqual([]);
  });
});

describe('reconciliation as output', () => {
  it('a row missing from the page is never a silently short list: the balance check names the gap', async () => {
    const s = generateStatement(7, 1);
    // Drop one transaction line from the printed text: the running balances and the closing balance no longer follow.
    const lines = s.text.split('\n');
    const victim = lines.findIndex((l) => l.includes(s.gold.transactions[4].description) && /\d\.\d\d/.test(l));
    lines.splice(victim, 1);
    const r = await runPipeline({ bytes: textToPdf(lines.join('\n')), mediaType: 'application/pdf', filename: 'short.pdf' });
    expect(r.data.transaction_count).toBe(s.gold.transactions.length - 1);
    const codes = r.warnings.map((w) => w.code);
    expect(codes).toContain('BALANCE_MISMATCH');
    expect(codes).toContain('RUNNING_BALANCE_MISMATCH');
    expect(r.warnings.find((w) => w.code === 'BALANCE_MISMATCH')?.message).toMatch(/not accounted for/);
    expect(r.warnings.find((w) => w.code === 'RUNNING_BALANCE_MISMATCH')?.message).toMatch(/row 5 \(/);
  });

  it('reads every layout as a Word document whose transactions are a real Word table', async () => {
    const found: string[] = [];
    for (const [i, layout] of LAYOUTS.entries()) {
      const s = generateStatement(i, 6);
      const r = await runPipeline({ bytes: await statementToDocx(s), mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', filename: 'statement.docx' });
      found.push(...misses(s, r.data).map((m) => `${layout.name}: ${m}`));
    }
    expect(found).toEqual([]);
  });

  it('printed totals that the rows found do not reach are reported with both figures', async () => {
    for (const layout of [9, 13]) {
      const s = generateStatement(layout, 1);
      const victim = s.gold.transactions.findIndex((t) => t.type === 'debit');
      const lines = s.text.split('\n');
      const at = lines.findIndex((l) => l.includes(s.gold.transactions[victim].description.slice(0, 12)) && /\d\.\d\d/.test(l));
      expect(at).toBeGreaterThan(0);
      lines.splice(at, 1);
      const r = await runPipeline({ bytes: textToPdf(lines.join('\n')), mediaType: 'application/pdf', filename: 'short.pdf' });
      const debits = r.warnings.find((w) => w.code === 'TOTALS_MISMATCH');
      expect(debits?.message).toContain(`total debits ${s.gold.total_debits.toFixed(2)}`);
      expect(debits?.message).toContain(`${s.gold.transactions.length - 1} rows found`);
    }
  });

  it('reads the same statement laid out as plain text', async () => {
    const s = generateStatement(1, 2);
    const r = await runPipeline({ bytes: Buffer.from(s.text), mediaType: 'text/plain', filename: 'card.txt', detectionType: 'bank_statement' });
    expect(misses(s, r.data)).toEqual([]);
  });
});

describe('custom schemas with a list of statement rows', () => {
  it("a user's own transactions schema (other names, debit/credit children) gets every row from the statement reader", async () => {
    const s = generateStatement(2, 1);
    const schema = {
      fields: [
        { name: 'closing', type: 'Number', description: 'closing balance' },
        {
          name: 'movements',
          type: 'List<Object>',
          children: [
            { name: 'booking_date', type: 'Date' },
            { name: 'details', type: 'String' },
            { name: 'debit', type: 'Number' },
            { name: 'credit', type: 'Number' },
          ],
        },
      ],
    };
    const r = await runPipeline({ bytes: textToPdf(s.text), mediaType: 'application/pdf', filename: 'de.pdf', schema });
    expect(r.data.movements).toEqual(
      s.gold.transactions.map((t) => ({ booking_date: t.date, details: t.description, debit: t.type === 'debit' ? -t.amount : null, credit: t.type === 'credit' ? t.amount : null })),
    );
  });

  it('custom fields asking for transactions with date, description and amount on a card statement', async () => {
    const s = generateStatement(1, 4);
    const customFields = [{ name: 'transactions', type: 'List<Object>', children: [{ name: 'date', type: 'Date' }, { name: 'description', type: 'String' }, { name: 'amount', type: 'Number' }] }];
    const r = await runPipeline({ bytes: textToPdf(s.text), mediaType: 'application/pdf', filename: 'card.pdf', customFields });
    expect(r.data.transactions).toEqual(s.gold.transactions.map((t) => ({ date: t.date, description: t.description, amount: t.amount })));
  });
});
