import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { waitForExtraction } from './helpers/poll.js';

/**
 * Review through the native API: reviewed output stored beside the original, served by results and
 * exports, and checked against the document's schema (built-in model, parser fields, custom fields).
 */

const INVOICE = {
  invoice_number: 'INV-7',
  invoice_date: '2025-03-01',
  due_date: null,
  vendor_name: 'Acme',
  currency: 'EUR',
  subtotal: 100,
  tax_amount: 20,
  total_amount: 120,
  line_items: [
    { description: 'Widget', quantity: 2, unit_price: 40, amount: 80 },
    { description: 'Gadget', quantity: 1, unit_price: 20, amount: 20 },
  ],
};

describe('native review', () => {
  let t: TestApp;
  const auth = () => ({ 'x-api-key': t.apiKey });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: auth() });
  const put = (url: string, body: unknown) => t.app.inject({ method: 'PUT', url, headers: { ...auth(), 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  /** A completed document whose stored result is `data` (what the engine would have stored). */
  async function completedDocument(body: Record<string, unknown>, documentType: string | null, data: Record<string, unknown>) {
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { ...auth(), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect(res.statusCode, res.body).toBe(202);
    const extractionId: string = res.json().extraction.extraction_id;
    const documentId: string = res.json().extraction.documents[0].document_id;
    await waitForExtraction(t.app, t.apiKey, extractionId);
    const fields = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v, confidence: 0.9, citations: [] }]));
    await t.core.db
      .updateTable('documents')
      .set({ status: 'completed', document_type: documentType, result: JSON.stringify({ data, fields, warnings: [], text: '', duration_ms: 1 }) })
      .where('id', '=', documentId)
      .execute();
    return { extractionId, documentId, url: `/v1/extractions/${extractionId}/documents/${documentId}` };
  }

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('stores edits beside the original; results and exports serve the reviewed values', async () => {
    const doc = await completedDocument({ text: 'Invoice INV-7\nTotal 120.00', detection_type: 'invoice' }, 'invoice', INVOICE);
    const before = (await get(doc.url)).json().document;
    expect(before).toMatchObject({ reviewed: false, edited: false, edits: [], reviewed_output: null, reviewed_at: null });
    expect(before.initial_output).toEqual(INVOICE);

    const res = await put(`${doc.url}/review`, {
      edits: [
        { path: 'total_amount', value: 130 },
        { path: 'line_items[0].amount', value: 90 },
        { path: 'due_date', value: '2025-03-31' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const reviewed = res.json().document;
    expect(reviewed.reviewed).toBe(true);
    expect(reviewed.edited).toBe(true);
    expect(Date.parse(reviewed.reviewed_at)).not.toBeNaN();
    expect(reviewed.initial_output).toEqual(INVOICE);
    expect(reviewed.data.total_amount).toBe(130);
    expect(reviewed.data.line_items[0]).toEqual({ description: 'Widget', quantity: 2, unit_price: 40, amount: 90 });
    expect(reviewed.reviewed_output).toEqual(reviewed.data);
    expect(reviewed.edits).toEqual([
      { path: 'due_date', before: null, after: '2025-03-31' },
      { path: 'total_amount', before: 120, after: 130 },
      { path: 'line_items.0.amount', before: 80, after: 90 },
    ]);
    expect(reviewed.fields.total_amount).toMatchObject({ value: 130, edited: true, confidence: 0.9 });
    expect(reviewed.fields.invoice_number).toEqual({ value: 'INV-7', confidence: 0.9, citations: [] });

    // The read endpoints and every export serve the reviewed values.
    expect((await get(doc.url)).json().document).toEqual(reviewed);
    const results = (await get(`/v1/extractions/${doc.extractionId}/results`)).json();
    expect(results.documents[0].data.total_amount).toBe(130);
    const csv: Array<Record<string, string>> = parseCsv((await get(`${doc.url}/export?format=csv`)).body, { columns: true });
    expect(csv.map((r) => [r.total_amount, r['line_items.amount']])).toEqual([['130', '90'], ['130', '20']]);
    const json = (await get(`${doc.url}/export?format=json`)).json();
    expect(json.document.data.total_amount).toBe(130);
    expect(json.document.initial_output.total_amount).toBe(120);
    expect((await get(`/v1/extractions/${doc.extractionId}/export?format=xml`)).body).toContain('<total_amount>130</total_amount>');

    // A second review builds on the first; edits still compare with the initial output.
    const again = await put(`${doc.url}/review`, {
      data: { vendor_name: 'Acme GmbH', line_items: [{ description: 'Widget', amount: 90 }] },
      edits: [{ path: 'line_items.1', value: { description: 'Shipping', amount: 5 } }],
    });
    expect(again.statusCode, again.body).toBe(200);
    const second = again.json().document;
    expect(second.data).toMatchObject({ vendor_name: 'Acme GmbH', total_amount: 130, due_date: '2025-03-31' });
    // Objects given whole get every field of their schema, the missing ones null.
    expect(second.data.line_items).toEqual([
      { description: 'Widget', quantity: null, unit_price: null, amount: 90 },
      { description: 'Shipping', quantity: null, unit_price: null, amount: 5 },
    ]);
    expect(second.edits).toEqual(
      expect.arrayContaining([
        { path: 'vendor_name', before: 'Acme', after: 'Acme GmbH' },
        { path: 'line_items.0.quantity', before: 2, after: null },
        { path: 'line_items.1.description', before: 'Gadget', after: 'Shipping' },
      ]),
    );
    expect(second.initial_output).toEqual(INVOICE);

    // null at a list index removes the entry; the list's length appends one.
    const lists = await put(`${doc.url}/review`, {
      edits: [
        { path: 'line_items.0', value: null },
        { path: 'line_items.1.description', value: 'Appended' },
      ],
    });
    expect(lists.statusCode, lists.body).toBe(200);
    expect(lists.json().document.data.line_items).toEqual([
      { description: 'Shipping', quantity: null, unit_price: null, amount: 5 },
      { description: 'Appended', quantity: null, unit_price: null, amount: null },
    ]);
  });

  it('marks a document reviewed without changes when the body is empty', async () => {
    const doc = await completedDocument({ text: 'Invoice INV-8', detection_type: 'invoice' }, 'invoice', INVOICE);
    const res = await put(`${doc.url}/review`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().document).toMatchObject({ reviewed: true, edited: false, edits: [], data: INVOICE, reviewed_output: INVOICE });
  });

  it('answers 400 naming the path of a field the schema lacks or a value of the wrong type', async () => {
    const doc = await completedDocument({ text: 'Invoice INV-9', detection_type: 'invoice' }, 'invoice', INVOICE);
    const cases: Array<[unknown, string]> = [
      [{ edits: [{ path: 'line_items.0.colour', value: 'red' }] }, 'line_items.0.colour'],
      [{ edits: [{ path: 'shipping_method', value: 'air' }] }, 'shipping_method'],
      [{ data: { merchant_name: 'x' } }, 'merchant_name'],
      [{ data: { line_items: [{ description: 'x', sku: 'A1' }] } }, 'line_items.0.sku'],
      [{ edits: [{ path: 'total_amount', value: '130' }] }, 'total_amount'],
      [{ edits: [{ path: 'invoice_date', value: '2025-02-30' }] }, 'invoice_date'],
      [{ edits: [{ path: 'line_items.5.amount', value: 1 }] }, 'line_items.5.amount'],
      [{ edits: [{ path: 'total_amount.value', value: 1 }] }, 'total_amount.value'],
      [{ edits: [{ path: 'line_items.first', value: 1 }] }, 'line_items.first'],
    ];
    for (const [body, path] of cases) {
      const res = await put(`${doc.url}/review`, body);
      expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(400);
      const { error } = res.json();
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(error.message).toContain(path);
      expect(Object.keys(error.details)).toContain(path);
    }
    const unknownKey = await put(`${doc.url}/review`, { values: {} });
    expect(unknownKey.statusCode).toBe(400);
    // Nothing was stored by the refused reviews.
    expect((await get(doc.url)).json().document.reviewed).toBe(false);
  });

  it("checks against the parser's fields and the extraction's custom fields", async () => {
    const parser = await t.app.inject({
      method: 'POST',
      url: '/v1/parsers',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: JSON.stringify({
        name: 'Delivery note',
        description: 'x',
        fields: [
          { name: 'total', type: 'Number', description: 'Total' },
          { name: 'paid', type: 'Boolean', description: 'Paid' },
          { name: 'delivered', type: 'Date', description: 'Delivery date' },
          { name: 'tags', type: 'List<String>', description: 'Tags' },
          { name: 'items', type: 'List<Object>', description: 'Items', children: [{ name: 'sku', type: 'String', description: 'SKU' }, { name: 'qty', type: 'Number', description: 'Qty' }] },
        ],
      }),
    });
    expect(parser.statusCode, parser.body).toBe(201);
    const data = { total: 10, paid: false, delivered: null, tags: [], items: [{ sku: 'A', qty: 1 }], po: null };
    const doc = await completedDocument(
      { text: 'Delivery note total 10', parser_id: parser.json().parser.parser_id, custom_fields: [{ name: 'po', type: 'String' }] },
      'other',
      data,
    );
    const ok = await put(`${doc.url}/review`, {
      edits: [
        { path: 'paid', value: true },
        { path: 'delivered', value: '2025-05-01' },
        { path: 'tags', value: ['urgent'] },
        { path: 'items.0.qty', value: 3 },
        { path: 'items.1', value: { sku: 'B' } },
        { path: 'po', value: 'PO-1' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().document.data).toEqual({ total: 10, paid: true, delivered: '2025-05-01', tags: ['urgent'], items: [{ sku: 'A', qty: 3 }, { sku: 'B', qty: null }], po: 'PO-1' });

    for (const [body, path] of [
      [{ edits: [{ path: 'items.0.price', value: 1 }] }, 'items.0.price'],
      [{ edits: [{ path: 'paid', value: 'yes' }] }, 'paid'],
      [{ edits: [{ path: 'tags', value: [1] }] }, 'tags.0'],
      [{ data: { invoice_number: 'x' } }, 'invoice_number'],
    ] as const) {
      const res = await put(`${doc.url}/review`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details).toHaveProperty([path]);
    }
  });

  it('refuses to review an unfinished document (409) and answers 404 for unknown ones', async () => {
    const doc = await completedDocument({ text: 'Invoice INV-10', detection_type: 'invoice' }, 'invoice', INVOICE);
    await t.core.db.updateTable('documents').set({ status: 'processing' }).where('id', '=', doc.documentId).execute();
    const res = await put(`${doc.url}/review`, { edits: [{ path: 'total_amount', value: 1 }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONFLICT');
    const missing = await put(`/v1/extractions/${doc.extractionId}/documents/doc_missing/review`, {});
    expect(missing.statusCode).toBe(404);
  });
});
