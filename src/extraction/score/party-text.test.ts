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

  it('reads a text as a field label only where one label covers most of it, wherever it starts', () => {
    expect(partyText('Due Date').fieldLabel).toBe(1);
    // "due date" starts 5 characters into 13 and covers 8 of them.
    expect(partyText('Abcd due date').fieldLabel).toBe(1);
    expect(partyText('Northwind Traders, due date').fieldLabel).toBe(0);
    expect(partyText('Due date of the Northwind order').fieldLabel).toBe(0);
    expect(partyText('Northwind Traders Ltd').fieldLabel).toBe(0);
  });

  it('counts the words that begin with a small letter: many in a heading or a sentence, few or none in a name', () => {
    expect(partyText('Readable version of the e-invoice data').lowerWords).toBeCloseTo(5 / 6);
    expect(partyText('Boulangerie Lemaire').lowerWords).toBe(0);
    expect(partyText('Jan de Jong Installaties B.V.').lowerWords).toBeCloseTo(1 / 5);
    expect(partyText('ÉLODIE ROUSSEAU').lowerWords).toBe(0);
  });

  it('reads a sender line that carries its address as an address', () => {
    const text = 'Northwind Traders GmbH · Marktstraße 5 · 04109 Leipzig';
    expect(partyText(text).selfAddress).toBe(1);
  });
});
