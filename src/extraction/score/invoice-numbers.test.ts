import { describe, expect, it } from 'vitest';
import { createContext } from '../extract/context.js';
import { readDocument } from '../parse/read-document.js';
import { runPipeline } from '../pipeline.js';
import { invoiceNumberCandidates } from './invoice-numbers.js';

const invoice = (lines: string[]) =>
  runPipeline({ bytes: Buffer.from(lines.join('\n')), mediaType: 'text/plain', filename: 'invoice.txt', detectionType: 'invoice' });

const ITEMS_AND_TOTALS = [
  '',
  'Description                         Qty      Unit Price           Total',
  'Consulting hours                    12           95.00         1,140.00',
  '',
  '                                        Subtotal               1,140.00',
  '                                        VAT 20%                  228.00',
  '                                        Total                  1,368.00',
];

describe('invoice number scorer', () => {
  it('reads the numbers of a page with their shape and what points at them', async () => {
    const model = await readDocument({
      bytes: Buffer.from(['Rechnung Nr.471113 vom 13.06.2018', 'IBAN: DE89 3704 0044 0532 0130 00', '80331 München', 'Kundennummer: 10234'].join('\n')),
      mediaType: 'text/plain',
      filename: 'x.txt',
    });
    const cands = invoiceNumberCandidates(createContext(model));
    const byValue = (v: string) => cands.find((c) => c.value === v)?.features;
    // A label glued to its number ("Nr.471113") leaves the number alone.
    expect(byValue('471113')).toMatchObject({ title_before: 1, is_date: 0, all_digits: 1 });
    expect(byValue('13.06.2018')?.is_date).toBe(1);
    expect(byValue('3704')?.is_iban).toBe(1);
    expect(byValue('80331')?.postcode_shape).toBe(1);
    expect(byValue('10234')?.here_customer).toBeGreaterThan(0);
    expect(byValue('10234')?.here_invoice_number).toBe(0);
    // Quantities and days ("12", "06") are too short to be a document number.
    expect(cands.some((c) => c.value.length < 3)).toBe(false);
  });

  it('chooses the labelled invoice number among the customer, order, tax, bank and phone numbers', async () => {
    const r = await invoice([
      'Nordlicht Technik GmbH · Hafenstraße 12 · 20457 Hamburg',
      'Tel. +49 40 1234 5678',
      '',
      'Kundennummer: 10234                       Rechnungsnummer: RE-2024-0815',
      'Bestellnummer: PO-7781                    Rechnungsdatum: 14.03.2024',
      'USt-IdNr.: DE123456789',
      ...ITEMS_AND_TOTALS,
      '',
      'IBAN: DE89 3704 0044 0532 0130 00',
    ]);
    expect(r.data.invoice_number).toBe('RE-2024-0815');
    expect(r.fields.invoice_number.citations[0].text).toBe('RE-2024-0815');
  });

  it('reads a number under its header cell, and a number on the title line', async () => {
    const table = await invoice([
      'Brightline Consulting Ltd',
      '',
      'Invoice No.        Date            Customer No.',
      '2024-00917         14/03/2024      55120',
      ...ITEMS_AND_TOTALS,
    ]);
    expect(table.data.invoice_number).toBe('2024-00917');
    const title = await invoice(['Atelier Dupont SARL', '', 'Facture n° F2024-117 du 03/03/2024', 'Référence client : 88231', ...ITEMS_AND_TOTALS]);
    expect(title.data.invoice_number).toBe('F2024-117');
  });

  it('reads the number by its Dutch, Italian and Spanish labels', async () => {
    for (const [label, number] of [
      ['Factuurnummer:', '2024/0042'],
      ['Numero fattura:', 'FT-118'],
      ['Factura nº', 'A-000231'],
    ]) {
      const r = await invoice(['Studio Rossi S.r.l.', 'Via Roma 10', '20121 Milano', '', `${label} ${number}`, 'Data: 03/03/2024', ...ITEMS_AND_TOTALS]);
      expect(r.data.invoice_number, label).toBe(number);
    }
  });
});
