import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanFilename } from '../../src/documents/files-service.js';
import { createTestApp, type TestApp } from '../helpers/test-core.js';
import { makePdf } from '../helpers/make-pdf.js';
import { multipartBody } from '../helpers/multipart-body.js';

describe('file names are normalized before they are stored or shown', () => {
  it('drops bidi controls and other format characters, keeps real text', () => {
    expect(cleanFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanFilename('\u2067report\u2069\u200B.pdf')).toBe('report.pdf');
    expect(cleanFilename('facture\u0301 été.pdf')).toBe('facturé été.pdf'.normalize('NFC'));
    expect(cleanFilename('C:\\Users\\x\\Rechnung März.pdf')).toBe('Rechnung März.pdf');
    expect(cleanFilename('\u202E\u200F')).toBe('document');
    expect(Array.from(cleanFilename('😀'.repeat(300)))).toHaveLength(255);
  });

  it('refuses a NUL', () => {
    expect(() => cleanFilename('invoice.pdf\u0000.exe')).toThrow(/NUL/);
  });

  describe('through the API', () => {
    let t: TestApp;
    let pdf: Buffer;
    beforeAll(async () => {
      t = await createTestApp({ startWorkers: false });
      pdf = await makePdf([['Invoice number: INV-1']]);
    });
    afterAll(() => t.close());
    const upload = (filename: string) => {
      const body = multipartBody([{ name: 'file', filename, content: pdf, contentType: 'application/pdf' }]);
      return t.app.inject({ method: 'POST', url: '/v1/files', payload: body.payload, headers: { 'x-api-key': t.apiKey, ...body.headers } });
    };

    it('stores "\\u202Efdp.exe" as "fdp.exe", not a name that displays as "exe.pdf"', async () => {
      const res = await upload('\u202Efdp.exe');
      expect(res.statusCode).toBe(201);
      expect(res.json().file.filename).toBe('fdp.exe');
    });

    it('answers 400 for a name with a NUL and stores nothing', async () => {
      const before = (await t.app.inject({ method: 'GET', url: '/v1/files', headers: { 'x-api-key': t.apiKey } })).json();
      const res = await upload('a\u0000b.pdf');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toHaveProperty('filename');
      const after = (await t.app.inject({ method: 'GET', url: '/v1/files', headers: { 'x-api-key': t.apiKey } })).json();
      expect(after.pagination?.total ?? after.files.length).toBe(before.pagination?.total ?? before.files.length);
    });
  });
});
