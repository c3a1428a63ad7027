import { describe, expect, it } from 'vitest';
import { digitShare, letterShare, upperShare } from './header-rows.js';

// The shares as the regular expressions define them (what the counting pass must equal, ASCII or not).
const count = (t: string, re: RegExp) => (t.match(re) ?? []).length;
const reference = (t: string) => ({
  upper: count(t, /\p{Lu}/gu) / Math.max(1, count(t, /\p{L}/gu)),
  letter: count(t, /\p{L}/gu) / Math.max(1, t.replace(/\s/g, '').length),
  digit: count(t, /\d/g) / Math.max(1, t.replace(/\s/g, '').length),
});

describe('letterShare, upperShare, digitShare', () => {
  it.each([
    'ACME Supplies Ltd',
    'Invoice number: INV-1042',
    '\t12 Harbour Road,\r\n Bristol BS1 4DJ \v\f',
    '',
    '   ',
    'Müller GmbH · Straße 5',
    'ÉCOLE 𝐀𝐁𝐂 12\u00a0000,00 €',
    'Σ ΔΕΛΤΑ ΑΕ 2026',
    '٣٤٥ abc',
  ])('counts %j as the expressions do', (t) => {
    expect({ upper: upperShare(t), letter: letterShare(t), digit: digitShare(t) }).toEqual(reference(t));
  });

  it('reads an ASCII line', () => {
    expect(letterShare('AB 12')).toBe(0.5);
    expect(upperShare('Ab')).toBe(0.5);
    expect(digitShare('AB 12')).toBe(0.5);
  });
});
