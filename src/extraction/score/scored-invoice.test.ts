import { describe, expect, it } from 'vitest';
import { runPipeline } from '../pipeline.js';
import { INVOICE_SCORED } from './invoice-choice.js';
import { scorerFor } from './scorers.js';

const invoice = (lines: string[]) =>
  runPipeline({ bytes: Buffer.from(lines.join('\n')), mediaType: 'text/plain', filename: 'invoice.txt', detectionType: 'invoice' });

const HEADER = [
  'Brightline Consulting Ltd                                INVOICE',
  '12 Harbour Street',
  'London EC1A 1BB',
  '',
  'Invoice No.: INV-2024-0137',
  'Invoice Date: 14/03/2024',
  'Delivery date: 02/03/2024',
  'Due Date: 13/04/2024',
  '',
  'Bill To:',
  'Globex Corporation',
  '450 Market Ave, Suite 200',
  '',
  'Description                         Qty      Unit Price           Total',
  'Consulting hours                    12           95.00         1,140.00',
  'Travel expenses                      1          260.00           260.00',
  '',
];

describe('trained invoice scorers', () => {
  it('load the committed weights, trained on the features the extractors compute', () => {
    for (const { task, features } of Object.values(INVOICE_SCORED)) expect(scorerFor(task, features).file.features).toEqual([...features]);
  });

  it('choose subtotal, tax and total that add up among line totals, payments and the balance', async () => {
    const r = await invoice([
      ...HEADER,
      '                                        Subtotal               1,400.00',
      '                                        VAT 20% on 1,400.00      280.00',
      '                                        Total                  1,680.00',
      '                                        Amount paid             -500.00',
      '                                        Balance due            1,180.00',
    ]);
    expect(r.data).toMatchObject({ subtotal: 1400, tax_amount: 280, total_amount: 1680 });
    expect(r.fields.total_amount.citations[0].text).toBe('1,680.00');
  });

  it('choose the issue date over a delivery date above it, and the due date after it', async () => {
    const r = await invoice([...HEADER, '                                        Total                  1,400.00']);
    expect(r.data).toMatchObject({ invoice_date: '2024-03-14', due_date: '2024-04-13', total_amount: 1400 });
  });
});
