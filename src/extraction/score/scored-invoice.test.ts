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

/** One German item row and its totals (net 1.000,00 + 19 % = 1.190,00), under the parties in the tests below. */
const GERMAN_ITEM_AND_TOTALS = [
  'Bezeichnung                         Menge     Einzelpreis      Betrag',
  'Wartung                             1            1.000,00    1.000,00',
  '',
  '                                        Nettobetrag            1.000,00',
  '                                        USt. 19%                 190,00',
  '                                        Gesamtbetrag           1.190,00',
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

  it('read an invoice that prints no cents (yen) as one with cents: subtotal, tax and total, not a year or a number', async () => {
    const r = await invoice([
      'Kobayashi Design Studio',
      '1-2-3 Minato-ku, Tokyo 105-0011',
      '',
      'Invoice No: 2024-118',
      'Invoice date: 2024/05/17',
      '',
      'Description                      Qty      Unit price        Amount',
      'Logo design                        1        ¥450,000      ¥450,000',
      'Brand guidelines                   2        ¥400,000      ¥800,000',
      '',
      '                                 Subtotal              ¥1,250,000',
      '                                 Consumption tax 10%     ¥125,000',
      '                                 Total                 ¥1,375,000',
    ]);
    expect(r.data).toMatchObject({ subtotal: 1250000, tax_amount: 125000, total_amount: 1375000, currency: 'JPY' });
    expect(r.fields.total_amount.citations[0].text).toBe('¥1,375,000');
  });

  it('choose the seller under a viewer\'s heading, not the heading', async () => {
    const r = await invoice([
      'Readable version of the e-invoice data',
      '',
      'Ateliers Moreau',
      '14 rue des Lilas, 69003 Lyon',
      '',
      'Facture n° F-2024-311',
      'Date de facture : 12/03/2024',
      '',
      'Client :',
      'Boulangerie Perrin',
      '8 place Bellecour, 69002 Lyon',
      '',
      'Désignation                         Qté      Prix unitaire        Montant',
      'Réparation de vitrine                1           400,00         400,00',
      '',
      '                                        Total HT                 400,00',
      '                                        TVA 20 %                  80,00',
      '                                        Total TTC                480,00',
    ]);
    expect(r.data).toMatchObject({ vendor_name: 'Ateliers Moreau', customer_name: 'Boulangerie Perrin', total_amount: 480 });
  });

  it('choose the issue date over a delivery date above it, and the due date after it', async () => {
    const r = await invoice([...HEADER, '                                        Total                  1,400.00']);
    expect(r.data).toMatchObject({ invoice_date: '2024-03-14', due_date: '2024-04-13', total_amount: 1400 });
  });

  it('choose the vendor and the customer among the lines, by labels, position and what follows them', async () => {
    const r = await invoice([...HEADER, '                                        Total                  1,400.00']);
    expect(r.data).toMatchObject({ vendor_name: 'Brightline Consulting Ltd', customer_name: 'Globex Corporation' });
    const kv = await invoice([
      'Rechnung Nr. 4711 vom 13.06.2018',
      '',
      'Verkäufer',
      'Nummer:               549910',
      'Name:                 Nordwind Elektrotechnik GmbH',
      'Anschrift:            Hafenstraße 12',
      '                      20457 Hamburg',
      'USt.-Id.-Nr.:         DE234567891',
      '',
      'Käufer/Leistungsempfänger',
      'Nummer:               GE2020211',
      'Name:                 Weber Maschinenbau GmbH',
      'Anschrift:            Industriestraße 7',
      '                      70565 Stuttgart',
      '',
      ...GERMAN_ITEM_AND_TOTALS,
    ]);
    expect(kv.data).toMatchObject({ vendor_name: 'Nordwind Elektrotechnik GmbH', customer_name: 'Weber Maschinenbau GmbH' });
  });

  it('answer no customer on a page that prints none, not an address row or a label', async () => {
    const r = await invoice([
      'Muster GmbH                                            Rechnung',
      'Hauptstr. 1, 10115 Berlin                              Rechnungsnummer: R-2024-17',
      'USt-IdNr.: DE123456789                                 Rechnungsdatum: 03.05.2024',
      '',
      ...GERMAN_ITEM_AND_TOTALS,
    ]);
    expect(r.data).toMatchObject({ vendor_name: 'Muster GmbH', customer_name: null });
    expect(r.fields.customer_name.confidence).toBe(0);
  });

  it('take the currency printed beside the chosen amounts over one printed more often elsewhere', async () => {
    const r = await invoice([
      ...HEADER,
      '                                        Subtotal              £1,400.00',
      '                                        VAT 20%                 £280.00',
      '                                        Total                 £1,680.00',
      '',
      'Payments from the euro area: EUR account DE89 3704 0044 0532 0130 00',
      'EUR transfers are converted at the day rate',
      'Rates in EUR on request',
      'EUR 1 = GBP 0.85 (indicative)',
    ]);
    expect(r.data).toMatchObject({ total_amount: 1680, currency: 'GBP' });
  });
});
