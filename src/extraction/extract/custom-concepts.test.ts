import { describe, expect, it } from 'vitest';
import { readCustomFields } from '../../../test/fixtures/custom-fields-page.js';
import { fieldIntent } from './field-concepts.js';
import { normalizeFieldSpecs } from './field-schema.js';

/** Custom fields read by concept: keys and descriptions a user writes, in several languages, on generated PDFs. */
const extract = readCustomFields;

const intent = (name: string, description = '', type = 'String') => {
  const i = fieldIntent(normalizeFieldSpecs([{ key: name, type, description }])[0]);
  return { concept: i.concepts[0]?.id ?? null, role: i.role, part: i.part };
};

describe('field concepts from names and descriptions', () => {
  it('maps keys and descriptions in six languages to concepts, roles and period ends', () => {
    expect(intent('seller_vat')).toMatchObject({ concept: 'vat_id', role: 'seller' });
    expect(intent('nif_proveedor', 'NIF del proveedor')).toMatchObject({ concept: 'vat_id', role: 'seller' });
    expect(intent('btw_klant', 'BTW-nummer van de klant')).toMatchObject({ concept: 'vat_id', role: 'buyer' });
    expect(intent('partita_iva_cliente')).toMatchObject({ concept: 'vat_id', role: 'buyer' });
    expect(intent('x1', 'Numéro de TVA intracommunautaire de l’acheteur')).toMatchObject({ concept: 'vat_id', role: 'buyer' });
    expect(intent('routing', 'The "Leitweg-ID" printed on the invoice')).toMatchObject({ concept: 'buyer_reference' });
    expect(intent('data_consegna', '', 'Date')).toMatchObject({ concept: 'delivery_date' });
    expect(intent('fecha_entrega', '', 'Date')).toMatchObject({ concept: 'delivery_date' });
    expect(intent('svc_to', 'Ende des Leistungszeitraums', 'Date')).toMatchObject({ concept: 'service_period', part: 'end' });
    expect(intent('debut', 'Début de la période de facturation', 'Date')).toMatchObject({ concept: 'service_period', part: 'start' });
    expect(intent('aantal_regels', '', 'Number')).toMatchObject({ concept: 'line_count' });
    expect(intent('contact_email')).toMatchObject({ concept: 'email' });
    // What a description says a field is not does not count: this is the seller's order number.
    expect(intent('so', "The supplier's own order number (not the customer's purchase order number)")).toMatchObject({ concept: 'sales_order', role: 'seller' });
    // A type that cannot hold the concept rules it out: a Number named "vat" is a rate, not an id.
    expect(intent('vat', 'VAT percentage', 'Number')).toMatchObject({ concept: 'vat_rate' });
    expect(intent('favourite_colour')).toMatchObject({ concept: null });
  });
});

