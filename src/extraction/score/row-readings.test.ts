import { describe, expect, it } from 'vitest';
import { createContext } from '../extract/context.js';
import { matchLabels } from '../extract/labels.js';
import { readDocument } from '../parse/read-document.js';
import { findAmounts } from '../normalize/amounts.js';
import { findDates } from '../normalize/dates.js';
import { invoiceAmountCandidates } from './invoice-amounts.js';
import { invoiceDateCandidates } from './invoice-dates.js';
import { countBy, groupBy } from './row-readings.js';
import { boxesOverlap } from './scored-candidate.js';

// Rows of several amounts and dates, values printed twice, labels left of values on their row.
const LINES = [
  'Brightline Consulting Ltd                                INVOICE',
  'Invoice No.: INV-2024-0137      Invoice Date: 14/03/2024      Due Date: 13/04/2024',
  'Delivery date: 02/03/2024       Order date 14/03/2024',
  '',
  'Description                         Qty      Unit Price     VAT          Total',
  'Consulting hours                    12           95.00      20 %      1,140.00',
  'Travel expenses                      1          260.00      20 %        260.00',
  'Printing                             2           95.00      20 %        190.00',
  '',
  'Discount 10%        -159.00      Shipping 12.50',
  'Subtotal            1,443.50     Previous balance 260.00',
  'VAT 20%               288.70     Total EUR 1,732.20',
  'Amount paid           260.00     Balance due 1,472.20',
];

const context = async () => createContext(await readDocument({ bytes: Buffer.from(LINES.join('\n')), mediaType: 'text/plain', filename: 'invoice.txt', ocr: () => { throw new Error('no OCR'); } }));

describe('invoice candidate features read once per row, segment and value', () => {
  it('count and group as a filter over every candidate does', () => {
    const items = [3, 1, 3, 0, -0, 2, 3];
    expect(countBy(items, (x) => x)).toEqual(new Map([[3, 3], [1, 1], [0, 2], [2, 1]]));
    expect([...groupBy(items, (x) => x % 2)].map(([k, v]) => [k, v])).toEqual([[1, [3, 1, 3, 3]], [0, [0, -0, 2]]]);
  });

  it('give each amount the repeats, row amounts and row labels it gets when computed for it alone', async () => {
    const ctx = await context();
    const cands = invoiceAmountCandidates(ctx);
    const cents = (v: number) => Math.round(v * 100);
    expect(cands.length).toBeGreaterThan(15);
    expect(Math.max(...cands.map((c) => c.features.repeats))).toBeGreaterThan(1);
    expect(Math.max(...cands.map((c) => c.features.row_amounts))).toBeGreaterThan(2);
    for (const c of cands) {
      const cited = c.candidate.citations[0];
      const seg = ctx.pages.flatMap((p) => p.segments.flat()).find((s) => s.page === cited.page && boxesOverlap(s.line.bbox, cited.bbox) && s.text.includes(cited.text));
      const row = ctx.pages.flatMap((p) => p.segments).find((r) => seg !== undefined && r.includes(seg));
      if (!seg || !row) throw new Error(`no segment for ${cited.text}`);
      expect(c.features.repeats).toBe(Math.min(5, cands.filter((o) => cents(o.value) === cents(c.value)).length));
      expect(c.features.row_amounts).toBe(Math.min(6, row.reduce((n, s) => n + findAmounts(s.text).length, 0)));
      const left = row.filter((s) => s.line.bbox[0] < seg.line.bbox[0]).map((s) => s.folded);
      const rowLeft = [...left, seg.folded.slice(0, seg.text.indexOf(cited.text))].join(' ');
      expect(c.features.row_total_amount).toBe(Math.max(0, ...matchLabels('total_amount', rowLeft).map((m) => m[2])));
      expect(c.features.row_subtotal).toBe(Math.max(0, ...matchLabels('subtotal', rowLeft).map((m) => m[2])));
    }
  });

  it('give each date the repeats and row dates it gets when computed for it alone', async () => {
    const ctx = await context();
    const cands = invoiceDateCandidates(ctx);
    expect(cands.length).toBe(4);
    for (const c of cands) {
      const row = ctx.pages.flatMap((p) => p.segments).find((r) => r.some((s) => boxesOverlap(s.line.bbox, c.candidate.citations[0].bbox)));
      expect(c.features.repeats).toBe(cands.filter((o) => o.value === c.value).length);
      expect(c.features.row_dates).toBe(Math.min(3, (row ?? []).reduce((n, s) => n + findDates(s.text, ctx.dateOrder).length, 0)));
    }
    expect(cands.filter((c) => c.value === '2024-03-14').map((c) => c.features.repeats)).toEqual([2, 2]);
  });
});
