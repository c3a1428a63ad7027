import { describe, expect, it } from 'vitest';
import { renderedInvoice } from '../train/rendered-invoice-pdf.js';
import { TEMPLATE_NAMES } from '../train/rendered-invoice-templates.js';

/** The second invoice generator (train/rendered-invoices.ts): the HTML alone, no browser needed. */
describe('rendered invoices (HTML templates)', () => {
  it('is deterministic from a seed and cycles through its ten templates', () => {
    expect(renderedInvoice(100017).html).toBe(renderedInvoice(100017).html);
    expect(renderedInvoice(100017).html).not.toBe(renderedInvoice(100018).html);
    expect(new Set(Array.from({ length: 10 }, (_, i) => renderedInvoice(100001 + i).template)).size).toBe(TEMPLATE_NAMES.length);
  });

  it('prints every gold name, and gold amounts that add up where nothing else is printed between them', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const inv = renderedInvoice(seed);
      const html = inv.html.replace(/&amp;/g, '&');
      expect(html).toContain(inv.gold.vendor_name);
      expect(html).toContain(inv.gold.customer_name);
      const { subtotal, tax_amount, total_amount } = inv.gold;
      // Discounts and shipping break the sum on real invoices too: only a total of at least subtotal + tax less 20 % is asserted.
      if (subtotal !== null) expect(total_amount).toBeGreaterThanOrEqual(0.8 * (subtotal + (tax_amount ?? 0)) - 0.01);
      expect(inv.gold.invoice_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
