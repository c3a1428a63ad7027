import { describe, expect, it } from 'vitest';
import { findAmounts } from '../normalize/amounts.js';
import { moneyDecimals, tooLargeForMoney } from './money-decimals.js';

const decimalsOf = (...texts: string[]) => moneyDecimals(texts.map((text) => ({ text })), (s) => findAmounts(s.text));

describe('moneyDecimals', () => {
  it('is two where any positive amount prints cents, none where none does', () => {
    expect(decimalsOf('Coffee 2 x 3.50', 'TOTAL 7.00')).toBe(2);
    expect(decimalsOf('Summe 1.190,00 EUR')).toBe(2);
    expect(decimalsOf('GREEN TEA', '2,400 JPY', 'Total ¥4,600')).toBe(0);
  });

  it('does not take a dotted date or a negative amount for money with cents', () => {
    expect(decimalsOf('¥1,280', '2024.05.17 14:23')).toBe(0);
    expect(decimalsOf('¥1,280', 'printed 12.10/2024')).toBe(0);
    expect(decimalsOf('¥1,280', 'refund -0.50')).toBe(0);
  });
});

describe('tooLargeForMoney', () => {
  it('keeps large grouped numbers where money has no decimals, and no ungrouped ones', () => {
    expect(tooLargeForMoney(1_250_000, '¥1,250,000', 0, 1e5)).toBe(false);
    expect(tooLargeForMoney(1_250_000, '1 250 000', 0, 1e5)).toBe(false);
    expect(tooLargeForMoney(3_643_555, '36435558', 0, 1e5)).toBe(true);
  });

  it('keeps the bound where money has cents, and never drops an amount under it', () => {
    expect(tooLargeForMoney(1_250_000, '1,250,000', 2, 1e5)).toBe(true);
    expect(tooLargeForMoney(99_999, '99999', 2, 1e5)).toBe(false);
  });
});
