import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { textToPdf } from './fixtures/text-pdf.js';
import { multipartBody } from './helpers/multipart-body.js';
import { createTestApp } from './helpers/test-core.js';

/** Extraly's documented limits on what POST /api/v1/documents takes, which the native API does not share. */
const t = await createTestApp({ startWorkers: false });
afterAll(() => t.close());
const token = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', headers: { 'x-api-key': t.apiKey }, payload: { email: 'admin@localhost' } });
const extraly = { authorization: `Bearer ${token.json().data.access_token}`, 'x-api-key': t.apiKey };

function post(url: string, headers: Record<string, string>, file: { name: string; bytes: Buffer; type: string }, fields: Record<string, string> = {}) {
  const body = multipartBody([
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    { name: url.startsWith('/api') ? 'document' : 'file', filename: file.name, content: file.bytes, contentType: file.type },
  ]);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, ...body.headers }, payload: body.payload });
}

async function docx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Invoice 7</w:t></w:r></w:p></w:body></w:document>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

const pdf = { name: 'inv.pdf', bytes: textToPdf('INVOICE 7\nTotal 10.00'), type: 'application/pdf' };

describe('Extraly custom_fields', () => {
  // Extraly's documentation (docs/api-notes.md): "custom_fields JSON string No A JSON array of custom field names to extract, e.g. ["vat_number","po_number"]."
  it('takes a JSON array of field names', async () => {
    const res = await post('/api/v1/documents', extraly, pdf, { custom_fields: '["vat_number","po_number"]' });
    expect(res.statusCode).toBe(201);
  });

  // "400 VALIDATION_ERROR Request body failed validation. Check the details field for specific errors."
  it.each([
    ['vat_number', 'not JSON'],
    ['{"vat_number":true}', 'an object'],
    ['"vat_number"', 'a string'],
    ['[1,2]', 'numbers'],
    ['[{"name":"vat_number","type":"String"}]', 'field definitions'],
    ['["vat_number",""]', 'an empty name'],
  ])('refuses %s (%s) with 400 VALIDATION_ERROR and details.custom_fields', async (value) => {
    const res = await post('/api/v1/documents', extraly, pdf, { custom_fields: value });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(body.error.details.custom_fields[0]).toMatch(/JSON array of field names/);
  });
});

describe('Extraly formats', () => {
  // "document file Yes* The document file to process. Supported formats: PDF, PNG, JPG, JPEG, TIFF, WEBP. Max 20 MB."
  // "415 UNSUPPORTED_FORMAT The uploaded file format is not supported."
  it('refuses plain text and DOCX with 415 UNSUPPORTED_FORMAT; the native API keeps taking both', async () => {
    const text = { name: 'note.txt', bytes: Buffer.from('Invoice 7, total 10.00\n'), type: 'text/plain' };
    const word = { name: 'letter.docx', bytes: await docx(), type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
    for (const file of [text, word]) {
      const before = await t.core.db.selectFrom('extractions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const res = await post('/api/v1/documents', extraly, file);
      const after = await t.core.db.selectFrom('extractions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n), 'a refused upload creates nothing').toBe(Number(before.n));
      expect(res.statusCode, file.name).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_FORMAT');
      expect(res.json().error.message).toMatch(/PDF, PNG, JPG, JPEG, TIFF and WEBP/);
      const native = await post('/v1/extractions', { 'x-api-key': t.apiKey }, file);
      expect(native.statusCode, file.name).toBe(202);
    }
  });
});
