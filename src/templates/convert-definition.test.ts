import { describe, expect, it } from 'vitest';
import { definitionFields, definitionJsonSchema, fieldsToJsonSchema, jsonSchemaToFields } from './convert-definition.js';
import type { FieldDefinition } from './template-definition.js';
import { validateJsonSchema } from './validate-json-schema.js';

const fields: FieldDefinition[] = [
  { name: 'invoice_number', type: 'String', description: 'The invoice id', required: true },
  { name: 'total', type: 'Number' },
  { name: 'paid', type: 'Boolean' },
  { name: 'issued', type: 'Date', description: 'Issue date' },
  { name: 'tags', type: 'List<String>' },
  {
    name: 'vendor',
    type: 'Object',
    description: 'Who sent it',
    children: [
      { name: 'name', type: 'String', required: true },
      { name: 'address', type: 'Object', children: [{ name: 'city', type: 'String' }] },
    ],
  },
  { name: 'line_items', type: 'List<Object>', children: [{ name: 'amount', type: 'Number' }, { name: 'sku', type: 'String' }] },
];

describe('fieldsToJsonSchema', () => {
  it('renders typed fields as an object schema with nullable scalars', () => {
    expect(fieldsToJsonSchema(fields)).toEqual({
      type: 'object',
      properties: {
        invoice_number: { type: ['string', 'null'], description: 'The invoice id' },
        total: { type: ['number', 'null'] },
        paid: { type: ['boolean', 'null'] },
        issued: { type: ['string', 'null'], format: 'date', description: 'Issue date' },
        tags: { type: 'array', items: { type: ['string', 'null'] } },
        vendor: {
          type: 'object',
          description: 'Who sent it',
          properties: {
            name: { type: ['string', 'null'] },
            address: { type: 'object', properties: { city: { type: ['string', 'null'] } }, additionalProperties: false },
          },
          required: ['name'],
          additionalProperties: false,
        },
        line_items: {
          type: 'array',
          items: {
            type: 'object',
            properties: { amount: { type: ['number', 'null'] }, sku: { type: ['string', 'null'] } },
            additionalProperties: false,
          },
        },
      },
      required: ['invoice_number'],
      additionalProperties: false,
    });
  });

  it('produces a schema that validates, and converts back to the same fields', () => {
    const schema = fieldsToJsonSchema(fields);
    expect(validateJsonSchema(schema).ok).toBe(true);
    expect(jsonSchemaToFields(schema)).toEqual(fields);
  });
});

describe('jsonSchemaToFields', () => {
  it('maps JSON Schema types, nullability forms and required lists to typed fields', () => {
    const result = jsonSchemaToFields({
      type: 'object',
      properties: {
        id: { type: 'integer', description: 'Row id' },
        name: { type: 'string' },
        status: { type: ['string', 'null'], enum: ['open', 'paid', null] },
        when: { type: 'string', format: 'date-time' },
        due: { anyOf: [{ type: 'string', 'extend:type': 'date' }, { type: 'null' }], description: 'Due date' },
        scores: { type: 'array', items: { type: 'number' } },
        rows: { type: 'array', items: { anyOf: [{ type: 'object', properties: { a: { type: 'boolean' } }, required: ['a'] }, { type: 'null' }] } },
      },
      required: ['name', 'rows'],
    });
    expect(result).toEqual([
      { name: 'id', type: 'Number', description: 'Row id' },
      { name: 'name', type: 'String', required: true },
      { name: 'status', type: 'String' },
      { name: 'when', type: 'String' },
      { name: 'due', type: 'Date', description: 'Due date' },
      { name: 'scores', type: 'List<String>' },
      { name: 'rows', type: 'List<Object>', required: true, children: [{ name: 'a', type: 'Boolean', required: true }] },
    ]);
  });

  it('returns no fields for an empty object schema', () => {
    expect(jsonSchemaToFields({ type: 'object' })).toEqual([]);
  });
});

describe('definition views', () => {
  it('serves both forms whichever was authored', () => {
    const schema = { type: 'object', properties: { total: { type: 'number', 'extend:type': 'currency' } } };
    const fromSchema = { format: 'json_schema' as const, schema };
    expect(definitionJsonSchema(fromSchema)).toBe(schema);
    expect(definitionFields(fromSchema)).toEqual([{ name: 'total', type: 'Number' }]);

    const fromFields = { format: 'fields' as const, fields };
    expect(definitionFields(fromFields)).toBe(fields);
    expect(definitionJsonSchema(fromFields)).toEqual(fieldsToJsonSchema(fields));
  });
});
