import { describe, expect, it } from 'vitest';
import { readDocument } from '../parse/read-document.js';
import { createContext } from './context.js';
import { findLabelledValues, findLabelledValuesOf, labelledFields } from './key-value.js';
import { invoiceLabels, labelUnion, matchLabels } from './labels.js';
import { amountParser, dateParser } from './value-parsers.js';

const LINES = [
  'Invoice No.: INV-2024-0137      Invoice Date: 14/03/2024      Due Date: 13/04/2024',
  'Consulting hours                    12           95.00            1,140.00',
  'Subtotal            1,140.00',
  'VAT 20%               228.00',
  'Total EUR           1,368.00',
];
const context = async () => createContext(await readDocument({ bytes: Buffer.from(LINES.join('\n')), mediaType: 'text/plain', filename: 'invoice.txt', ocr: () => { throw new Error('no OCR'); } }));

describe('labelled values of several fields in one pass', () => {
  it('finds per field what one pass per field finds, in the same order', async () => {
    const ctx = await context();
    const fields = [{ field: 'total_amount' }, { field: 'tax_amount' }, { field: 'score:subtotal', labels: invoiceLabels('subtotal') }, { field: 'due_date' }];
    const parsers = [amountParser('first'), amountParser('last'), amountParser('first'), dateParser(ctx.dateOrder)];
    const together = findLabelledValuesOf(ctx.pages, labelledFields(fields), parsers);
    const other = await context();
    const apart = fields.map((f, k) => findLabelledValues(other.pages, { ...f, parse: parsers[k] }));
    expect(together).toEqual(apart);
    expect(together.map((reads) => reads[0]?.value)).toEqual([1368, 228, 1140, '2024-04-13']);
  });

  it('tests a text once for many label lists: no match of the union, no label of any list', () => {
    const lists = ['total_amount', 'invoice_date', 'vendor_name'].map(invoiceLabels);
    const any = labelUnion(lists);
    for (const text of ['grand total', 'invoice date', 'consulting hours', 'rechnungsdatum 3.4.2024', 'product due 12.03.2024', '']) {
      expect(any.test(text)).toBe(lists.some((l) => matchLabels('', text, l).length > 0));
    }
    expect(labelUnion([[], []]).test('total')).toBe(false);
  });
});

describe('amountParser with skipQuantities', () => {
  it('passes over a number of days or things and takes the money after it', () => {
    const money = amountParser('first', { skipQuantities: true });
    expect(money(' in 15 days. Overdue accounts subject to a service charge of 1% per month.')).toBeNull();
    expect(money(' innerhalb von 30 Tagen: 1.250,00 EUR')?.value).toBe(1250);
    expect(money(' 3 items 42.50')?.value).toBe(42.5);
    expect(money(' 12 días')).toBeNull();
    // Without the option a count still reads as a number (custom number fields ask for counts).
    expect(amountParser()(' in 15 days')?.value).toBe(15);
  });
});
