import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { multipartBody } from './helpers/multipart-body.js';
import { waitForExtraction } from './helpers/poll.js';

/**
 * Exports through the native API. Documents run through the real engine first; their stored result
 * is then replaced by a fixed one (what the engine would store), so every format is checked against
 * known rows, including values built to break CSV, spreadsheets and XML.
 */

const LONG_LIST = 'notes/extra: [list] with a very long name indeed';

const INVOICE = {
  invoice_number: '=HYPERLINK("http://evil.test","x")',
  invoice_date: '2025-03-01',
  vendor_name: `ACME <Tools> & "Sons" 'Ltd'\u0001\u0007`,
  vendor_address: 'Line 1\nLine 2, City',
  currency: 'EUR',
  subtotal: 100,
  total_amount: -12.5,
  line_items: [
    { description: '+cmd|calc', quantity: 2, unit_price: 5, amount: 10 },
    { description: '@SUM(A1)', quantity: 1, unit_price: -2.5, amount: -2.5 },
    { description: 'Plain, with "comma"', quantity: null, unit_price: null, amount: 3 },
  ],
  [LONG_LIST]: [{ note: '\tstarts with a tab', 'bad key': '\r-1' }],
};

const STATEMENT = {
  bank_name: 'First Bank',
  currency: 'USD',
  statement_period: { from: '2025-01-01', to: '2025-01-31' },
  opening_balance: 1000,
  closing_balance: 1150,
  transactions: [
    { date: '2025-01-03', description: 'Salary', amount: 200, type: 'credit', balance: 1200 },
    { date: '2025-01-09', description: 'Coffee', amount: -50, type: 'debit', balance: 1150 },
  ],
};

const RECEIPT = { merchant_name: 'Corner Shop', date: '2025-02-02', total_amount: 4.2, items: [] };

