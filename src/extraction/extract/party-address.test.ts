import { describe, expect, it } from 'vitest';
import { runPipeline } from '../pipeline.js';

const invoice = async (lines: string[]) =>
  (await runPipeline({ bytes: Buffer.from(lines.join('\n')), mediaType: 'text/plain', filename: 'invoice.txt', detectionType: 'invoice' })).fields;

const ITEMS_AND_TOTALS = [
  '',
  'Description                         Qty      Unit Price           Total',
  'Consulting hours                    12           95.00         1,140.00',
  '',
  '                                          Subtotal             1,140.00',
  '                                          VAT 20%                228.00',
  '                                          Total                1,368.00',
];

describe('party addresses on the page', () => {
  it('reads the lines under each name down to the town, and stops at contact details', async () => {
    const f = await invoice([
      'Brightline Consulting Ltd                                INVOICE',
      '12 Harbour Street',
      'London EC1A 1BB',
      'Tel: +44 20 7946 0000',
      '',
      'Invoice No.: INV-2024-0137',
      'Invoice Date: 14/03/2024',
      '',
      'Bill To:',
      'Globex Corporation',
      'Attn: Accounts Payable',
      'Lindenallee 23',
      '50667 Köln',
      'Germany',
      'VAT ID: DE123456789',
      ...ITEMS_AND_TOTALS,
    ]);
    expect(f.vendor_name.value).toBe('Brightline Consulting Ltd');
    expect(f.vendor_address.value).toBe('12 Harbour Street, London EC1A 1BB');
    expect(f.customer_name.value).toBe('Globex Corporation');
    expect(f.customer_address.value).toBe('Lindenallee 23, 50667 Köln, Germany');
    expect(f.customer_address.citations.map((c) => c.text)).toEqual(['Lindenallee 23', '50667 Köln', 'Germany']);
    // Below the calibrated band: an address is read by layout, not by a trained scorer.
    expect(f.vendor_address.confidence).toBeLessThan(0.9);
  });

  it('reads an address printed on one line with the name, and leaves out the e-mail after it', async () => {
    const f = await invoice([
      'Ateliers Moreau · 14 boulevard Voltaire · 69002 Lyon · contact@moreau.example',
      '',
      'FACTURE',
      'Facture n° : F-2024-118',
      'Date de facture : 14/03/2024',
      '',
      'Client :',
      'Boulangerie Lemaire',
      'Carrer de Balmes 120',
      '08008 Barcelona',
      ...ITEMS_AND_TOTALS,
    ]);
    expect(f.vendor_address.value).toBe('14 boulevard Voltaire, 69002 Lyon');
    expect(f.customer_address.value).toBe('Carrer de Balmes 120, 08008 Barcelona');
  });

  it("does not take a delivery address printed under the customer's name for the customer's address", async () => {
    const f = await invoice([
      'Brightline Consulting Ltd                                INVOICE',
      '12 Harbour Street',
      'London EC1A 1BB',
      '',
      'Invoice No.: INV-2024-0137',
      'Invoice Date: 14/03/2024',
      '',
      'Ship To:                                    Bill To:',
      'Globex Corporation                          Globex Corporation',
      '88 Kingsway                                 Am Markt 2',
      'Manchester M1 4BT                           1010 Wien',
      ...ITEMS_AND_TOTALS,
    ]);
    expect(f.customer_name.value).toBe('Globex Corporation');
    expect(f.customer_address.value).toBe('Am Markt 2, 1010 Wien');
  });

  it('returns no address where none is printed under the name', async () => {
    const f = await invoice([
      'Brightline Consulting Ltd                                INVOICE',
      'Invoice No.: INV-2024-0137',
      'Invoice Date: 14/03/2024',
      'Bill To: Globex Corporation',
      ...ITEMS_AND_TOTALS,
    ]);
    expect(f.vendor_address.value).toBeNull();
    expect(f.customer_address.value).toBeNull();
  });
});
