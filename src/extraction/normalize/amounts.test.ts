import { describe, expect, it } from 'vitest';
import { findAmounts, parseAmount } from './amounts.js';

describe('parseAmount', () => {
  it.each([
    ['1.234,56', 1234.56],
    ['1,234.56', 1234.56],
    ['1 234,56', 1234.56],
    ['104,90 EUR', 104.9],
    ['$50,000.00 CR', 50000],
    ['16,144.58 DR', -16144.58],
    ['(12.00)', -12],
    ['12.50-', -12.5],
    ['RM 9.00', 9],
    ['€ 1.005,55', 1005.55],
    ['1.234', 1234],
    ['0,32', 0.32],
    ['1125.00', 1125],
  ])('%s → %d', (text, value) => {
    expect(parseAmount(text)?.value).toBeCloseTo(value, 2);
  });
  it('keeps the currency printed with the amount', () => {
    expect(parseAmount('EUR 104,90')?.currencyText).toBe('EUR');
    expect(parseAmount('£12.00')?.currencyText).toBe('£');
  });
  it('rejects text that is not an amount', () => {
    expect(parseAmount('INV-1042')).toBeNull();
    expect(parseAmount('1.2.3')).toBeNull();
  });
});

describe('findAmounts', () => {
  it('finds every amount in a table row', () => {
    const found = findAmounts('Consultation services 3.0 375.00 1125.00').map((a) => a.amount.value);
    expect(found).toEqual([3, 375, 1125]);
  });
});
