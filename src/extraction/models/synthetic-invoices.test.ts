import { describe, expect, it } from 'vitest';
import { generateInvoice } from '../../../test/fixtures/synthetic-invoices.js';
import { textToPdf } from '../../../test/fixtures/text-pdf.js';
import { runPipeline } from '../pipeline.js';

// Generated invoices in English, German, French, Spanish, Dutch and Italian, with varied
// currencies, number and date formats, two header layouts and item tables of one to five rows.
describe('synthetic invoices in six languages (PDF text layer)', () => {
  it('extracts every labelled field of 24 invoices, 4 per language', async () => {
    const misses: string[] = [];
    for (let seed = 1; seed <= 24; seed++) {
      const inv = generateInvoice(seed);
      const r = await runPipeline({ bytes: textToPdf(inv.text), mediaType: 'application/pdf', filename: `synthetic-${seed}.pdf` });
      expect(r.document_type).toBe('invoice');
      for (const [field, gold] of Object.entries(inv.gold)) {
        const value = field === 'line_items' ? (r.data.line_items as { amount: number }[]).map((i) => i.amount) : r.data[field];
        const expected = field === 'line_items' ? (gold as { amount: number }[]).map((i) => i.amount) : gold;
        if (JSON.stringify(value) !== JSON.stringify(expected)) misses.push(`${seed} ${inv.lang} ${field}: ${JSON.stringify(value)}`);
      }
      expect(r.warnings.map((w) => w.code)).not.toContain('TOTAL_MISMATCH');
    }
    expect(misses).toEqual([]);
  });

  it('reads the same invoice as plain text', async () => {
    const inv = generateInvoice(5);
    const r = await runPipeline({ bytes: Buffer.from(inv.text), mediaType: 'text/plain', filename: 'x.txt' });
    expect(r.data).toMatchObject({ invoice_number: inv.gold.invoice_number, total_amount: inv.gold.total_amount, invoice_date: inv.gold.invoice_date });
  });
});
