import { isDateNode, resolveNode } from './json-schema-node.js';
import type { FieldDefinition, JsonSchema, TemplateDefinition } from './template-definition.js';

/**
 * Typed fields as a JSON Schema. Scalars are nullable (`["string", "null"]`) because an extracted
 * value that is not found is null; that is also the form Extend requires. A field's `required` flag
 * maps to its parent's `required` list, so fields → schema → fields gives the same fields back.
 */
export function fieldsToJsonSchema(fields: readonly FieldDefinition[]): JsonSchema {
  return objectSchema(fields);
}

function objectSchema(fields: readonly FieldDefinition[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of fields) properties[field.name] = fieldSchema(field);
  const required = fields.filter((f) => f.required).map((f) => f.name);
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

function fieldSchema(field: FieldDefinition): JsonSchema {
  const description = field.description !== undefined ? { description: field.description } : {};
  switch (field.type) {
    case 'String':
      return { type: ['string', 'null'], ...description };
    case 'Number':
      return { type: ['number', 'null'], ...description };
    case 'Boolean':
      return { type: ['boolean', 'null'], ...description };
    case 'Date':
      return { type: ['string', 'null'], format: 'date', ...description };
    case 'Object':
      return { ...objectSchema(field.children ?? []), ...description };
    case 'List<String>':
      return { type: 'array', items: { type: ['string', 'null'] }, ...description };
    case 'List<Object>':
      return { type: 'array', items: objectSchema(field.children ?? []), ...description };
  }
}

/**
 * A JSON Schema as typed fields. The mapping is total for schemas that passed validateJsonSchema but
 * lossy where fields have no word for a keyword: integer becomes Number, an array of numbers or
 * booleans becomes List<String>, enum and date-time formats are dropped. The stored schema stays the
 * source of truth for templates authored as JSON Schema.
 */
export function jsonSchemaToFields(schema: JsonSchema): FieldDefinition[] {
  const resolved = resolveNode(schema);
  return propertiesToFields(resolved.ok ? resolved.node : schema);
}

function propertiesToFields(node: JsonSchema): FieldDefinition[] {
  const required = new Set(Array.isArray(node.required) ? node.required : []);
  return Object.entries(node.properties ?? {}).flatMap(([name, property]) => {
    const field = propertyToField(name, property);
    if (!field) return [];
    return [{ ...field, ...(required.has(name) ? { required: true } : {}) }];
  });
}

function propertyToField(name: string, property: JsonSchema): FieldDefinition | undefined {
  const resolved = resolveNode(property);
  if (!resolved.ok) return undefined;
  const node = resolved.node;
  const description = resolved.description !== undefined ? { description: resolved.description } : {};
  switch (resolved.type) {
    case 'string':
      return { name, type: isDateNode(node) ? 'Date' : 'String', ...description };
    case 'number':
    case 'integer':
      return { name, type: 'Number', ...description };
    case 'boolean':
      return { name, type: 'Boolean', ...description };
    case 'object':
      return { name, type: 'Object', ...description, children: propertiesToFields(node) };
    case 'array': {
      const items = node.items ? resolveNode(node.items) : undefined;
      if (items?.ok && items.type === 'object') {
        return { name, type: 'List<Object>', ...description, children: propertiesToFields(items.node) };
      }
      return { name, type: 'List<String>', ...description };
    }
  }
}

/** The definition as typed fields, whichever form it was authored in. */
export function definitionFields(definition: TemplateDefinition): FieldDefinition[] {
  return definition.format === 'fields' ? definition.fields : jsonSchemaToFields(definition.schema);
}

/** The definition as a JSON Schema, whichever form it was authored in. */
export function definitionJsonSchema(definition: TemplateDefinition): JsonSchema {
  return definition.format === 'json_schema' ? definition.schema : fieldsToJsonSchema(definition.fields);
}

/** How many fields a definition extracts at its top level (an empty draft cannot be run). */
export function countTopLevelFields(definition: TemplateDefinition): number {
  return definition.format === 'fields'
    ? definition.fields.length
    : Object.keys(resolveTopLevel(definition.schema).properties ?? {}).length;
}

function resolveTopLevel(schema: JsonSchema): JsonSchema {
  const resolved = resolveNode(schema);
  return resolved.ok ? resolved.node : schema;
}