describe('native exports', () => {
  let t: TestApp;
  let extractionId: string;
  let docIds: string[];
  const auth = () => ({ 'x-api-key': t.apiKey });

  async function setResult(docId: string, documentType: string, data: Record<string, unknown>) {
    const result = { data, fields: {}, warnings: [], text: '', duration_ms: 1 };
    await t.core.db.updateTable('documents').set({ document_type: documentType, result: JSON.stringify(result) }).where('id', '=', docId).execute();
  }

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: auth() });

  beforeAll(async () => {
    t = await createTestApp();
    const files = ['invoice.txt', 'statement.txt', 'receipt.txt', 'broken.txt'].map((filename) => ({
      name: 'file',
      filename,
      content: Buffer.from(`Document ${filename}\nTotal 10.00\n`),
      contentType: 'text/plain',
    }));
    const body = multipartBody(files);
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { ...auth(), ...body.headers } });
    expect(res.statusCode, res.body).toBe(202);
    extractionId = res.json().extraction.extraction_id;
    docIds = res.json().extraction.documents.map((d: { document_id: string }) => d.document_id);
    await waitForExtraction(t.app, t.apiKey, extractionId);
    await setResult(docIds[0], 'invoice', INVOICE);
    await setResult(docIds[1], 'bank_statement', STATEMENT);
    await setResult(docIds[2], 'receipt', RECEIPT);
    await t.core.db
      .updateTable('documents')
      .set({ status: 'failed', result: null, error_code: 'PROCESSING_ERROR', error_message: 'The file is <corrupt> & unreadable.', error_reason: 'FILE_CORRUPT' })
      .where('id', '=', docIds[3])
      .execute();
    await t.core.db.updateTable('extractions').set({ status: 'partial' }).where('id', '=', extractionId).execute();
  });
  afterAll(() => t.close());

  it('json is exactly what the results endpoints answer', async () => {
    const res = await get(`/v1/extractions/${extractionId}/export?format=json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${extractionId}.json"; filename*=UTF-8''${extractionId}.json`);
    expect(res.json()).toEqual((await get(`/v1/extractions/${extractionId}/results`)).json());

    const one = await get(`/v1/extractions/${extractionId}/documents/${docIds[0]}/export`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-disposition']).toContain('filename="invoice.json"');
    expect(one.json()).toEqual((await get(`/v1/extractions/${extractionId}/documents/${docIds[0]}`)).json());
    expect(one.json().document.data.line_items).toHaveLength(3);
  });

  it('csv has one row per list entry, document fields repeated, formulas neutralized and numbers kept', async () => {
    const res = await get(`/v1/extractions/${extractionId}/export?format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`filename="${extractionId}.csv"`);
    expect(res.body).toContain('\r\n');
    const rows: Array<Record<string, string>> = parseCsv(res.body, { columns: true });
    const header = Object.keys(rows[0]);
    expect(header.slice(0, 7)).toEqual(['document_id', 'filename', 'status', 'document_type', 'error_code', 'error_message', 'error_reason']);
    expect(header).toEqual(expect.arrayContaining(['invoice_number', 'statement_period.from', 'statement_period.to', 'line_items.description', 'transactions.amount', `${LONG_LIST}.note`]));

    const invoiceRows = rows.filter((r) => r.document_id === docIds[0]);
    // 3 line items + 1 entry of the second list.
    expect(invoiceRows).toHaveLength(4);
    for (const r of invoiceRows) {
      expect(r.invoice_number).toBe(`'=HYPERLINK("http://evil.test","x")`);
      expect(r.total_amount).toBe('-12.5');
      expect(r.vendor_address).toBe('Line 1\nLine 2, City');
      expect(r.invoice_date).toBe('2025-03-01');
    }
    expect(invoiceRows.map((r) => r['line_items.description'])).toEqual(["'+cmd|calc", "'@SUM(A1)", 'Plain, with "comma"', '']);
    expect(invoiceRows.map((r) => r['line_items.unit_price'])).toEqual(['5', '-2.5', '', '']);
    expect(invoiceRows[3][`${LONG_LIST}.note`]).toBe("'\tstarts with a tab");
    expect(invoiceRows[3][`${LONG_LIST}.bad key`]).toBe("'\r-1");

    const statementRows = rows.filter((r) => r.document_id === docIds[1]);
    expect(statementRows).toHaveLength(2);
    expect(statementRows.map((r) => r['transactions.amount'])).toEqual(['200', '-50']);
    expect(statementRows.every((r) => r['statement_period.from'] === '2025-01-01' && r.bank_name === 'First Bank')).toBe(true);
    expect(statementRows.every((r) => r['line_items.description'] === '')).toBe(true);

    // A document without list entries, and a failed one, still get one row each.
    expect(rows.filter((r) => r.document_id === docIds[2])).toEqual([expect.objectContaining({ merchant_name: 'Corner Shop', total_amount: '4.2', status: 'completed' })]);
    expect(rows.filter((r) => r.document_id === docIds[3])).toEqual([
      expect.objectContaining({ status: 'failed', error_code: 'PROCESSING_ERROR', error_message: 'The file is <corrupt> & unreadable.', error_reason: 'FILE_CORRUPT', invoice_number: '' }),
    ]);
    expect(rows).toHaveLength(4 + 2 + 1 + 1);
  });

  it('csv of one document', async () => {
    const res = await get(`/v1/extractions/${extractionId}/documents/${docIds[1]}/export?format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename="statement.csv"');
    const rows: Array<Record<string, string>> = parseCsv(res.body, { columns: true });
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0])).not.toContain('line_items.description');
    expect(rows[1]).toMatchObject({ 'transactions.description': 'Coffee', 'transactions.type': 'debit', closing_balance: '1150' });
  });

  it('xlsx has a summary sheet and a sheet per list, with typed cells', async () => {
    const res = await get(`/v1/extractions/${extractionId}/export?format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename="${extractionId}.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = book.worksheets.map((w) => w.name);
    // Lists in first-seen order; the long one sanitized and cut to Excel's 31 characters.
    expect(names).toEqual(['Summary', 'line_items', 'notes extra list with a very lo', 'transactions']);

    const values = (sheet: ExcelJS.Worksheet) => {
      const out: unknown[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const summary = values(book.getWorksheet('Summary')!);
    const head = summary[0] as string[];
    expect(summary).toHaveLength(5);
    const col = (name: string) => head.indexOf(name);
    expect(head).not.toContain('line_items.description');
    const invoice = summary.find((r) => r[0] === docIds[0])!;
    expect(invoice[col('total_amount')]).toBe(-12.5);
    expect(invoice[col('invoice_number')]).toBe('=HYPERLINK("http://evil.test","x")'); // text, not a formula
    expect(invoice[col('invoice_date')]).toEqual(new Date('2025-03-01T00:00:00Z'));
    const failed = summary.find((r) => r[0] === docIds[3])!;
    expect(failed[col('status')]).toBe('failed');
    expect(failed[col('error_code')]).toBe('PROCESSING_ERROR');
    expect(failed[col('error_reason')]).toBe('FILE_CORRUPT');

    const items = values(book.getWorksheet('line_items')!);
    expect(items[0]).toEqual(['document_id', 'filename', 'description', 'quantity', 'unit_price', 'amount']);
    expect(items.slice(1).map((r) => r.slice(2))).toEqual([
      ['+cmd|calc', 2, 5, 10],
      ['@SUM(A1)', 1, -2.5, -2.5],
      ['Plain, with "comma"', undefined, undefined, 3],
    ]);
    const tx = values(book.getWorksheet('transactions')!);
    expect(tx).toHaveLength(3);
    expect(tx[1]).toEqual([docIds[1], 'statement.txt', new Date('2025-01-03T00:00:00Z'), 'Salary', 200, 'credit', 1200]);
  });

  it('xml is well-formed, escapes every value and sanitizes element names', async () => {
    const res = await get(`/v1/extractions/${extractionId}/export?format=xml`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`filename="${extractionId}.xml"`);
    expect(XMLValidator.validate(res.body)).toBe(true);
    expect(res.body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(res.body).toContain('ACME &lt;Tools&gt; &amp; &quot;Sons&quot; &apos;Ltd&apos;');

    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, isArray: (name) => ['document', 'item'].includes(name) }).parse(res.body);
    expect(parsed.extraction['@_id']).toBe(extractionId);
    expect(parsed.extraction['@_status']).toBe('partial');
    const docs = parsed.extraction.document;
    expect(docs.map((d: Record<string, string>) => d['@_id'])).toEqual(docIds);
    const inv = docs[0].data;
    expect(inv.vendor_name).toBe(`ACME <Tools> & "Sons" 'Ltd'\uFFFD\uFFFD`);
    expect(inv.invoice_number).toBe('=HYPERLINK("http://evil.test","x")');
    expect(inv.total_amount).toBe('-12.5');
    expect(inv.line_items.item).toHaveLength(3);
    expect(inv.line_items.item[1]).toEqual({ description: '@SUM(A1)', quantity: '1', unit_price: '-2.5', amount: '-2.5' });
    const renamed = Object.entries(inv).find(([, v]) => (v as Record<string, string>)['@_name'] === LONG_LIST);
    expect(renamed?.[0]).toBe('notes_extra___list__with_a_very_long_name_indeed');
    expect(docs[1].data.statement_period).toEqual({ from: '2025-01-01', to: '2025-01-31' });
    expect(docs[3].status).toBe('failed');
    expect(docs[3].error).toEqual({ code: 'PROCESSING_ERROR', message: 'The file is <corrupt> & unreadable.', reason: 'FILE_CORRUPT' });

    const one = await get(`/v1/extractions/${extractionId}/documents/${docIds[2]}/export?format=xml`);
    expect(one.statusCode).toBe(200);
    const single = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false }).parse(one.body);
    expect(single.document['@_id']).toBe(docIds[2]);
    expect(single.document.data).toMatchObject({ merchant_name: 'Corner Shop', total_amount: '4.2', items: '' });
  });

  it('refuses unfinished and failed documents and unfinished extractions with 409', async () => {
    const failed = await get(`/v1/extractions/${extractionId}/documents/${docIds[3]}/export?format=csv`);
    expect(failed.statusCode).toBe(409);
    expect(failed.json().error.code).toBe('CONFLICT');

    await t.core.db.updateTable('extractions').set({ status: 'processing' }).where('id', '=', extractionId).execute();
    await t.core.db.updateTable('documents').set({ status: 'processing' }).where('id', '=', docIds[2]).execute();
    try {
      for (const format of ['json', 'csv', 'xlsx', 'xml']) {
        const res = await get(`/v1/extractions/${extractionId}/export?format=${format}`);
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('CONFLICT');
      }
      const doc = await get(`/v1/extractions/${extractionId}/documents/${docIds[2]}/export?format=xlsx`);
      expect(doc.statusCode).toBe(409);
    } finally {
      await t.core.db.updateTable('extractions').set({ status: 'partial' }).where('id', '=', extractionId).execute();
      await t.core.db.updateTable('documents').set({ status: 'completed' }).where('id', '=', docIds[2]).execute();
    }
  });

  it('answers 400 to an unknown format and 404 to unknown ids', async () => {
    const bad = await get(`/v1/extractions/${extractionId}/export?format=pdf`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_ERROR');
    expect((await get(`/v1/extractions/ext_missing/export?format=csv`)).statusCode).toBe(404);
    expect((await get(`/v1/extractions/${extractionId}/documents/doc_missing/export?format=csv`)).statusCode).toBe(404);
  });
});
