import { describeValue, isPlainObject, IssueList } from './definition-issues.js';
import { resolveNode } from './json-schema-node.js';
import { DEFINITION_LIMITS, type JsonSchema } from './template-definition.js';
import { checkDescription, checkFieldName, type ValidationResult } from './validate-fields.js';

/** Keywords that would need a general JSON Schema engine; extraction works on a plain tree of types. */
const UNSUPPORTED_KEYWORDS = ['$ref', 'oneOf', 'allOf', 'not', 'if', 'then', 'else', 'patternProperties', '$dynamicRef'];

/**
 * Checks that a JSON Schema is one docsift can extract with: an object root whose properties are
 * strings, numbers, integers, booleans, objects (with properties) or arrays (of one of those, not of
 * arrays), nullable or not, nested at most DEFINITION_LIMITS.maxDepth levels. Returns a deep copy of
 * the schema as given: unknown keywords (`title`, `examples`, `extend:*`) are kept, not judged.
 */
export function validateJsonSchema(input: unknown, path = 'schema'): ValidationResult<JsonSchema> {
  const issues = new IssueList();
  if (!isPlainObject(input)) {
    issues.add(path, `must be a JSON Schema object, got ${describeValue(input)}.`);
    return { ok: false, issues: issues.items };
  }
  const root = input as JsonSchema;
  const resolved = resolveNode(root);
  if (!resolved.ok || resolved.type !== 'object') {
    issues.add(`${path}.type`, `the root of the schema must have "type": "object".`);
  } else {
    const counter = { properties: 0 };
    checkCommonKeywords(root, path, issues);
    checkObject(root, path, 1, issues, counter, { allowEmpty: true });
    if (counter.properties > DEFINITION_LIMITS.maxFields) {
      issues.add(path, `a schema may have at most ${DEFINITION_LIMITS.maxFields} properties, nested ones included; this one has ${counter.properties}.`);
    }
  }
  if (!issues.empty) return { ok: false, issues: issues.items };
  return { ok: true, value: structuredClone(root) };
}

function checkObject(
  node: JsonSchema,
  path: string,
  depth: number,
  issues: IssueList,
  counter: { properties: number },
  options: { allowEmpty: boolean } = { allowEmpty: false },
): void {
  const properties = node.properties;
  if (properties === undefined && options.allowEmpty) return;
  if (!isPlainObject(properties)) {
    issues.add(`${path}.properties`, `an object schema needs a properties object, got ${describeValue(properties)}.`);
    return;
  }
  const names = Object.keys(properties);
  if (names.length === 0 && !options.allowEmpty) {
    issues.add(`${path}.properties`, 'an object schema needs at least one property.');
  }
  if (depth > DEFINITION_LIMITS.maxDepth) {
    issues.add(`${path}.properties`, `properties may be nested at most ${DEFINITION_LIMITS.maxDepth} levels deep.`);
    return;
  }
  for (const name of names) {
    const propertyPath = `${path}.properties.${name}`;
    counter.properties += 1;
    checkFieldName(name, propertyPath, issues);
    checkProperty(properties[name], propertyPath, depth, issues, counter);
  }
  if (node.required !== undefined) {
    if (!Array.isArray(node.required) || node.required.some((r) => typeof r !== 'string')) {
      issues.add(`${path}.required`, 'required must be an array of property names.');
    } else {
      for (const name of node.required) {
        if (!Object.hasOwn(properties, name)) issues.add(`${path}.required`, `required names '${name}', which is not a property.`);
      }
    }
  }
  if (node.additionalProperties !== undefined && typeof node.additionalProperties !== 'boolean') {
    issues.add(`${path}.additionalProperties`, 'additionalProperties must be true or false; schemas for extra keys are not supported.');
  }
}

function checkProperty(
  value: unknown,
  path: string,
  depth: number,
  issues: IssueList,
  counter: { properties: number },
): void {
  if (!isPlainObject(value)) {
    issues.add(path, `must be a JSON Schema object, got ${describeValue(value)}.`);
    return;
  }
  const node = value as JsonSchema;
  checkCommonKeywords(node, path, issues);
  const resolved = resolveNode(node);
  if (!resolved.ok) {
    issues.add(resolved.at ? `${path}.${resolved.at}` : path, resolved.message);
    return;
  }
  const inner = resolved.node;
  if (inner !== node) checkCommonKeywords(inner, path, issues);

  switch (resolved.type) {
    case 'object':
      checkObject(inner, path, depth + 1, issues, counter);
      return;
    case 'array': {
      const items = inner.items;
      if (!isPlainObject(items)) {
        issues.add(`${path}.items`, `an array schema needs an items schema, got ${describeValue(items)}.`);
        return;
      }
      const itemType = resolveNode(items as JsonSchema);
      if (!itemType.ok) {
        issues.add(itemType.at ? `${path}.items.${itemType.at}` : `${path}.items`, itemType.message);
        return;
      }
      if (itemType.type === 'array') {
        issues.add(`${path}.items.type`, 'arrays of arrays are not supported; wrap the inner array in an object.');
        return;
      }
      checkCommonKeywords(items as JsonSchema, `${path}.items`, issues);
      if (itemType.type === 'object') checkObject(itemType.node, `${path}.items`, depth + 1, issues, counter);
      return;
    }
    default:
      return;
  }
}

function checkCommonKeywords(node: JsonSchema, path: string, issues: IssueList): void {
  for (const keyword of UNSUPPORTED_KEYWORDS) {
    if (node[keyword] !== undefined) {
      issues.add(`${path}.${keyword}`, `${keyword} is not supported; describe the value with a plain type instead.`);
    }
  }
  checkDescription(node.description, `${path}.description`, issues);
  if (node.format !== undefined && typeof node.format !== 'string') {
    issues.add(`${path}.format`, 'format must be a string.');
  }
  if (node.enum !== undefined) {
    const ok =
      Array.isArray(node.enum) &&
      node.enum.length > 0 &&
      node.enum.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
    if (!ok) issues.add(`${path}.enum`, 'enum must be a non-empty array of strings, numbers, booleans or null.');
  }
}
