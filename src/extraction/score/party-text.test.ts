import { describe, expect, it } from 'vitest';
import { partyText } from './party-text.js';

describe('partyText', () => {
  it('reads a company name with its legal form as a name', () => {
    const t = partyText('ACME Supplies Ltd');
    expect(t).toMatchObject({ folded: 'acme supplies ltd', legal: 1, legalEnd: 1, nameLike: 1, legalOnly: 0, titleWord: 0, words: 3, firstWord: 'acme' });
  });

  it('reads labels, titles, addresses and a legal form alone as no names', () => {
    expect(partyText('Invoice number: INV-1000')).toMatchObject({ labelValue: 1, titleWord: 1, nameLike: 0 });
    expect(partyText('12 Harbour Road, Bristol BS1 4DJ')).toMatchObject({ selfAddress: 1 });
    expect(partyText('GmbH')).toMatchObject({ legal: 1, legalOnly: 1, nameLike: 0 });
    expect(partyText('Herr Dr.')).toMatchObject({ salutation: 1, salutationOnly: 1, nameLike: 0 });
    expect(partyText('Rechnungswährung')).toMatchObject({ fieldLabel: 1 });
  });

  it('reads a sender line that carries its address as an address', () => {
    const text = 'Northwind Traders GmbH · Marktstraße 5 · 04109 Leipzig';
    expect(partyText(text).selfAddress).toBe(1);
  });
});
