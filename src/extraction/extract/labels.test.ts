import { describe, expect, it } from 'vitest';
import { type Label, LABELS, matchLabels } from './labels.js';

const label = (source: string, weight: number): Label => ({ re: new RegExp(`(?<![a-z])(?:${source})(?![a-z])`, 'g'), weight });

describe('matchLabels', () => {
  it('finds the longest, then strongest, labels and drops those inside a longer one', () => {
    expect(matchLabels('total_amount', 'grand total: 12.00')).toEqual([[0, 11, 1]]);
    expect(matchLabels('total_amount', 'subtotal 10.00 total 12.00')).toEqual([[15, 20, 0.6]]);
    expect(matchLabels('total_amount', 'invoice date 2024-03-14')).toEqual([]);
    expect(matchLabels('no_such_field', 'total 12.00')).toEqual([]);
  });

  it('answers a text asked again the same, and by the label list asked, not by the text alone', () => {
    const text = 'shipping 12.50 total 30.00';
    const first = matchLabels('total_amount', text);
    expect(matchLabels('total_amount', text)).toEqual(first);
    const shipping = [label(String.raw`shipping|freight`, 0.7)];
    expect(matchLabels('total_amount', text, shipping)).toEqual([[0, 8, 0.7]]);
    expect(matchLabels('total_amount', text, LABELS.subtotal)).toEqual([]);
    expect(matchLabels('total_amount', text)).toEqual([[15, 20, 0.6]]);
  });

  it('answers the same after more texts than it keeps', () => {
    const before = matchLabels('subtotal', 'sous-total ht 100,00');
    for (let i = 0; i < 5_200; i++) matchLabels('subtotal', `line ${i}`);
    expect(matchLabels('subtotal', 'sous-total ht 100,00')).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  });
});
