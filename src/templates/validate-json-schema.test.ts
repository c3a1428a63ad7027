import { describe, expect, it } from 'vitest';
import { validateJsonSchema } from './validate-json-schema.js';

function issuesOf(input: unknown): Record<string, string[]> {
  const result = validateJsonSchema(input);
  if (result.ok) throw new Error('expected validation to fail');
  const out: Record<string, string[]> = {};
  for (const issue of result.issues) (out[issue.path] ??= []).push(issue.message);
  return out;
}

const invoiceSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  title: 'Invoice',
  properties: {
    invoice_number: { type: ['string', 'null'], description: 'The invoice id' },
    total: { type: 'number' },
    count: { type: 'integer' },
    paid: { type: ['boolean', 'null'] },
    issued: { type: ['string', 'null'], format: 'date' },
    status: { type: ['string', 'null'], enum: ['open', 'paid', null] },
    due: { anyOf: [{ type: 'string', 'extend:type': 'date' }, { type: 'null' }], description: 'Due date' },
    vendor: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
    tags: { type: 'array', items: { type: 'string' } },
    line_items: {
      type: 'array',
      items: { type: 'object', properties: { amount: { type: ['number', 'null'] } } },
    },
  },
  required: ['invoice_number'],
};

describe('validateJsonSchema', () => {
  it('accepts a schema of supported types and keeps it verbatim (as a copy)', () => {
    const result = validateJsonSchema(invoiceSchema);
    expect(result).toEqual({ ok: true, value: invoiceSchema });
    if (result.ok) expect(result.value).not.toBe(invoiceSchema);
  });

  it('accepts an object root without properties (an empty draft)', () => {
    expect(validateJsonSchema({ type: 'object' }).ok).toBe(true);
    expect(validateJsonSchema({ type: 'object', properties: {} }).ok).toBe(true);
  });

  it('rejects a __proto__ property', () => {
    const schema = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}');
    expect(issuesOf(schema)).toEqual({ 'schema.properties.__proto__': ["name '__proto__' is reserved."] });
  });

  it('requires an object root', () => {
    expect(issuesOf({ type: 'array', items: { type: 'string' } })).toEqual({
      'schema.type': ['the root of the schema must have "type": "object".'],
    });
    expect(issuesOf('nope')).toEqual({ schema: [expect.stringContaining('must be a JSON Schema object')] });
    expect(issuesOf([])).toHaveProperty('schema');
  });

  it('reports every unsupported construct at its own path', () => {
    const details = issuesOf({
      type: 'object',
      properties: {
        a: { type: 'date' },
        b: { type: ['string', 'number'] },
        c: { $ref: '#/$defs/c', type: 'string' },
        d: { type: 'object' },
        e: { type: 'array' },
        f: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
        g: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        h: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        'bad.name': { type: 'string' },
        i: { type: 'object', properties: { j: { type: 'strin' } } },
        k: { type: 'string', enum: [] },
        l: 'string',
        m: { type: 'string', description: 42 },
      },
      required: ['a', 'missing'],
    });
    expect(details).toMatchObject({
      'schema.properties.a.type': [expect.stringContaining("type 'date' is not supported")],
      'schema.properties.b.type': [expect.stringContaining('exactly one of')],
      'schema.properties.c.$ref': [expect.stringContaining('$ref is not supported')],
      'schema.properties.d.properties': [expect.stringContaining('needs a properties object')],
      'schema.properties.e.items': [expect.stringContaining('needs an items schema')],
      'schema.properties.f.items.type': [expect.stringContaining('arrays of arrays')],
      'schema.properties.g.type': [expect.stringContaining('type is required')],
      'schema.properties.h.anyOf': [expect.stringContaining('nullable')],
      'schema.properties.bad.name': [expect.stringContaining("may contain only letters")],
      'schema.properties.i.properties.j.type': [expect.stringContaining("type 'strin'")],
      'schema.properties.k.enum': [expect.stringContaining('non-empty array')],
      'schema.properties.l': [expect.stringContaining('must be a JSON Schema object')],
      'schema.properties.m.description': [expect.stringContaining('must be a string')],
      'schema.required': [expect.stringContaining("'missing'")],
    });
    expect(details['schema.properties.g.oneOf']).toBeDefined();
  });
});
