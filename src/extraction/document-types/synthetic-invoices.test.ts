import { describe, expect, it } from 'vitest';
import { generateInvoice, type InvoiceOptions, type SyntheticInvoice } from '../../../test/fixtures/synthetic-invoices.js';
import { type StandardFont, textToPdf } from '../../../test/fixtures/text-pdf.js';
import { countPages, runPipeline } from '../pipeline.js';

/** Every gold field that came back different, as "field: value"; line items compared row by row, in order. */
function goldMisses(inv: SyntheticInvoice, data: Record<string, unknown>): string[] {
  const misses: string[] = [];
  for (const [field, gold] of Object.entries(inv.gold)) {
    const value =
      field === 'line_items'
        ? (data.line_items as Record<string, unknown>[]).map((i) => ({ description: i.description, quantity: i.quantity, unit_price: i.unit_price, amount: i.amount }))
        : data[field];
    if (JSON.stringify(value) !== JSON.stringify(gold)) misses.push(`${inv.lang} ${field}: ${JSON.stringify(value)}`);
  }
  return misses;
}

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

  it('reads invoices set in Helvetica and Times, whose columns spaces no longer align', async () => {
    const misses: string[] = [];
    for (let seed = 25; seed <= 36; seed++) {
      const inv = generateInvoice(seed);
      const font: StandardFont = seed % 2 ? 'Helvetica' : 'Times-Roman';
      const r = await runPipeline({ bytes: textToPdf(inv.text, { font }), mediaType: 'application/pdf', filename: `synthetic-${seed}.pdf` });
      expect(r.document_type).toBe('invoice');
      misses.push(...goldMisses(inv, r.data).map((m) => `${seed} ${font} ${m}`));
    }
    expect(misses).toEqual([]);
  });
});

// Item tables long enough to run over pages: every row, in order, and the sums still check out.
describe('synthetic invoices whose item table continues over pages', () => {
  const cases: { seed: number; opts: InvoiceOptions; font: StandardFont; pages: number; what: string }[] = [
    { seed: 7, opts: { items: 70 }, font: 'Courier', pages: 2, what: 'a full page breaks mid-table, no header on page 2' },
    { seed: 9, opts: { items: 40, rowsPerPage: 25 }, font: 'Times-Roman', pages: 2, what: 'page 2 opens with a running header (vendor, "Página 2", invoice number), no table header' },
    { seed: 8, opts: { items: 40, rowsPerPage: 25, repeatHeader: true }, font: 'Helvetica', pages: 2, what: 'the table header repeated on page 2' },
    { seed: 13, opts: { items: 75, rowsPerPage: 30 }, font: 'Courier', pages: 3, what: 'three pages, running headers' },
  ];
  for (const c of cases) {
    it(`${c.what} (seed ${c.seed}, ${c.opts.items} rows)`, async () => {
      const inv = generateInvoice(c.seed, c.opts);
      const bytes = textToPdf(inv.text, { font: c.font });
      expect(await countPages(bytes, 'application/pdf')).toBe(c.pages);
      const r = await runPipeline({ bytes, mediaType: 'application/pdf', filename: `long-${c.seed}.pdf` });
      expect(r.document_type).toBe('invoice');
      expect(goldMisses(inv, r.data)).toEqual([]);
      expect(r.warnings.map((w) => w.code)).toEqual([]);
    });
  }
});

