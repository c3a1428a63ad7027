import { describe, expect, it } from 'vitest';
import { readDocument } from '../../../test/fixtures/documents.js';
import { runPipeline } from '../pipeline.js';

const invoice = readDocument('data/extractthinker/invoice.pdf');
const kraxi = readDocument('data/facturx_fixtures/mustang_zugferd_invoice.pdf');

describe('custom schemas and custom fields', () => {
  it('extracts typed fields, nested lists by column header, and built-in fields by alias', async () => {
    const schema = {
      format: 'fields',
      fields: [
        { name: 'invoice_no', type: 'String', description: 'The invoice number' },
        { name: 'phone', type: 'String' },
        { name: 'fax', type: 'String' },
        { name: 'total', type: 'Number' },
        {
          name: 'services',
          type: 'List<Object>',
          children: [
            { name: 'description', type: 'String' },
            { name: 'hours', type: 'Number' },
            { name: 'rate', type: 'Number' },
            { name: 'amount', type: 'Number' },
          ],
        },
      ],
    };
    const r = await runPipeline({ bytes: invoice, mediaType: 'application/pdf', filename: 'invoice.pdf', schema });
    expect(r.data).toMatchObject({
      invoice_no: '00012',
      phone: '(123) 456-7890',
      fax: '(123) 456-7891',
      total: 1125,
      services: [{ description: 'Consultation services', hours: 3, rate: 375, amount: 1125 }],
    });
    expect(r.fields.phone.citations[0].page).toBe(1);
    // Only the template's fields are returned.
    expect(Object.keys(r.data).sort()).toEqual(['fax', 'invoice_no', 'phone', 'services', 'total']);
  });

  it('reads a JSON Schema template the same way', async () => {
    const schema = {
      format: 'json_schema',
      schema: {
        type: 'object',
        properties: {
          invoice_date: { type: ['string', 'null'], format: 'date' },
          seller: { type: 'object', properties: { name: { type: 'string', description: 'vendor name' }, vat_id: { type: 'string' } } },
        },
      },
    };
    const r = await runPipeline({ bytes: kraxi, mediaType: 'application/pdf', filename: 'k.pdf', schema, useEmbeddedInvoice: false });
    expect(r.data.invoice_date).toBe('2014-07-11');
    expect(r.data.seller).toMatchObject({ vat_id: 'DE123456789' });
  });

  it('adds custom fields given by name to the built-in model', async () => {
    const r = await runPipeline({ bytes: kraxi, mediaType: 'application/pdf', filename: 'k.pdf', customFields: ['kundennummer', 'iban'], useEmbeddedInvoice: false });
    expect(r.document_type).toBe('invoice');
    expect(r.data.total_amount).toBe(1005.55);
    expect(r.data.kundennummer).toBe('987-654');
    // The sample's IBAN fails its checksum: reported, with low confidence and a warning.
    expect(r.data.iban).toBe('DE28700100809999999999');
    expect(r.fields.iban.confidence).toBeLessThanOrEqual(0.4);
    expect(r.warnings.map((w) => w.code)).toContain('IBAN_CHECKSUM_INVALID');
  });
});
