import { isPlainObject } from './definition-issues.js';
import type { JsonSchema } from './template-definition.js';

/** The JSON Schema types a definition may use; `null` only alongside one of them (nullable). */
export const JSON_SCHEMA_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array'] as const;
export type JsonSchemaType = (typeof JSON_SCHEMA_TYPES)[number];

export type ResolvedNode =
  | { ok: true; type: JsonSchemaType; nullable: boolean; node: JsonSchema; description?: string }
  | { ok: false; message: string; at?: string };

const isNullSchema = (s: unknown) =>
  isPlainObject(s) && (s.type === 'null' || (Array.isArray(s.type) && s.type.length === 1 && s.type[0] === 'null'));

/**
 * Reads the one type a node stands for, accepting the usual ways of saying "nullable":
 * `"type": ["string", "null"]` (Extend's form) and `"anyOf": [{…}, {"type": "null"}]` (Pydantic's form).
 */
export function resolveNode(node: JsonSchema): ResolvedNode {
  if (node.anyOf !== undefined) {
    const branches = Array.isArray(node.anyOf) ? node.anyOf : [];
    const nonNull = branches.filter((b) => !isNullSchema(b));
    if (!Array.isArray(node.anyOf) || nonNull.length !== 1 || branches.length > 2 || !isPlainObject(nonNull[0])) {
      return { ok: false, at: 'anyOf', message: 'anyOf is supported only to make one type nullable: [{…}, {"type": "null"}].' };
    }
    const inner = resolveNode(nonNull[0] as JsonSchema);
    if (!inner.ok) return inner;
    const description = typeof node.description === 'string' ? node.description : inner.description;
    return { ...inner, nullable: true, ...(description !== undefined ? { description } : {}) };
  }

  const declared = node.type;
  if (declared === undefined) {
    return { ok: false, at: 'type', message: `type is required; one of ${JSON_SCHEMA_TYPES.join(', ')}.` };
  }
  const list = Array.isArray(declared) ? declared : [declared];
  if (list.some((t) => typeof t !== 'string')) {
    return { ok: false, at: 'type', message: 'type must be a string or an array of strings.' };
  }
  const nonNull = list.filter((t) => t !== 'null');
  if (nonNull.length !== 1) {
    return {
      ok: false,
      at: 'type',
      message: `type must name exactly one of ${JSON_SCHEMA_TYPES.join(', ')} (optionally with "null"); got ${JSON.stringify(declared)}.`,
    };
  }
  const type = nonNull[0] as string;
  if (!(JSON_SCHEMA_TYPES as readonly string[]).includes(type)) {
    return { ok: false, at: 'type', message: `type '${type}' is not supported; use one of ${JSON_SCHEMA_TYPES.join(', ')}.` };
  }
  return {
    ok: true,
    type: type as JsonSchemaType,
    nullable: nonNull.length !== list.length,
    node,
    ...(typeof node.description === 'string' ? { description: node.description } : {}),
  };
}

/** A string node that holds an ISO date (`format: date`, or Extend's `extend:type: date`). */
export function isDateNode(node: JsonSchema): boolean {
  return node.format === 'date' || node['extend:type'] === 'date';
}
