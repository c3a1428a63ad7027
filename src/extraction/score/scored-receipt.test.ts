import { describe, expect, it } from 'vitest';
import { runPipeline } from '../pipeline.js';
import { AMOUNT_FEATURES } from './amount-candidates.js';
import { DATE_FEATURES } from './date-candidates.js';
import { MERCHANT_FEATURES } from './merchant-candidates.js';
import { scorerFor } from './scorers.js';

const receipt = (lines: string[]) =>
  runPipeline({ bytes: Buffer.from(lines.join('\n')), mediaType: 'text/plain', filename: 'receipt.txt', detectionType: 'receipt' });

const HEADER = ['KEDAI MAJU SDN BHD', 'NO 12, JALAN MAWAR 3', '47400 PETALING JAYA', 'Tel: 03-7722 1234', 'Date: 12/03/2018   14:22', 'Member card valid until 31/12/2020', ''];
const ITEMS = ['Nasi lemak          2 x 6.00        12.00', 'Teh tarik           1 x 11.50       11.50', ''];

describe('trained receipt scorers', () => {
  it('load the committed weights, trained on the features the extractors compute', () => {
    expect(scorerFor('receipt-total', AMOUNT_FEATURES)).not.toBeNull();
    expect(scorerFor('receipt-date', DATE_FEATURES)).not.toBeNull();
    expect(scorerFor('receipt-merchant', MERCHANT_FEATURES)).not.toBeNull();
  });

  it('pick the merchant name among the header lines', async () => {
    const r = await receipt([...HEADER, ...ITEMS, 'TOTAL                            23.50']);
    expect(r.data.merchant_name).toBe('KEDAI MAJU SDN BHD');
    expect(r.data.merchant_address).toBe('NO 12, JALAN MAWAR 3 47400 PETALING JAYA');
    expect(r.fields.merchant_address.citations[0].text).toContain('47400');
  });

  it('pick a name under a greeting, not the greeting or the registration number', async () => {
    const r = await receipt(['WELCOME', 'RESTORAN SELERA KITA', '(JM0123456-K)', 'LOT 5, JALAN BESAR,', 'TAMAN MUDA,', '56100 KUALA LUMPUR.', 'TEL: 03-9283 1234', 'GST ID: 000123456789', 'Date: 12/03/2018', ...ITEMS, 'TOTAL 23.50']);
    expect(r.data.merchant_name).toBe('RESTORAN SELERA KITA');
    expect(r.data.merchant_address).toBe('LOT 5, JALAN BESAR, TAMAN MUDA, 56100 KUALA LUMPUR.');
  });

  it('pick the payable total among item amounts, subtotal, tax, cash and change', async () => {
    const r = await receipt([...HEADER, ...ITEMS, 'Total Excl. SST                  22.17', 'SST 6%                            1.33', 'TOTAL                            23.50', 'CASH                             50.00', 'CHANGE                           26.50']);
    expect(r.data.total_amount).toBe(23.5);
    expect(r.fields.total_amount.citations[0].text).toContain('23.50');
    expect(r.fields.total_amount.confidence).toBeGreaterThan(0.5);
  });

  it('pick a total without cents (yen) under its label, not the cash handed over, beside a dotted date', async () => {
    const r = await receipt(['Hikari Bakery', '4-1-8 Umeda, Kita-ku', 'Tokyo 104-0061', 'BENTO BOX', '¥1,500', 'MATCHA LATTE', '¥2,400', 'TOTAL', '¥3,900', '(Tax 8% incl.)', '¥288', 'Cash', '¥5,000', 'Change', '¥1,100', '2024.05.17 14:23']);
    expect(r.data.total_amount).toBe(3900);
    expect(r.fields.total_amount.citations[0].text).toBe('¥3,900');
  });

  it('pick the date of the sale, not a validity date printed below it', async () => {
    const r = await receipt([...HEADER, ...ITEMS, 'TOTAL                            23.50']);
    expect(r.data.date).toBe('2018-03-12');
  });

  it('fall back on the till arithmetic when the total line lost its decimal point', async () => {
    const r = await receipt([...HEADER, ...ITEMS, 'TOTAL                            2350', 'CASH                             50.00', 'CHANGE                           26.50']);
    expect(r.data.total_amount).toBe(23.5);
    // Cited where it is printed: the total line, read again with its decimal point.
    expect(r.fields.total_amount.citations.map((c) => c.text)).toEqual(['2350']);
  });
});
