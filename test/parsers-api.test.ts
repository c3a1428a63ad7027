import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/internal/db/database.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const invoiceFields = [
  { name: 'invoice_number', type: 'String', description: 'The invoice id', required: true },
  { name: 'invoice_date', type: 'Date', description: 'Issue date' },
  { name: 'total_amount', type: 'Number', description: 'Grand total' },
  { name: 'paid', type: 'Boolean', description: 'Marked as paid' },
  { name: 'notes', type: 'List<String>', description: 'Free-text notes' },
  {
    name: 'vendor',
    type: 'Object',
    description: 'Who issued it',
    children: [
      { name: 'name', type: 'String', description: 'Vendor name' },
      { name: 'address', type: 'Object', description: 'Postal address', children: [{ name: 'city', type: 'String', description: 'City' }] },
    ],
  },
  {
    name: 'line_items',
    type: 'List<Object>',
    description: 'One row per item',
    children: [
      { name: 'description', type: 'String', description: 'Item text' },
      { name: 'amount', type: 'Number', description: 'Row total' },
    ],
  },
];

describe('native parsers API', () => {
  let t: TestApp;
  let otherKey: string;

  const call = (method: Method, url: string, payload?: unknown, apiKey?: string) =>
    t.app.inject({
      method,
      url,
      headers: { 'x-api-key': apiKey ?? t.apiKey },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  const createParser = async (body: Record<string, unknown>) => {
    const res = await call('POST', '/v1/parsers', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().parser as Record<string, any>;
  };

  beforeAll(async () => {
    t = await createTestApp({ startWorkers: false });
    const other = await t.core.accounts.onboard({ organizationName: 'Other Org', firstName: 'O', lastName: 'T', email: 'o@other.test' });
    otherKey = other.apiKey.key;
  });
  afterAll(() => t.close());

  it('creates a parser from typed fields with nested Object and List<Object>, served in both forms', async () => {
    const parser = await createParser({ name: 'Invoices', description: 'Supplier invoices', document_type: 'invoice', fields: invoiceFields });
    expect(parser).toMatchObject({
      parser_id: expect.stringMatching(/^prs_/),
      name: 'Invoices',
      description: 'Supplier invoices',
      document_type: 'invoice',
      format: 'fields',
      fields: invoiceFields,
      instructions: null,
      latest_version: null,
      latest_version_label: null,
      has_unpublished_changes: true,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(parser.schema).toMatchObject({
      type: 'object',
      required: ['invoice_number'],
      properties: {
        invoice_date: { type: ['string', 'null'], format: 'date' },
        vendor: { type: 'object', properties: { address: { type: 'object', properties: { city: { type: ['string', 'null'] } } } } },
        line_items: { type: 'array', items: { type: 'object', properties: { amount: { type: ['number', 'null'] } } } },
      },
    });

    const fetched = await call('GET', `/v1/parsers/${parser.parser_id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json().parser).toEqual(parser);
  });

  it('creates a parser from a JSON Schema, keeping it verbatim and deriving typed fields', async () => {
    const schema = {
      type: 'object',
      properties: {
        merchant_name: { type: ['string', 'null'], description: 'Shop name' },
        total: { type: ['number', 'null'], 'extend:type': 'currency' },
        date: { type: ['string', 'null'], format: 'date' },
        items: {
          type: 'array',
          items: { type: 'object', properties: { description: { type: ['string', 'null'] }, qty: { type: ['integer', 'null'] } } },
        },
      },
      required: ['merchant_name'],
    };
    const parser = await createParser({ name: 'Receipts', description: 'Till receipts', schema, instructions: 'Totals include tax.' });
    expect(parser).toMatchObject({ format: 'json_schema', schema, instructions: 'Totals include tax.', document_type: null });
    expect(parser.fields).toEqual([
      { name: 'merchant_name', type: 'String', description: 'Shop name', required: true },
      { name: 'total', type: 'Number' },
      { name: 'date', type: 'Date' },
      { name: 'items', type: 'List<Object>', children: [{ name: 'description', type: 'String' }, { name: 'qty', type: 'Number' }] },
    ]);
  });

  it('answers invalid definitions with 400 VALIDATION_ERROR and per-field details', async () => {
    const res = await call('POST', '/v1/parsers', {
      name: 'Broken',
      description: 'x',
      fields: [
        { name: 'total', type: 'Money', description: 'x' },
        { name: 'total', type: 'Number', description: 'x' },
        { name: 'vendor', type: 'Object', description: 'x' },
        { name: 'items', type: 'List<Object>', description: 'x', children: [{ name: 'sku', type: 'String', children: [{ name: 'a', type: 'String' }] }] },
      ],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(body.error.message).toContain('fields.0.type');
    expect(body.error.details).toEqual({
      'fields.0.type': [expect.stringContaining('type must be one of String, Number, Boolean, Date, Object, List<String>, List<Object>')],
      'fields.1.name': [expect.stringContaining("duplicate field name 'total'")],
      'fields.2.children': [expect.stringContaining('non-empty children')],
      'fields.3.children.0.children': [expect.stringContaining('only Object and List<Object>')],
    });

    const badSchema = await call('POST', '/v1/parsers', {
      name: 'Bad schema',
      schema: { type: 'object', properties: { a: { type: 'date' }, b: { type: 'array' }, c: { $ref: '#/x' } } },
    });
    expect(badSchema.statusCode).toBe(400);
    expect(Object.keys(badSchema.json().error.details).sort()).toEqual(
      ['schema.properties.a.type', 'schema.properties.b.items', 'schema.properties.c.$ref', 'schema.properties.c.type'].sort(),
    );

    const notObjectRoot = await call('POST', '/v1/parsers', { name: 'x', schema: { type: 'array', items: { type: 'string' } } });
    expect(notObjectRoot.json().error.details).toEqual({ 'schema.type': [expect.any(String)] });

    const neither = await call('POST', '/v1/parsers', { name: 'x', description: 'y' });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.details).toHaveProperty('fields');

    const both = await call('POST', '/v1/parsers', { name: 'x', fields: [], schema: { type: 'object' } });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details).toHaveProperty('schema');

    const noName = await call('POST', '/v1/parsers', { fields: invoiceFields });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.details).toHaveProperty('name');

    const blankName = await call('POST', '/v1/parsers', { name: '   ', fields: invoiceFields });
    expect(blankName.statusCode).toBe(400);
    expect(blankName.json().error.details).toHaveProperty('name');

    const notArray = await call('POST', '/v1/parsers', { name: 'x', fields: 'invoice_number' });
    expect(notArray.statusCode).toBe(400);
    expect(notArray.json().error.code).toBe('VALIDATION_ERROR');
  });

  it('updates the draft without changing a published version; versions are immutable', async () => {
    const parser = await createParser({ name: 'Versioned', description: 'v', document_type: 'invoice', fields: invoiceFields });
    const id = parser.parser_id;

    const published = await call('POST', `/v1/parsers/${id}/versions`, { description: 'First release' });
    expect(published.statusCode).toBe(201);
    const v1 = published.json().version;
    expect(v1).toMatchObject({
      version_id: expect.stringMatching(/^prv_/),
      parser_id: id,
      version: 1,
      label: '1.0',
      description: 'First release',
      document_type: 'invoice',
      format: 'fields',
      fields: invoiceFields,
    });
    expect((await call('GET', `/v1/parsers/${id}`)).json().parser).toMatchObject({
      latest_version: 1,
      latest_version_label: '1.0',
      has_unpublished_changes: false,
    });

    const updated = await call('PUT', `/v1/parsers/${id}`, {
      name: 'Versioned (edited)',
      document_type: 'receipt',
      fields: [{ name: 'merchant', type: 'String', description: 'Shop' }],
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().parser).toMatchObject({
      name: 'Versioned (edited)',
      description: 'v',
      document_type: 'receipt',
      fields: [{ name: 'merchant', type: 'String', description: 'Shop' }],
      latest_version: 1,
      has_unpublished_changes: true,
    });

    // Version 1 is unchanged, by number, by label and as "latest".
    for (const ref of ['1', '1.0', 'latest']) {
      const got = await call('GET', `/v1/parsers/${id}/versions/${ref}`);
      expect(got.statusCode).toBe(200);
      expect(got.json().version).toEqual(v1);
    }

    // An empty POST publishes too; minor releases bump the label's minor part.
    const v2 = (await call('POST', `/v1/parsers/${id}/versions`)).json().version;
    expect(v2).toMatchObject({ version: 2, label: '2.0', document_type: 'receipt', description: null });
    const v3res = await call('POST', `/v1/parsers/${id}/versions`, { release_type: 'minor' });
    expect(v3res.statusCode).toBe(201);
    expect(v3res.json().version).toMatchObject({ version: 3, label: '2.1' });

    const badRelease = await call('POST', `/v1/parsers/${id}/versions`, { release_type: 'patch' });
    expect(badRelease.statusCode).toBe(400);
    expect(badRelease.json().error.code).toBe('VALIDATION_ERROR');

    const list = await call('GET', `/v1/parsers/${id}/versions?per_page=2`);
    expect(list.statusCode).toBe(200);
    expect(list.json().pagination).toEqual({ page: 1, per_page: 2, total: 3, total_pages: 2 });
    expect(list.json().versions.map((v: { label: string }) => v.label)).toEqual(['2.1', '2.0']);

    // No route rewrites a version.
    expect((await call('PUT', `/v1/parsers/${id}/versions/1`, { fields: [] })).statusCode).toBe(404);
    expect((await call('DELETE', `/v1/parsers/${id}/versions/1`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/parsers/${id}/versions/1`)).json().version).toEqual(v1);

    expect((await call('GET', `/v1/parsers/${id}/versions/9`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/parsers/${id}/versions/nope`)).statusCode).toBe(400);
  });

  it('round-trips a parser read back into PUT, choosing the definition by format', async () => {
    const parser = await createParser({ name: 'Round trip', fields: invoiceFields });
    const edited = { ...parser, fields: [...parser.fields, { name: 'iban', type: 'String', description: 'Bank account' }] };
    const res = await call('PUT', `/v1/parsers/${parser.parser_id}`, edited);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().parser.fields.map((f: { name: string }) => f.name)).toContain('iban');

    const switched = await call('PUT', `/v1/parsers/${parser.parser_id}`, { schema: { type: 'object', properties: { a: { type: 'string' } } } });
    expect(switched.json().parser).toMatchObject({ format: 'json_schema', fields: [{ name: 'a', type: 'String' }] });

    const invalid = await call('PUT', `/v1/parsers/${parser.parser_id}`, { fields: [{ name: '', type: 'String' }] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details).toHaveProperty(['fields.0.name']);
  });

  it('refuses to publish a parser without fields', async () => {
    const parser = await createParser({ name: 'Empty', fields: [] });
    const res = await call('POST', `/v1/parsers/${parser.parser_id}/versions`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_ERROR');
  });

  it('deletes a parser and its versions', async () => {
    const parser = await createParser({ name: 'Doomed', fields: invoiceFields });
    await call('POST', `/v1/parsers/${parser.parser_id}/versions`, {});
    const res = await call('DELETE', `/v1/parsers/${parser.parser_id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ deleted: true, parser_id: parser.parser_id });
    expect((await call('GET', `/v1/parsers/${parser.parser_id}`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/parsers/${parser.parser_id}/versions`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/parsers/${parser.parser_id}/versions/1`)).statusCode).toBe(404);
    expect((await call('DELETE', `/v1/parsers/${parser.parser_id}`)).statusCode).toBe(404);
  });

  it('answers 404 NOT_FOUND for a missing id and for another tenant\'s parser', async () => {
    const missing = await call('GET', '/v1/parsers/prs_doesnotexist');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('prs_doesnotexist') });

    const mine = await createParser({ name: 'Mine', fields: invoiceFields });
    const id = mine.parser_id;
    await call('POST', `/v1/parsers/${id}/versions`, {});
    for (const [method, url, body] of [
      ['GET', `/v1/parsers/${id}`],
      ['PUT', `/v1/parsers/${id}`, { name: 'stolen' }],
      ['DELETE', `/v1/parsers/${id}`],
      ['GET', `/v1/parsers/${id}/versions`],
      ['POST', `/v1/parsers/${id}/versions`, {}],
      ['GET', `/v1/parsers/${id}/versions/1`],
    ] as Array<[Method, string, unknown?]>) {
      const res = await call(method, url, body, otherKey);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const theirs = await call('GET', '/v1/parsers', undefined, otherKey);
    expect(theirs.json().parsers.map((p: { parser_id: string }) => p.parser_id)).not.toContain(id);
    expect((await call('GET', `/v1/parsers/${id}`)).json().parser.name).toBe('Mine');
  });

  it('lists parsers newest first with pagination, totals and search', async () => {
    const fresh = await createTestApp({ startWorkers: false });
    try {
      const list = (query: string) =>
        fresh.app.inject({ method: 'GET', url: `/v1/parsers${query}`, headers: { 'x-api-key': fresh.apiKey } });
      expect((await list('')).json()).toEqual({ parsers: [], pagination: { page: 1, per_page: 20, total: 0, total_pages: 0 } });

      for (let i = 1; i <= 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 3));
        const res = await fresh.app.inject({
          method: 'POST',
          url: '/v1/parsers',
          headers: { 'x-api-key': fresh.apiKey },
          payload: { name: i % 2 ? `Invoice ${i}` : `Receipt ${i}`, fields: invoiceFields },
        });
        expect(res.statusCode).toBe(201);
      }
      const page1 = (await list('?per_page=2')).json();
      expect(page1.pagination).toEqual({ page: 1, per_page: 2, total: 5, total_pages: 3 });
      expect(page1.parsers.map((p: { name: string }) => p.name)).toEqual(['Invoice 5', 'Receipt 4']);
      const page3 = (await list('?per_page=2&page=3')).json();
      expect(page3.parsers.map((p: { name: string }) => p.name)).toEqual(['Invoice 1']);

      const searched = (await list('?search=invoice')).json();
      expect(searched.pagination.total).toBe(3);
      expect((await list('?name=RECEIPT')).json().pagination.total).toBe(2);

      const tooMany = await list('?per_page=101');
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().error.code).toBe('VALIDATION_ERROR');
      expect((await list('?page=0')).statusCode).toBe(400);
    } finally {
      await fresh.close();
    }
  });

  it('requires authentication', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/parsers' })).statusCode).toBe(401);
    expect((await call('GET', '/v1/parsers', undefined, 'dsk_wrong')).statusCode).toBe(401);
  });

  it('documents the routes in /openapi.json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/v1/parsers']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/v1/parsers/{parser_id}']).sort()).toEqual(['delete', 'get', 'put']);
    expect(Object.keys(paths['/v1/parsers/{parser_id}/versions']).sort()).toEqual(['get', 'post']);
    expect(paths['/v1/parsers/{parser_id}/versions/{version}']).toHaveProperty('get');
  });
});
