import type { FieldDefinition, FieldType } from '../../templates/template-definition.js';
import { errors } from '../../internal/errors/errors.js';

/**
 * anyformat describes a workflow's fields as {name, description, data_type}; docsift templates use
 * typed fields. data_type names are matched loosely (case, common synonyms); nested types take their
 * own `fields`. Going back, each docsift type shows as its canonical anyformat name, so `integer`
 * reads back as `float` (docsift has one Number type).
 */
const TO_TYPE: Record<string, FieldType> = {
  string: 'String',
  str: 'String',
  text: 'String',
  float: 'Number',
  number: 'Number',
  integer: 'Number',
  int: 'Number',
  decimal: 'Number',
  boolean: 'Boolean',
  bool: 'Boolean',
  date: 'Date',
  datetime: 'Date',
  list: 'List<String>',
  array: 'List<String>',
  'list[string]': 'List<String>',
  object: 'Object',
  dict: 'Object',
  table: 'List<Object>',
  'list[object]': 'List<Object>',
};

const FROM_TYPE: Record<FieldType, string> = {
  String: 'string',
  Number: 'float',
  Boolean: 'boolean',
  Date: 'date',
  'List<String>': 'list',
  Object: 'object',
  'List<Object>': 'table',
};

export const ANYFORMAT_DATA_TYPES = Object.keys(TO_TYPE);

export interface WorkflowField {
  name: string;
  description?: string;
  data_type?: string;
  fields?: WorkflowField[];
}

export function toTemplateFields(fields: WorkflowField[], path = 'fields'): FieldDefinition[] {
  return fields.map((f, i) => {
    const raw = (f.data_type ?? 'string').trim().toLowerCase();
    const type = TO_TYPE[raw];
    if (!type) {
      throw errors.validation(`Unknown data_type '${f.data_type}' for field '${f.name}'.`, {
        [`${path}[${i}].data_type`]: [`Must be one of: ${ANYFORMAT_DATA_TYPES.join(', ')}.`],
      });
    }
    const out: FieldDefinition = { name: f.name, type, description: f.description ?? '' };
    if (type === 'Object' || type === 'List<Object>') out.children = toTemplateFields(f.fields ?? [], `${path}[${i}].fields`);
    return out;
  });
}

export function toWorkflowFields(fields: FieldDefinition[]): WorkflowField[] {
  return fields.map((f) => ({
    name: f.name,
    description: f.description ?? '',
    data_type: FROM_TYPE[f.type],
    ...(f.children ? { fields: toWorkflowFields(f.children) } : {}),
  }));
}
