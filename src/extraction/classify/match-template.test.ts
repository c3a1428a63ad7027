import { describe, expect, it } from 'vitest';
import { buildPage } from '../layout/build-page.js';
import type { DocumentModel } from '../model/document.js';
import { layoutPlainText } from '../parse/plain-text.js';
import { termsOf } from './business-terms.js';
import { classify } from './classify.js';
import { documentTerms, matchTemplate, type TemplateDescription } from './match-template.js';

function model(text: string): DocumentModel {
  const pages = layoutPlainText(text, 'plain').map(buildPage);
  return { pageCount: pages.length, pages, embedded: [], warnings: [] };
}

const TEMPLATES: TemplateDescription[] = [
  { id: 'po', name: 'Purchase order', description: 'Orders we send to suppliers', fields: [{ name: 'po_number' }, { name: 'supplier_name' }, { name: 'order_date' }] },
  { id: 'dn', name: 'Delivery note', description: 'Notes that come with the goods', fields: [{ name: 'delivery_note_number' }, { name: 'carrier' }, { name: 'packages' }] },
];

function match(text: string, templates = TEMPLATES) {
  const doc = model(text);
  return matchTemplate({ document: documentTerms(doc), classification: classify(doc), templates }).match;
}

describe('business terms', () => {
  it('maps words of several languages, and both halves of compounds, to one vocabulary', () => {
    expect(termsOf('Lieferschein')).toEqual(['delivery']);
    expect(termsOf('Rechnungsnummer')).toEqual(['invoice', 'number']);
    expect(termsOf('Bon de commande')).toEqual(['bon', 'order']);
    expect(termsOf('po_number shipTo')).toEqual(['order', 'number', 'delivery']);
    expect(termsOf('the Lieferant')).toEqual(['supplier']);
  });
});

describe('matchTemplate', () => {
  it('matches a German delivery note to an English "Delivery note" template', () => {
    const text = 'Nordlicht Technik GmbH\n\n        LIEFERSCHEIN\n\nLieferschein-Nr.: DN-1002\nVersanddatum: 03.04.2025\nIhre Bestellung: PO-55120\nSpediteur: DHL\nPackstücke: 3\n\nBezeichnung      Gelieferte Menge\nKabelsatz 5m     12\n';
    expect(match(text)?.template_id).toBe('dn');
  });

  it('matches a French purchase order to the purchase order template, not the delivery note it mentions', () => {
    const text = 'Atelier Dupont SARL\n\n        BON DE COMMANDE\n\nN° de commande: PO-20931\nDate de commande: 12.05.2025\nDate de livraison souhaitée: 30.05.2025\nFournisseur : Acme Supplies Ltd\n\nDésignation      Qté    Prix unitaire   Montant\nChaises          4      120,00          480,00\n\nTotal TTC                               576,00\n';
    expect(match(text)?.template_id).toBe('po');
  });

  it('matches nothing for a document no template describes, or when the tenant has no templates', () => {
    const letter = 'Acme Supplies Ltd\n\nDear Sir or Madam,\n\nour office moves to a new address next month. Our phone numbers stay the same.\n\nKind regards,\nM. Schmidt\n';
    expect(match(letter)).toBeNull();
    const receipt = 'CORNER MART\n12 Market Street\nRECEIPT\n03.04.2025 14:22\nCashier: 2\nMilk 1L      1.20\nBread        2.50\nTOTAL        3.70\nCASH        10.00\nCHANGE       6.30\nThank you!\n';
    expect(match(receipt)).toBeNull();
    expect(match(receipt, [])).toBeNull();
  });

  it("gives the match a confidence from its lead over the other candidates", () => {
    const text = 'Acme Supplies Ltd\n\n        PURCHASE ORDER\n\nPO Number: PO-1\nOrder Date: 01.02.2025\nSupplier: Blue Harbor\n\nDescription   Qty   Unit price   Amount\nChairs        2     10.00        20.00\nTotal                            20.00\n';
    const found = match(text);
    expect(found?.template_id).toBe('po');
    expect(found!.confidence).toBeGreaterThan(0.5);
    expect(found!.confidence).toBeLessThanOrEqual(1);
  });
});
