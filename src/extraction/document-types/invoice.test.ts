import { describe, expect, it } from 'vitest';
import { readDocument, readGold } from '../../../test/fixtures/documents.js';
import { runPipeline } from '../pipeline.js';

const load = (dataset: string, file: string, id: string) => ({
  bytes: readDocument(`data/${dataset}/${file}`),
  gold: readGold(`gold/${dataset}/${id}.json`) as Record<string, unknown>,
});

describe('invoice extraction from the page', () => {
  it('reads a US invoice with month-first dates', async () => {
    const { bytes, gold } = load('extractthinker', 'invoice.pdf', 'et-invoice');
    const r = await runPipeline({ bytes, mediaType: 'application/pdf', filename: 'invoice.pdf' });
    expect(r.document_type).toBe('invoice');
    expect(r.data).toMatchObject(gold);
    expect(r.data.line_items).toEqual([{ description: 'Consultation services', quantity: 3, unit_price: 375, amount: 1125 }]);
    expect(r.fields.invoice_number.citations[0]).toMatchObject({ page: 1, text: '00012' });
    // "Total due in 15 days" names a term, not a sum: no amount due is printed.
    expect(r.data.amount_due ?? null).toBeNull();
  });

  it('reads a German ZUGFeRD rendering without its XML: parties, dates and totals that add up', async () => {
    const { bytes, gold } = load('zugferd_corpus', '2p1_EN16931_2_Teilrechnung.pdf', 'zf-2p1_EN16931_2_Teilrechnung');
    const r = await runPipeline({ bytes, mediaType: 'application/pdf', filename: 'e.pdf', useEmbeddedInvoice: false });
    expect(r.data).toMatchObject(gold);
    expect(r.fields.total_amount.source).toBe('page');
    expect(r.warnings.map((w) => w.code)).not.toContain('TOTAL_MISMATCH');
    // The three were chosen together by the trained scorers; the total's confidence is its scorer's probability.
    expect(r.fields.total_amount.confidence).toBeGreaterThan(0.5);
  });
});

describe('embedded Factur-X / ZUGFeRD XML', () => {
  it('is read as a second source, cross-checked with the page', async () => {
    const { bytes, gold } = load('facturx_fixtures', 'akretion_invoice_EN16931.pdf', 'fx-akretion_invoice_EN16931');
    const r = await runPipeline({ bytes, mediaType: 'application/pdf', filename: 'a.pdf' });
    expect(r.data).toMatchObject(gold);
    // Printed and in the XML, agreeing.
    expect(r.fields.invoice_number.source).toBe('page+embedded_xml');
    expect(r.fields.invoice_number.confidence).toBeGreaterThanOrEqual(0.98);
    // A value the page reading missed comes from the XML, cited where it is printed.
    expect(r.fields.customer_name.source).toBe('embedded_xml');
    expect(r.fields.customer_name.citations[0]?.text).toContain('LE CLIENT');
  });

  it('reads a customer under "Adresse du Client" and a letter date after "<place>, den"', async () => {
    const fr = load('facturx_fixtures', 'mustang_Facture_F20180027.pdf', 'fx-mustang_Facture_F20180027');
    const r1 = await runPipeline({ bytes: fr.bytes, mediaType: 'application/pdf', filename: 'f.pdf', useEmbeddedInvoice: false });
    expect(r1.data.customer_name).toBe(fr.gold.customer_name);
    // "München, den 01.11.2024" is the invoice's date; "Datum: 30.10.2024" in the footer is a print stamp.
    const de = load('facturx_fixtures', 'mustang_ZTESTZUGFERD_1_INVDSS_012015738820PDF-1.pdf', 'fx-mustang_ZTESTZUGFERD_1_INVDSS_012015738820PDF-1');
    const r2 = await runPipeline({ bytes: de.bytes, mediaType: 'application/pdf', filename: 'z.pdf', useEmbeddedInvoice: false });
    expect(r2.data.invoice_date).toBe(de.gold.invoice_date);
  });

  it('takes the parties\' printed addresses as agreeing with the XML\'s, which ends them in a country code', async () => {
    const { bytes } = load('zugferd_corpus', '2p1_EN16931_2_Teilrechnung.pdf', 'zf-2p1_EN16931_2_Teilrechnung');
    const page = await runPipeline({ bytes, mediaType: 'application/pdf', filename: 'e.pdf', useEmbeddedInvoice: false });
    expect(page.data.vendor_address).toBe('Lieferantenstraße 20, DE 80333 München');
    expect(page.data.customer_address).toBe('Kundenstraße 15, DE 69876 Frankfurt');
    const r = await runPipeline({ bytes, mediaType: 'application/pdf', filename: 'e.pdf' });
    expect(r.fields.vendor_address).toMatchObject({ value: 'Lieferantenstraße 20, 80333 München, DE', source: 'page+embedded_xml' });
    expect(r.fields.customer_address.source).toBe('page+embedded_xml');
    expect(r.warnings.map((w) => w.code)).not.toContain('EMBEDDED_XML_MISMATCH');
  });
});
