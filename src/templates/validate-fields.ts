import { describeValue, isPlainObject, IssueList, type DefinitionIssue } from './definition-issues.js';
import {
  DEFINITION_LIMITS,
  FIELD_NAME_PATTERN,
  FIELD_TYPES,
  NESTED_FIELD_TYPES,
  type FieldDefinition,
  type FieldType,
} from './template-definition.js';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: DefinitionIssue[] };

/** Type names are matched case-insensitively and without spaces ("list<object>" is List<Object>). */
const typeByKey = new Map<string, FieldType>(FIELD_TYPES.map((t) => [t.toLowerCase(), t]));

export function normalizeFieldType(value: unknown): FieldType | undefined {
  return typeof value === 'string' ? typeByKey.get(value.replace(/\s+/g, '').toLowerCase()) : undefined;
}

/** Checks one field or property name; shared with the JSON Schema validator. */
export function checkFieldName(name: unknown, path: string, issues: IssueList): name is string {
  if (name === undefined || name === null) {
    issues.add(path, 'name is required.');
    return false;
  }
  if (typeof name !== 'string') {
    issues.add(path, `name must be a string, got ${describeValue(name)}.`);
    return false;
  }
  if (name.length === 0) {
    issues.add(path, 'name must not be empty.');
    return false;
  }
  if (name.length > DEFINITION_LIMITS.maxNameLength) {
    issues.add(path, `name must be at most ${DEFINITION_LIMITS.maxNameLength} characters.`);
    return false;
  }
  if (name === '__proto__') {
    // Engines build result objects keyed by field name; this key would set the prototype instead.
    issues.add(path, "name '__proto__' is reserved.");
    return false;
  }
  if (!FIELD_NAME_PATTERN.test(name)) {
    issues.add(path, `name '${name}' may contain only letters, digits, '_', '-' and inner spaces.`);
    return false;
  }
  return true;
}

export function checkDescription(value: unknown, path: string, issues: IssueList): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    issues.add(path, `description must be a string, got ${describeValue(value)}.`);
    return undefined;
  }
  if (value.length > DEFINITION_LIMITS.maxDescriptionLength) {
    issues.add(path, `description must be at most ${DEFINITION_LIMITS.maxDescriptionLength} characters.`);
  }
  return value.trim() === '' ? undefined : value;
}

/**
 * Validates a typed-field list and returns it normalized: canonical type names, no unknown keys
 * (clients such as the embed UI send extra ones like `id`), `description` only when non-empty and
 * `required` only when true. Every problem is reported, each at its own path.
 */
export function validateFields(input: unknown, path = 'fields'): ValidationResult<FieldDefinition[]> {
  const issues = new IssueList();
  const counter = { fields: 0 };
  const fields = walkList(input, path, 1, issues, counter);
  if (counter.fields > DEFINITION_LIMITS.maxFields) {
    issues.add(path, `a definition may have at most ${DEFINITION_LIMITS.maxFields} fields, nested ones included; this one has ${counter.fields}.`);
  }
  return issues.empty && fields ? { ok: true, value: fields } : { ok: false, issues: issues.items };
}

function walkList(
  input: unknown,
  path: string,
  depth: number,
  issues: IssueList,
  counter: { fields: number },
): FieldDefinition[] | undefined {
  if (!Array.isArray(input)) {
    issues.add(path, `must be an array of field definitions, got ${describeValue(input)}.`);
    return undefined;
  }
  const seen = new Map<string, number>();
  const out: FieldDefinition[] = [];
  input.forEach((item, index) => {
    const itemPath = `${path}.${index}`;
    counter.fields += 1;
    if (!isPlainObject(item)) {
      issues.add(itemPath, `each field must be an object with a name and a type, got ${describeValue(item)}.`);
      return;
    }
    const field = walkField(item, itemPath, depth, issues, counter);
    if (typeof item.name === 'string' && item.name !== '') {
      const previous = seen.get(item.name);
      if (previous !== undefined) {
        issues.add(`${itemPath}.name`, `duplicate field name '${item.name}' (also at ${path}.${previous}); names must be unique among siblings.`);
      } else {
        seen.set(item.name, index);
      }
    }
    if (field) out.push(field);
  });
  return out;
}

function walkField(
  item: Record<string, unknown>,
  path: string,
  depth: number,
  issues: IssueList,
  counter: { fields: number },
): FieldDefinition | undefined {
  const before = issues.items.length;
  const nameOk = checkFieldName(item.name, `${path}.name`, issues);

  const type = normalizeFieldType(item.type);
  if (item.type === undefined || item.type === null) {
    issues.add(`${path}.type`, `type is required; one of ${FIELD_TYPES.join(', ')}.`);
  } else if (!type) {
    issues.add(`${path}.type`, `type must be one of ${FIELD_TYPES.join(', ')}; got ${describeValue(item.type)}.`);
  }

  const description = checkDescription(item.description, `${path}.description`, issues);
  if (item.required !== undefined && item.required !== null && typeof item.required !== 'boolean') {
    issues.add(`${path}.required`, `required must be true or false, got ${describeValue(item.required)}.`);
  }

  let children: FieldDefinition[] | undefined;
  const hasChildren = Array.isArray(item.children) ? item.children.length > 0 : item.children !== undefined && item.children !== null;
  if (type && NESTED_FIELD_TYPES.includes(type)) {
    if (!hasChildren) {
      issues.add(`${path}.children`, `${type} fields need a non-empty children array describing their fields.`);
    } else if (depth >= DEFINITION_LIMITS.maxDepth) {
      issues.add(`${path}.children`, `fields may be nested at most ${DEFINITION_LIMITS.maxDepth} levels deep.`);
    } else {
      children = walkList(item.children, `${path}.children`, depth + 1, issues, counter);
    }
  } else if (type && hasChildren) {
    // An empty children array on a scalar is harmless (UIs send one); real children would be dropped silently.
    issues.add(`${path}.children`, `only Object and List<Object> fields can have children; this field is ${type}.`);
  }

  if (issues.items.length > before || !nameOk || !type) return undefined;
  return {
    name: item.name as string,
    type,
    ...(description !== undefined ? { description } : {}),
    ...(item.required === true ? { required: true } : {}),
    ...(children ? { children } : {}),
  };
}
