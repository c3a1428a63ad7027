import { describe, expect, it } from 'vitest';
import { generateTrainingInvoice } from '../train/synthetic-invoice-layouts.js';

const SEEDS = Array.from({ length: 120 }, (_, i) => i + 1);

describe('synthetic training invoices (train/synthetic-invoice-layouts.ts)', () => {
  it('are the same for the same seed and differ between seeds', () => {
    expect(generateTrainingInvoice(17)).toEqual(generateTrainingInvoice(17));
    expect(generateTrainingInvoice(17).text).not.toBe(generateTrainingInvoice(18).text);
  });

  it('vary language, font and every layout choice', () => {
    const invoices = SEEDS.map(generateTrainingInvoice);
    expect(new Set(invoices.map((i) => i.lang)).size).toBe(6);
    expect(new Set(invoices.map((i) => i.font)).size).toBe(3);
    const choices = invoices.map((i) => i.layout.split('/'));
    // vendor position, document data, parties, item table, totals block: every option of each is drawn.
    expect(choices[0].map((_, k) => new Set(choices.map((c) => c[k])).size)).toEqual([3, 4, 4, 4, 3]);
    expect(new Set(invoices.map((i) => i.gold.currency))).toEqual(new Set(['EUR', 'USD', 'GBP', 'CHF']));
    expect(invoices.some((i) => i.gold.due_date === null)).toBe(true);
    expect(invoices.some((i) => i.gold.tax_amount === null)).toBe(true);
    expect(invoices.some((i) => i.text.includes('\f'))).toBe(true);
  });

  it('have gold that adds up: subtotal + tax is the total, or the total less shipping after tax', () => {
    for (const inv of SEEDS.map(generateTrainingInvoice)) {
      const { subtotal, tax_amount, total_amount, invoice_date, due_date } = inv.gold;
      if (subtotal !== null) {
        const rest = Math.round((total_amount - subtotal - (tax_amount ?? 0)) * 100) / 100;
        expect(rest === 0 || [4.9, 9.95, 15, 25, 49].includes(rest), `seed ${inv.seed}: ${rest}`).toBe(true);
      }
      if (due_date) expect(due_date > invoice_date).toBe(true);
    }
  });

  it('print each gold amount with the document number style', () => {
    for (const inv of SEEDS.map(generateTrainingInvoice)) {
      const digits = inv.text.replace(/[^\d\n]/g, '');
      for (const v of [inv.gold.total_amount, inv.gold.subtotal, inv.gold.tax_amount]) {
        if (v === null || v === 0) continue;
        expect(digits, `seed ${inv.seed}: ${v}`).toContain(v.toFixed(2).replace('.', ''));
      }
    }
  });
});
