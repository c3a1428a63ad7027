import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EInvoiceXmlError, parseCii } from '../../src/extraction/einvoice/cii.js';
import { warmUpPipeline } from '../../src/extraction/pipeline.js';
import { readEmbeddedInvoice } from '../../src/extraction/einvoice/read-embedded.js';
import { createTestApp, type TestApp } from '../helpers/test-core.js';
import { multipartBody } from '../helpers/multipart-body.js';
import { waitForExtraction } from '../helpers/poll.js';
import { pdfWithAttachment } from './bombs.js';
import { RESPONSIVE_MS, watchServer } from './responsiveness.js';

const CII = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:x">
  <rsm:ExchangedDocument><ram:ID>INV-7</ram:ID><ram:IssueDateTime><udt:DateTimeString format="102">20260115</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement><ram:SellerTradeParty><ram:Name>Acme &amp; Sons</ram:Name>
      <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE123456789</ram:ID></ram:SpecifiedTaxRegistration></ram:SellerTradeParty></ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:TaxTotalAmount currencyID="USD">11.00</ram:TaxTotalAmount><ram:TaxTotalAmount currencyID="EUR">1.90</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>11.90</ram:GrandTotalAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation></ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`;

/** The bomb: tens of thousands of unclosed elements, which a lazy regex per element scanned to the end each time. */
const UNCLOSED = `<rsm:CrossIndustryInvoice>${'<rsm:ExchangedDocument>'.repeat(64_000)}`;

describe('e-invoice XML is parsed within bounds', () => {
  it('reads a CII invoice by element path, entities decoded and the amount in the invoice currency', () => {
    const cii = parseCii(CII)!;
    expect(cii.fields).toMatchObject({ invoice_number: 'INV-7', invoice_date: '2026-01-15', vendor_name: 'Acme & Sons', vendor_tax_id: 'DE123456789', tax_amount: 1.9, total_amount: 11.9 });
  });

  it('refuses 64,000 unclosed tags at once instead of scanning them quadratically', () => {
    const started = performance.now();
    expect(() => parseCii(UNCLOSED)).toThrow(EInvoiceXmlError);
    expect(performance.now() - started).toBeLessThan(RESPONSIVE_MS);
  });

  it('refuses a DOCTYPE (external and expanding entities), and XML over the size limit', () => {
    const xxe = `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><rsm:CrossIndustryInvoice><rsm:ExchangedDocument><ram:ID>&e;</ram:ID></rsm:ExchangedDocument></rsm:CrossIndustryInvoice>`;
    expect(() => parseCii(xxe)).toThrow(/DOCTYPE/);
    const lol = `<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rsm:CrossIndustryInvoice>&b;</rsm:CrossIndustryInvoice>`;
    expect(() => parseCii(lol)).toThrow(EInvoiceXmlError);
    expect(() => parseCii(`<rsm:CrossIndustryInvoice>${' '.repeat(5 * 1024 * 1024)}</rsm:CrossIndustryInvoice>`)).toThrow(/limit/);
  });
});

describe('large e-invoice XML is parsed off the main thread, with a time limit', () => {
  const line = '<ram:IncludedSupplyChainTradeLineItem><ram:SpecifiedTradeProduct><ram:Name>Widget</ram:Name></ram:SpecifiedTradeProduct><ram:LineTotalAmount>10.00</ram:LineTotalAmount></ram:IncludedSupplyChainTradeLineItem>';
  const large = `<rsm:CrossIndustryInvoice><rsm:SupplyChainTradeTransaction>${line.repeat(20_000)}</rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>`;

  it('reads a 3 MB invoice in a worker while the event loop stays free', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const read = await readEmbeddedInvoice(large);
    clearInterval(timer);
    expect(read.invoice?.lineItems).toHaveLength(20_000);
    expect(ticks).toBeGreaterThan(0);
  });

  it('fails the document with EMBEDDED_XML_TIMEOUT past the limit, and the next parse still works', async () => {
    await expect(readEmbeddedInvoice(large, { timeoutMs: 1 })).rejects.toMatchObject({ code: 'PROCESSING_ERROR', details: { reason: 'EMBEDDED_XML_TIMEOUT' } });
    expect((await readEmbeddedInvoice(UNCLOSED)).refused).toMatch(/nested/i);
  });
});

describe('a PDF carrying a hostile invoice XML', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // A process's first PDF loads and compiles pdfjs (seconds on a loaded machine): pay it before watching.
    await warmUpPipeline();
  });
  afterAll(() => t.close());

  it('keeps /healthz responsive, completes from the page and says the XML was refused', async () => {
    const pdf = await pdfWithAttachment(UNCLOSED);
    expect(pdf.length).toBeLessThan(20_000); // a few kilobytes on the wire
    const body = multipartBody([{ name: 'file', filename: 'facturx.pdf', content: pdf, contentType: 'application/pdf' }]);
    const watch = watchServer(t.app);
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { 'x-api-key': t.apiKey, ...body.headers } });
    expect(res.statusCode).toBe(202);
    const id = res.json().extraction.extraction_id;
    const done = await waitForExtraction(t.app, t.apiKey, id, 60_000);
    const health = await watch.stop();
    expect(done.status).toBe('completed');
    expect(health.slowestMs).toBeLessThan(RESPONSIVE_MS);
    const results = await t.app.inject({ method: 'GET', url: `/v1/extractions/${id}/results`, headers: { 'x-api-key': t.apiKey } });
    const [doc] = results.json().documents;
    expect(doc.warnings.map((w: { code: string }) => w.code)).toContain('EMBEDDED_XML_REFUSED');
    expect(doc.data.invoice_number).toBe('INV-7');
  });
});
