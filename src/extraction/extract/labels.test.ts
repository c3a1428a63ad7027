import { describe, expect, it } from 'vitest';
import { hasLabelAtLeast, invoiceLabels, LABELS, matchLabels } from './labels.js';
import { fold } from './text-fold.js';

const read = (field: string, text: string) => matchLabels(field, fold(text), invoiceLabels(field)).map(([start, end]) => fold(text).slice(start, end));

describe('label lexicon (issue 14 wordings)', () => {
  it('reads a "Taxe" but not a "hors taxe", and no "tva" inside a word ("ontvangst")', () => {
    expect(read('tax_amount', 'Taxe (20 %)')).toEqual(['taxe']);
    expect(read('tax_amount', 'Montant hors taxe')).toEqual([]);
    expect(read('tax_amount', 'Betaling direct bij ontvangst')).toEqual([]);
    expect(read('tax_amount', 'TVA 20 %')).toEqual(['tva']);
  });

  it('reads "Issued" as an issue date for invoices, never "Issued by" (a seller label)', () => {
    expect(read('invoice_date', 'Issued on 3 May 2025')).toEqual(['issued on']);
    expect(read('invoice_date', 'Issued by: Acme Ltd')).toEqual([]);
    // The receipt scorers' lexicon does not know it at all.
    expect(matchLabels('invoice_date', 'issued 3 may 2025')).toEqual([]);
  });

  it('reads due, subtotal and amount-due wordings of web invoices in six languages', () => {
    expect(read('due_date', 'À régler avant le 12/03/2026')).toEqual(['a regler avant le']);
    expect(read('due_date', 'Te voldoen voor 18 nov 2026')).toEqual(['te voldoen voor']);
    expect(read('subtotal', 'Bedrag excl. btw')).toEqual(['bedrag excl. btw']);
    expect(read('subtotal', 'Suma neta')).toEqual(['suma neta']);
    expect(read('amount_due', 'Noch zu zahlen')).toEqual(['noch zu zahlen']);
  });
});

describe('label word guards', () => {
  it('keeps every alternative of a label out of the inside of a word, not only the first and last', () => {
    // "vom|du|del|van": "du" is a middle alternative.
    expect(read('invoice_date', 'Product du 12.03.2024')).toEqual(['du']);
    expect(read('invoice_date', 'Product due 12.03.2024')).toEqual([]);
    // "…|ora|masa": "ora" inside "corporation", "hora" inside "ahora".
    expect(matchLabels('time', 'abc corporation sdn bhd')).toEqual([]);
    expect(matchLabels('time', 'ora 12:30').map(([s, e]) => [s, e])).toEqual([[0, 3]]);
    // "tip|…|service charge": "fooi" in the middle.
    expect(matchLabels('tip_amount', 'fooiwerk')).toEqual([]);
  });

  it('still reads the whole words that an alternative used to catch as the start or end of a longer word', () => {
    expect(read('due_date', 'Fälligkeit: 15.12.2024')).toEqual(['falligkeit']);
    expect(read('subtotal', 'Subtotale')).toEqual(['subtotale']);
    expect(read('subtotal', 'Rechnungssumme netto')).toEqual(['rechnungssumme netto']);
    expect(read('tax_amount', 'Versicherungsteuerbetrag')).toEqual(['versicherungsteuerbetrag']);
    expect(read('tax_amount', 'Total impuestos')).toEqual(['impuestos']);
    expect(read('vendor_tax_id', 'GST Registration No: 0012')).toEqual(['gst registration no']);
    expect(read('merchant_phone', 'Telefoon 020 123')).toEqual(['telefoon']);
    expect(read('cash_paid', 'Girocard 12,00')).toEqual(['girocard']);
    // What they used to catch besides is gone: "cash" in "cashier", "konto" in "Skonto", "ust" in "UStIdNr".
    expect(read('cash_paid', 'Cashier: Ali')).toEqual([]);
    expect(read('account_number', '2% Skonto')).toEqual([]);
    expect(read('tax_amount', 'UStIdNr DE123')).toEqual([]);
  });

  it('leaves no alternative of any label matching where its own word does not stand alone', () => {
    for (const [field, labels] of Object.entries(LABELS)) {
      for (const l of labels) {
        const re = new RegExp(l.re.source);
        for (const m of ['du', 'ora', 'tin', 'ein', 'paid', 'card', 'fon', 'data']) {
          if (re.test(m)) expect(re.test(`x${m}x`), `${field}: ${l.re.source} inside a word`).toBe(false);
        }
      }
    }
  });
});

describe('hasLabelAtLeast', () => {
  const texts = ['Invoice number: INV-1000', 'Product due 12.03.2024', 'ABC Corporation', 'Rechnungsnummer', 'Grand total', 'Sub-total 12.00 Total 14.40', 'ACME Supplies Ltd', 'Datum du 12.03.2024', 'Fällig am', 'no.', ''];
  it('says what matchLabels says of a match at least that long, for every field and length', () => {
    for (const field of Object.keys(LABELS)) {
      const labels = invoiceLabels(field);
      for (const text of texts) {
        const folded = fold(text);
        for (const length of [0, 1, 3, 0.6 * folded.length, folded.length, folded.length + 1]) {
          const expected = matchLabels('', folded, labels).some(([start, end]) => end - start >= length);
          expect(hasLabelAtLeast(folded, labels, length), `${field} / ${text} / ${length}`).toBe(expected);
        }
      }
    }
  });

  it('leaves each label expression where matchLabels leaves it (at 0), also when it stops early', () => {
    const labels = invoiceLabels('invoice_number');
    expect(hasLabelAtLeast('invoice number: inv-1000 invoice no 7', labels, 5)).toBe(true);
    expect(labels.every((l) => l.re.lastIndex === 0)).toBe(true);
  });
});