describe('custom fields matched to the page by concept', () => {
  it('finds German key-value pairs for fields named in English, German and by description only', async () => {
    const data = await extract(
      [
        'Muster GmbH                                            Rechnung',
        'Hauptstr. 1, 10115 Berlin                              Rechnungsnummer: R-2024-17',
        'USt-IdNr.: DE123456789                                 Kundennummer: K-4711',
        'Steuernummer: 12/345/67890                             Lieferdatum: 03.05.2024',
        '',
        'Leistungszeitraum: 01.04.2024 bis 30.04.2024',
        'Leitweg-ID: 04011000-12345-67',
        '',
        'Zahlungsbedingungen: Zahlbar innerhalb von 14 Tagen ohne Abzug.',
        'BIC: COBADEFFXXX',
        'E-Mail: buchhaltung@muster.de',
      ].join('\n'),
      [
        { key: 'vendor_vat', type: 'String', description: 'VAT ID of the vendor' },
        { key: 'steuer_nr', type: 'String', description: 'Steuernummer des Lieferanten' },
        { key: 'kd', type: 'String', description: 'Our customer account number with the supplier' },
        { key: 'geliefert_am', type: 'Date', description: 'Wann geliefert wurde' },
        { key: 'period_start', type: 'Date', description: 'First day of the billing period' },
        { key: 'period_end', type: 'Date', description: 'Last day of the billing period' },
        { key: 'routing_id', type: 'String', description: 'The "Leitweg-ID" printed on the invoice' },
        { key: 'terms', type: 'String', description: 'Payment conditions as worded' },
        { key: 'swift', type: 'String' },
        { key: 'contact_email', type: 'String' },
      ],
    );
    expect(data).toMatchObject({
      vendor_vat: 'DE123456789',
      steuer_nr: '12/345/67890',
      kd: 'K-4711',
      geliefert_am: '2024-05-03',
      period_start: '2024-04-01',
      period_end: '2024-04-30',
      routing_id: '04011000-12345-67',
      terms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.',
      swift: 'COBADEFFXXX',
      contact_email: 'buchhaltung@muster.de',
    });
  });

  it('keeps the seller and the buyer apart: VAT ids and emails under each party heading', async () => {
    const layout = [
      'FACTURE N° F-0042',
      '',
      'Fournisseur :                                         Client :',
      'LE VENDEUR SARL                                       ACME SA',
      '12 rue de Paris                                       5 avenue Victor Hugo',
      '75001 Paris                                           69002 Lyon',
      'N° TVA : FR 32 123 456 789                            N° TVA : FR 05 987 654 321',
      'compta@vendeur.fr                                     achats@acme.fr',
    ].join('\n');
    const data = await extract(layout, [
      { key: 'tva_vendeur', type: 'String', description: 'Numéro de TVA du vendeur' },
      { key: 'buyer_vat_no', type: 'String', description: 'VAT number of the customer' },
      { key: 'mail_fournisseur', type: 'String', description: 'Adresse e-mail du fournisseur' },
      { key: 'customer_email', type: 'String' },
    ]);
    expect(data).toMatchObject({
      tva_vendeur: 'FR 32 123 456 789',
      buyer_vat_no: 'FR 05 987 654 321',
      // No label: each email is read as its party's because it is printed in that party's block.
      mail_fournisseur: 'compta@vendeur.fr',
      customer_email: 'achats@acme.fr',
    });
  });

  it('reads the party a label names after it, and sections opened by headings with more words', async () => {
    const data = await extract(
      [
        'Rechnung 2024-031',
        '',
        'Angaben zum Verkäufer',
        'Beispiel AG',
        'Telefon: 0711 123456',
        '',
        'Angaben zum Käufer',
        'Kunde GmbH',
        'Telefon: 089 654321',
        '',
        'USt-IdNr. des Käufers: DE987654321',
        'USt-IdNr. des Verkäufers: DE123456789',
        'Ende des Abrechnungszeitraums: 31.03.2024',
      ].join('\n'),
      [
        { key: 'supplier_vat', type: 'String' },
        { key: 'customer_vat', type: 'String' },
        { key: 'supplier_phone', type: 'String', description: 'Telefonnummer des Lieferanten' },
        { key: 'buyer_phone', type: 'String' },
        { key: 'period_until', type: 'Date', description: 'End of the billing period' },
      ],
    );
    expect(data).toMatchObject({
      supplier_vat: 'DE123456789',
      customer_vat: 'DE987654321',
      supplier_phone: '0711 123456',
      buyer_phone: '089 654321',
      period_until: '2024-03-31',
    });
  });

  it('counts the line items of the table and reads the one VAT rate', async () => {
    const data = await extract(
      [
        'Invoice INV-7                                        Date: 02/03/2024',
        '',
        'Pos   Description            Qty      Price      Amount',
        '1     Blue widgets            2      10.00       20.00',
        '2     Red widgets             1       5.50        5.50',
        '3     Installation            1      40.00       40.00',
        '',
        '                                     Subtotal     65.50',
        '                                     VAT 20%      13.10',
        '                                     Total        78.60',
      ].join('\n'),
      [
        { key: 'number_of_line_items', type: 'Number' },
        { key: 'aantal_regels', type: 'Number', description: 'Aantal regels op de factuur' },
        { key: 'vat_rate', type: 'Number', description: 'VAT rate in percent' },
      ],
    );
    expect(data).toMatchObject({ number_of_line_items: 3, aantal_regels: 3, vat_rate: 20 });
  });

  it('reads a Dutch invoice with an English schema, and a cue sentence as payment terms', async () => {
    const data = await extract(
      [
        'Factuur 2024-88',
        'Klantnummer: KL-2231 Datum: 12-06-2024     Leverdatum: 14-06-2024',
        'BTW-nummer: NL123456789B01',
        'Uw referentie: PO-DEPT-7',
        '',
        'Gelieve te betalen binnen 30 dagen na factuurdatum.',
        '',
        'Rekeninghouder: Voorbeeld B.V.       BIC: INGBNL2A',
      ].join('\n'),
      [
        { key: 'customer_id', type: 'String', description: 'Customer number at the supplier' },
        { key: 'shipped_on', type: 'Date' },
        { key: 'supplier_tax_id', type: 'String', description: "The vendor's VAT registration" },
        { key: 'buyer_ref', type: 'String' },
        { key: 'payment_terms', type: 'String' },
        { key: 'account_holder', type: 'String', description: 'Name on the bank account' },
        { key: 'bic', type: 'String' },
      ],
    );
    expect(data).toMatchObject({
      customer_id: 'KL-2231',
      shipped_on: '2024-06-14',
      supplier_tax_id: 'NL123456789B01',
      buyer_ref: 'PO-DEPT-7',
      payment_terms: 'Gelieve te betalen binnen 30 dagen na factuurdatum.',
      account_holder: 'Voorbeeld B.V.',
      bic: 'INGBNL2A',
    });
  });

  it('reads a label the description quotes, even one no lexicon knows', async () => {
    const data = await extract(
      ['Rechnung 7781', 'Bestellzeichen: ABC-77/2024', 'Frachtkosten pauschal:      12,50 EUR'].join('\n'),
      [
        { key: 'zeichen', type: 'String', description: 'Das „Bestellzeichen“ auf der Rechnung' },
        { key: 'shipping', type: 'Number', description: 'The "Frachtkosten pauschal" amount' },
      ],
    );
    expect(data).toMatchObject({ zeichen: 'ABC-77/2024', shipping: 12.5 });
  });

  it('reads a header set on two rows over its cell', async () => {
    const data = await extract(
      ['Fattura 55', '', 'Pos   Descrizione        Data di         Importo', '                         consegna', '1     Viti               12/03/2024      10,00'].join('\n'),
      [{ key: 'consegnato_il', type: 'Date', description: 'Data di consegna della merce' }],
    );
    expect(data.consegnato_il).toBe('2024-03-12');
  });

  it('reads a value beside a label or under it as a header, in Spanish and Italian', async () => {
    const data = await extract(
      [
        'Factura 2024/118',
        'Fecha de entrega: 15/02/2024',
        'Referencia de pago: PAG-2024-118',
        '',
        'Contratto            Telefono',
        'CT-99-2024           +39 02 1234 5678',
      ].join('\n'),
      [
        { key: 'entrega', type: 'Date', description: 'Fecha de entrega de la mercancía' },
        { key: 'referencia_transferencia', type: 'String', description: 'Concepto que hay que indicar en la transferencia: referencia de pago' },
        { key: 'numero_contratto', type: 'String', description: 'Numero del contratto quadro' },
        { key: 'telefono_fornitore', type: 'String', description: 'Telefono del fornitore' },
      ],
    );
    expect(data).toMatchObject({
      entrega: '2024-02-15',
      referencia_transferencia: 'PAG-2024-118',
      numero_contratto: 'CT-99-2024',
      telefono_fornitore: '+39 02 1234 5678',
    });
  });
});
