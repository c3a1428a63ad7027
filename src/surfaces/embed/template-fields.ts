import { errors } from '../../internal/errors/errors.js';
import type { FieldDefinition } from '../../templates/template-definition.js';

/**
 * An embed "document" (template) field: `{id?, key, type, description, children?}`. The core names the
 * key `name`; the client's `id` (a UI row id) is not stored, and answers carry `id` = the key.
 */
export interface EmbedField {
  id?: unknown;
  key?: unknown;
  type?: unknown;
  description?: unknown;
  required?: unknown;
  children?: unknown;
}

/** The docs: "Each field requires a key, type, and description" (children too). */
function checkEmbedField(f: unknown, path: string): void {
  if (typeof f !== 'object' || f === null || Array.isArray(f)) return; // the templates service names it
  const field = f as EmbedField & { name?: unknown };
  for (const part of ['key', 'type', 'description'] as const) {
    const value = part === 'key' ? (field.key ?? field.name) : field[part];
    if (typeof value !== 'string' || (part !== 'description' && !value.trim())) {
      throw errors.fieldInvalid(`${path}.${part}`, `${path}.${part} is required: each field needs a key, type and description.`);
    }
  }
}

/** Client fields to core field definitions; the templates service validates names, types and nesting. */
export function toCoreFields(fields: unknown, path = 'fields'): unknown {
  if (!Array.isArray(fields)) return fields;
  return fields.map((f: unknown, i) => {
    checkEmbedField(f, `${path}[${i}]`);
    if (typeof f !== 'object' || f === null) return f;
    const { id: _id, key, children, ...rest } = f as EmbedField & Record<string, unknown>;
    return {
      ...rest,
      // `name` is accepted too, for clients that send the native form.
      name: key ?? (rest as { name?: unknown }).name,
      ...(children !== undefined ? { children: toCoreFields(children, `${path}[${i}].children`) } : {}),
    };
  });
}

export interface EmbedFieldView {
  id: string;
  key: string;
  type: string;
  description: string;
  required?: boolean;
  children?: EmbedFieldView[];
}

export function embedFields(fields: readonly FieldDefinition[]): EmbedFieldView[] {
  return fields.map((f) => ({
    id: f.name,
    key: f.name,
    type: f.type,
    description: f.description ?? '',
    ...(f.required ? { required: true } : {}),
    ...(f.children ? { children: embedFields(f.children) } : {}),
  }));
}
