import { describe, expect, it } from 'vitest';
import { amountsEqual, normCurrency, normString, parseAmount, parseDate } from './normalize.js';
import { scoreItem } from './score-item.js';
import { summarize } from './summarize.js';

/** Confidence lookups from a plain map, as a document's `fields` give them. */
const conf = (m: Record<string, number>) => (path: string) => m[path] ?? null;

describe('evaluation scorer', () => {
  it("normalizes values as devdata's score.mjs does (its own self-test cases)", () => {
    const dates: Array<[string, string | null]> = [
      ['15/01/2019', '2019-01-15'], ['11/17/2017', '2017-11-17'], ['03/02/2017', '2017-02-03'], ['07 MAR 2018', '2018-03-07'],
      ['22 MAR 18', '2018-03-22'], ['27/MAR/2018', '2018-03-27'], ['August 3 , 2014', '2014-08-03'], ['7. Mai 2014', '2014-05-07'],
      ['02 Juillet 2015', '2015-07-02'], ['19 april 2014', '2014-04-19'], ['20180305', '2018-03-05'], ['2018-03-05T10:00:00Z', '2018-03-05'],
      ['23.03.18', '2018-03-23'], ['Jan 1, 2022', '2022-01-01'], ['not a date', null], ['31/02/2020', null],
    ];
    for (const [text, iso] of dates) expect(parseDate(text), text).toBe(iso);
    const amounts: Array<[string | number, number]> = [
      ['RM 1,234.56', 1234.56], ['1.234,56 €', 1234.56], ['$8.20', 8.2], ['(412.16)', -412.16], ['-8,79', -8.79],
      ['60.000.000', 60000000], ['1,939', 1939], [49.99, 49.99],
    ];
    for (const [text, n] of amounts) expect(amountsEqual(parseAmount(text), n), String(text)).toBe(true);
    expect(parseAmount('n/a')).toBeNaN();
    expect(amountsEqual(10, 10.01)).toBe(true);
    expect(amountsEqual(10, 10.02)).toBe(false);
    expect(normString('  Coolblue   B.V. ')).toBe('coolblue b.v');
    expect(normString('#BLR_WFLD20151000982590')).toBe('blr_wfld20151000982590');
    expect(normString('Straße')).toBe('strasse');
    expect(normCurrency('€')).toBe('EUR');
    expect(normCurrency(' eur ')).toBe('EUR');
  });

  it('scores a small fixed set with the per-field figures stated by hand', () => {
    const a = scoreItem(
      {
        invoice_number: 'INV-1', invoice_date: '2025-03-01', total_amount: 120, currency: 'EUR', vendor_name: 'Acme GmbH',
        line_items: [{ description: 'Widget', quantity: 2, amount: 80 }, { description: 'Gadget', quantity: 1, amount: 40 }],
      },
      {
        // Every scalar right in another printed form; the rows in the other order, one quantity wrong.
        invoice_number: 'inv-1.', invoice_date: '01/03/2025', total_amount: '120,00 €', currency: '€', vendor_name: 'ACME  GMBH',
        line_items: [{ description: 'Gadget', quantity: 1, amount: 40 }, { description: 'Widget', quantity: 3, amount: 80 }],
      },
      conf({ invoice_number: 0.95, invoice_date: 0.95, total_amount: 0.8, currency: 0.6, vendor_name: 0.4 }),
    );
    const b = scoreItem(
      { invoice_number: 'INV-2', invoice_date: '2025-04-02', total_amount: 99.5, currency: 'USD', vendor_name: 'Bolt Ltd', line_items: [{ description: 'Bolt', quantity: 10, amount: 99.5 }] },
      {
        // Date day and month swapped (wrong), total one cent off (right), currency missing, vendor wrong, one extra row.
        invoice_number: 'INV-2', invoice_date: '2025-02-04', total_amount: 99.51, currency: null, vendor_name: 'Bolt Limited',
        line_items: [{ description: 'Bolt', quantity: 10, amount: 99.5 }, { description: 'Tax', amount: 5 }],
      },
      conf({ invoice_number: 0.92, invoice_date: 0.75, total_amount: 0.55, vendor_name: 0.2 }),
    );
    // A failed document: every expected field missed; an empty expected field is not scored.
    const c = scoreItem({ invoice_number: 'INV-3', total_amount: 10, due_date: null, line_items: [{ description: 'X', amount: 10 }] }, null);
    expect(c.map((s) => s.field)).toEqual(['invoice_number', 'total_amount', 'line_items']);

    const run = summarize([a, b, c]);
    const row = (field: string) => run.fields.find((f) => f.field === field)!;
    const figures = (field: string) => {
      const f = row(field);
      return [f.gold, f.tp, f.fp, f.fn, f.precision, f.recall, f.f1, f.accuracy];
    };
    //                                      gold tp fp fn  precision recall  f1    accuracy
    expect(figures('invoice_number')).toEqual([3, 2, 0, 1, 1, 2 / 3, 0.8, 2 / 3]);
    expect(figures('invoice_date')).toEqual([2, 1, 1, 1, 0.5, 0.5, 0.5, 0.5]);
    expect(figures('total_amount')).toEqual([3, 2, 0, 1, 1, 2 / 3, 0.8, 2 / 3]);
    expect(figures('currency')).toEqual([2, 1, 0, 1, 1, 0.5, 2 / 3, 0.5]);
    expect(figures('vendor_name')).toEqual([2, 1, 1, 1, 0.5, 0.5, 0.5, 0.5]);
    // line_items: rows 2+1+1 expected, matched on amount 2+1+0, one extra predicted row, one missed row;
    // cells right 5 of max(6, 6) + 3 of max(3, 5) + 0 of max(2, 0) = 8 of 13.
    expect(figures('line_items')).toEqual([4, 3, 1, 1, 0.75, 0.75, 0.75, 8 / 13]);
    expect(row('line_items')).toMatchObject({ kind: 'list', cells_correct: 8, cells_total: 13 });
    expect(run.fields.map((f) => f.field)).toEqual(['currency', 'invoice_date', 'invoice_number', 'line_items', 'total_amount', 'vendor_name']);
    // Overall: tp 10, fp 3, fn 6 -> F1 20/29; scalars only: tp 7, fp 2, fn 5 -> F1 14/21.
    expect(run.overall_f1).toBeCloseTo(20 / 29, 12);
    expect(run.overall_scalar_f1).toBeCloseTo(2 / 3, 12);
    expect(run.calibration.map((band) => [band.min, band.max, band.values, band.correct])).toEqual([
      [0.9, 1, 3, 3],
      [0.7, 0.9, 2, 1],
      [0.5, 0.7, 2, 2],
      [0.3, 0.5, 1, 1],
      [0, 0.3, 1, 0],
    ]);
    expect(run.not_returned).toBe(3);
  });

  it('scores a nested object by path and a list of strings row by row', () => {
    const s = scoreItem(
      { statement_period: { from: '2025-01-01', to: '2025-01-31' }, tags: ['urgent', 'paid'] },
      { statement_period: { from: '1 January 2025', to: null }, tags: ['PAID', 'late'] },
    );
    expect(s.map((x) => [x.field, x.kind, x.tp, x.fp, x.fn])).toEqual([
      ['statement_period.from', 'date', 1, 0, 0],
      ['statement_period.to', 'date', 0, 0, 1],
      ['tags', 'list', 1, 1, 1],
    ]);
    expect(s[2]).toMatchObject({ cells_correct: 1, cells_total: 2 });
  });
});
