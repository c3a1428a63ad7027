import { afterAll, describe, expect, it } from 'vitest';
import { generateBusinessDocument } from './fixtures/synthetic-business-documents.js';
import { textToPdf } from './fixtures/text-pdf.js';
import { multipartBody } from './helpers/multipart-body.js';
import { waitForExtraction } from './helpers/poll.js';
import { createTestApp } from './helpers/test-core.js';

/**
 * A document submitted without a template is matched to one of the tenant's own: extracted with it,
 * named in `template_match`, filterable natively and shown as the embed extraction's `documentId` /
 * `document` ("analyzed: Analysis complete, document type identified"). A kind no template describes
 * is matched to none, and a template that opted out (auto_match false) is never picked.
 */
const t = await createTestApp();
afterAll(() => t.close());
const headers = { 'x-api-key': t.apiKey };
const embed = { ...headers, 'x-user-email': 'admin@localhost' };

const field = (name: string, description: string, type = 'String') => ({ name, type, description });
async function createParser(body: Record<string, unknown>): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/v1/parsers', headers, payload: body });
  expect(res.statusCode).toBe(201);
  return res.json().parser.parser_id;
}
const purchaseOrder = await createParser({
  name: 'Purchase order',
  description: 'Orders we send to our suppliers',
  fields: [field('po_number', 'Purchase order number'), field('supplier_name', 'Supplier'), field('order_date', 'Date of the order', 'Date'), field('total', 'Order total', 'Number')],
});
const deliveryNote = await createParser({
  name: 'Delivery note',
  description: 'Delivery notes that come with the goods',
  fields: [field('delivery_note_number', 'Number of the note'), field('carrier', 'Carrier'), field('packages', 'Number of packages', 'Number')],
});
const bankStatement = await createParser({
  name: 'Bank statement',
  description: 'Monthly statements of our accounts',
  auto_match: false,
  fields: [field('account_number', 'Account'), field('closing_balance', 'Balance at the end', 'Number')],
});

async function submit(text: string): Promise<{ extractionId: string; document: Record<string, any> }> {
  const body = multipartBody([{ name: 'file', filename: 'doc.pdf', content: textToPdf(text), contentType: 'application/pdf' }]);
  const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { ...headers, ...body.headers }, payload: body.payload });
  expect(res.statusCode).toBe(202);
  const extraction = await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id);
  const documentId = extraction.documents[0].document_id;
  const doc = await t.app.inject({ method: 'GET', url: `/v1/extractions/${extraction.extraction_id}/documents/${documentId}`, headers });
  return { extractionId: extraction.extraction_id, document: doc.json().document ?? doc.json() };
}

describe('template matching', () => {
  it('matches a German purchase order to the English "Purchase order" template and extracts with it', async () => {
    const seed = [...Array(60).keys()].find((s) => generateBusinessDocument('purchase_order', s).lang === 'de')!;
    const { extractionId, document } = await submit(generateBusinessDocument('purchase_order', seed).text);
    expect(document.template_match?.template_id).toBe(purchaseOrder);
    expect(document.template_match.confidence).toBeGreaterThan(0.5);
    expect(document.parser?.parser_id).toBe(purchaseOrder);
    expect(Object.keys(document.data)).toEqual(expect.arrayContaining(['po_number', 'supplier_name', 'order_date', 'total']));
    expect(document.data.po_number).toMatch(/^PO-\d+$/);

    const list = await t.app.inject({ method: 'GET', url: `/v1/extractions?matched_parser_id=${purchaseOrder}`, headers });
    expect(list.json().extractions.map((e: { extraction_id: string }) => e.extraction_id)).toEqual([extractionId]);
    expect(list.json().extractions[0].documents[0].template_match.template_id).toBe(purchaseOrder);
    const none = await t.app.inject({ method: 'GET', url: `/v1/extractions?matched_parser_id=${deliveryNote}`, headers });
    expect(none.json().extractions).toEqual([]);

    // Embed: the extraction's documentId and document are the matched template, and its list filters on it.
    const detail = await t.app.inject({ method: 'GET', url: `/api/embed/extractions/${extractionId}`, headers: embed });
    expect(detail.json().data.documentId).toBe(purchaseOrder);
    expect(detail.json().data.document.name).toBe('Purchase order');
    const filtered = await t.app.inject({ method: 'GET', url: `/api/embed/extractions?documentId=${purchaseOrder}`, headers: embed });
    expect(filtered.json().data.items.map((i: { id: string }) => i.id)).toEqual([extractionId]);
    expect(filtered.json().data.items[0].documentName).toBe('Purchase order');
  });

  it('matches a delivery note to the delivery note template, not to the purchase order it mentions', async () => {
    const { document } = await submit(generateBusinessDocument('delivery_note', 3).text);
    expect(document.template_match?.template_id).toBe(deliveryNote);
  });

  it('matches no template for a kind none describes, and never one that opted out', async () => {
    const letter = await submit(generateBusinessDocument('letter', 1).text);
    expect(letter.document.template_match).toBeNull();
    expect(letter.document.parser).toBeNull();
    const statement = await submit(generateBusinessDocument('bank_statement', 2).text);
    expect(statement.document.template_match).toBeNull();
    expect(statement.document.document_type).toBe('bank_statement');
    expect(statement.document.data).toHaveProperty('closing_balance');

    // Opting back in makes the statement template a candidate.
    const res = await t.app.inject({ method: 'PUT', url: `/v1/parsers/${bankStatement}`, headers, payload: { auto_match: true } });
    expect(res.json().parser.auto_match).toBe(true);
    const again = await submit(generateBusinessDocument('bank_statement', 2).text);
    expect(again.document.template_match?.template_id).toBe(bankStatement);
  });

  it('refuses an auto_match that is not a boolean', async () => {
    const res = await t.app.inject({ method: 'PUT', url: `/v1/parsers/${deliveryNote}`, headers, payload: { auto_match: 'yes' } });
    expect(res.statusCode).toBe(400);
  });
});
