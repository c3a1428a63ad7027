import { Ajv, type ValidateFunction } from 'ajv';
import type { FieldSpec } from '../extract/field-schema.js';
import { findAmounts, parseAmount } from '../normalize/amounts.js';
import { type DateOrder, parseDate } from '../normalize/dates.js';
import { LlmError } from '../../llm/llm-provider.js';

type JsonSchema = Record<string, unknown>;

const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';

function nodeFor(spec: FieldSpec): JsonSchema {
  const description = spec.description || undefined;
  switch (spec.kind) {
    case 'number':
      return { type: ['number', 'null'], description };
    case 'boolean':
      return { type: ['boolean', 'null'], description };
    case 'date':
      return { type: ['string', 'null'], pattern: ISO_DATE, description: `${description ? `${description}; ` : ''}ISO date YYYY-MM-DD` };
    case 'object':
      return { type: ['object', 'null'], description, properties: propertiesOf(spec.children), required: spec.children.map((c) => c.name) };
    case 'list_string':
      return { type: 'array', description, items: { type: 'string' } };
    case 'list_object':
      return {
        type: 'array',
        description,
        items: { type: 'object', properties: propertiesOf(spec.children), required: spec.children.map((c) => c.name) },
      };
    default:
      return { type: ['string', 'null'], description };
  }
}

function propertiesOf(specs: FieldSpec[]): Record<string, JsonSchema> {
  return Object.fromEntries(specs.map((s) => [s.name, nodeFor(s)]));
}

/**
 * The JSON Schema the model answers in: every field present, null when the document does not show
 * it (so a model is never pushed to invent a value to satisfy `required`), dates as ISO text, amounts
 * as numbers, with each field's description as its prompt.
 */
export function answerSchema(specs: FieldSpec[]): JsonSchema {
  return { type: 'object', properties: propertiesOf(specs), required: specs.map((s) => s.name), additionalProperties: false };
}

// Built on first use, so a server that never calls an LLM never pays for it.
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/**
 * Checks a model's answer against the schema after bringing printed forms to typed ones ("1.250,00"
 * to 1250, "03/04/2025" to a date in the document's date order). Values that still fail are set to
 * null and named in `problems`; the rest of the answer is kept.
 */
export function checkAnswer(specs: FieldSpec[], answer: unknown, dateOrder: DateOrder): { values: Record<string, unknown>; problems: string[] } {
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) {
    throw new LlmError('invalid_output', `the model's answer is ${Array.isArray(answer) ? 'an array' : typeof answer}, not a JSON object`);
  }
  const values = normalizeObject(specs, answer as Record<string, unknown>, dateOrder);
  const schema = answerSchema(specs);
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, coerceTypes: true, strict: false });
    validate = ajv.compile(schema);
    if (compiled.size > 200) compiled.clear();
    compiled.set(key, validate);
  }
  const problems: string[] = [];
  if (!validate(values)) {
    for (const error of validate.errors ?? []) {
      const path = error.instancePath.split('/').slice(1);
      if (!path.length) continue;
      problems.push(`${path.join('.')} ${error.message ?? 'is invalid'}`);
      setAt(values, path, null);
    }
  }
  return { values, problems };
}

function normalizeObject(specs: FieldSpec[], raw: Record<string, unknown>, order: DateOrder): Record<string, unknown> {
  return Object.fromEntries(specs.map((s) => [s.name, normalizeValue(s, raw[s.name], order)]));
}

function normalizeValue(spec: FieldSpec, v: unknown, order: DateOrder): unknown {
  if (v === undefined || v === '' || v === null) return spec.kind === 'list_object' || spec.kind === 'list_string' ? [] : null;
  switch (spec.kind) {
    case 'number':
      if (typeof v === 'string') return parseAmount(v)?.value ?? findAmounts(v)[0]?.amount.value ?? v;
      return v;
    case 'date':
      if (typeof v === 'string' && !new RegExp(ISO_DATE).test(v)) return parseDate(v, order) ?? v;
      return v;
    case 'object':
      return v && typeof v === 'object' && !Array.isArray(v) ? normalizeObject(spec.children, v as Record<string, unknown>, order) : v;
    case 'list_string':
      return Array.isArray(v) ? v.filter((x) => x !== null && x !== '').map((x) => (typeof x === 'number' ? String(x) : x)) : v;
    case 'list_object':
      if (!Array.isArray(v)) return v;
      // Rows whose every value is null are dropped: a cut-off answer's last row, or a row the model left empty.
      return v
        .map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? normalizeObject(spec.children, item as Record<string, unknown>, order) : item))
        .filter((item) => !(item && typeof item === 'object' && Object.values(item).every((x) => x === null)));
    default:
      return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
  }
}

function setAt(root: Record<string, unknown>, path: string[], value: unknown): void {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    node = (node as Record<string, unknown> | null)?.[key];
    if (!node || typeof node !== 'object') return;
  }
  const last = path[path.length - 1];
  if (Array.isArray(node)) node[Number(last)] = value;
  else (node as Record<string, unknown>)[last] = value;
}
