import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCustomFields } from '../../../test/fixtures/custom-fields-page.js';
import { generateCustomInvoice } from '../../../train/synthetic-custom-invoices.js';
import { fieldKind, isEmpty, scalarMatch } from '../../evaluations/scoring/field-kinds.js';
import { fieldIntent } from './field-concepts.js';
import { normalizeFieldSpecs } from './field-schema.js';

/**
 * Custom fields on layouts and schemas nobody tuned for: generated invoices in six languages read
 * with a fresh schema (bench/custom-schema-synthetic.json), and a letter-style invoice whose seller
 * details stand unlabelled under its address and in its footer.
 */
const schema = JSON.parse(readFileSync(new URL('../../../bench/custom-schema-synthetic.json', import.meta.url), 'utf8')) as {
  fields: { key: string; gold_key: string; type: string; description: string }[];
};

const extract = readCustomFields;

describe('a fresh schema on generated invoices', () => {
  // One development seed per language (de, fr, es, nl, it, en).
  it.each([1, 2, 3, 4, 5, 12])('finds every printed value and invents none (seed %i)', async (seed) => {
    const inv = generateCustomInvoice(seed);
    const data = await extract(inv.text, schema.fields, inv.font);
    const wrong: string[] = [];
    for (const f of schema.fields) {
      const gold = inv.gold[f.gold_key as keyof typeof inv.gold];
      const pred = data[f.key] ?? null;
      const kind = fieldKind(f.gold_key, gold);
      const ok = isEmpty(gold) ? isEmpty(pred) : kind !== 'list' && scalarMatch(kind, gold, pred);
      if (!ok) wrong.push(`${f.key}: expected ${JSON.stringify(gold)}, got ${JSON.stringify(pred)}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('party details as a person reads them', () => {
  it('takes the seller’s unlabelled phone and email from its address block and its VAT id from the footer, not the recipient’s', async () => {
    const layout = [
      'Brauhaus Nordlicht GmbH                                Rechnung',
      'Am Hafen 3',
      '20457 Hamburg',
      '+49 40 5556677',
      'kontakt@nordlicht.example',
      '',
      'An:',
      'Café Morgenrot',
      'Lindenweg 12',
      '04109 Leipzig',
      'USt-IdNr.: DE811122233',
      'Tel.: 0341 998877',
      '',
      'Rechnungsnummer: RE-2024-118',
      'Datum: 14.03.2024',
      'Ihr Ansprechpartner: Jana Vogt',
      '',
      'Pos.  Artikel                          Menge     Preis       Betrag',
      '1     Pils 30 l Fass                   2         89,00       178,00',
      '2     Leihgebühr Zapfanlage            1         25,00        25,00',
      '',
      '                                       Nettobetrag              203,00',
      '                                       USt. 19%                  38,57',
      '                                       Gesamtbetrag             241,57',
      '',
      'Brauhaus Nordlicht GmbH · Am Hafen 3 · 20457 Hamburg · USt-ID DE299988877',
      'Bank: Hamburger Sparkasse · IBAN DE12 2005 0550 1234 5678 90 · BIC HASPDEHHXXX',
    ].join('\n');
    const data = await extract(layout, [
      { key: 'tel_emetteur', type: 'String', description: 'Téléphone du fournisseur' },
      { key: 'seller_mail', type: 'String', description: 'E-mail address of the vendor' },
      { key: 'ust_lieferant', type: 'String', description: 'USt-IdNr. des Lieferanten' },
      { key: 'client_vat', type: 'String', description: 'VAT id of the invoiced customer' },
      { key: 'vendor_contact', type: 'String', description: 'Name of the person to contact at the supplier' },
      { key: 'positions', type: 'Number', description: 'How many line items are billed' },
      { key: 'swift', type: 'String', description: 'BIC of the payee' },
    ]);
    expect(data).toMatchObject({
      tel_emetteur: '+49 40 5556677',
      seller_mail: 'kontakt@nordlicht.example',
      ust_lieferant: 'DE299988877',
      client_vat: 'DE811122233',
      // "Ihr Ansprechpartner": "your" names the reader, the contact is the seller's.
      vendor_contact: 'Jana Vogt',
      positions: 2,
      swift: 'HASPDEHHXXX',
    });
  });

  it('reads period ends from compound and first/last words, and does not take a quoted example for a label', () => {
    const intent = (key: string, description: string, type = 'Date') => fieldIntent(normalizeFieldSpecs([{ key, type, description }])[0]);
    expect(intent('leistungsende', '')).toMatchObject({ part: 'end' });
    expect(intent('x', 'Letzter Tag des Leistungszeitraums')).toMatchObject({ part: 'end' });
    expect(intent('x', 'Premier jour de la période facturée')).toMatchObject({ part: 'start' });
    expect(intent('terms', 'Payment terms as printed, e.g. "30 days net"', 'String').quoted).toEqual([]);
    expect(intent('ref', 'The "Leitweg-ID" printed on the invoice', 'String').quoted).toHaveLength(1);
  });
});
