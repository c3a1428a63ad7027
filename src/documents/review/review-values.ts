import type { ReviewField } from './review-fields.js';

/** Collects problems by field path, the `details` of a VALIDATION_ERROR. */
export type ReportProblem = (path: string, message: string) => void;

export const joinPath = (parent: string, key: string | number) => (parent ? `${parent}.${key}` : String(key));

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?$/;

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-30), or an ISO-8601 date-time. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
  }
  return ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** A new object of a field's shape: every child present, null. */
export function emptyObject(children: ReviewField[]): Record<string, unknown> {
  return Object.fromEntries(children.map((c) => [c.name, null]));
}

/**
 * Checks a reviewed value against its field and returns it in the stored shape: every value may be
 * null (not found); an object gets all of its fields, the missing ones null, so exports keep their
 * columns. Problems are reported under the path they occur at.
 */
export function checkValue(field: ReviewField, value: unknown, path: string, report: ReportProblem): unknown {
  if (value === null) return null;
  switch (field.kind) {
    case 'any':
      return value;
    case 'string':
      if (typeof value !== 'string') report(path, `'${path}' must be a string or null.`);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) report(path, `'${path}' must be a number or null.`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') report(path, `'${path}' must be true, false or null.`);
      return value;
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value)) report(path, `'${path}' must be an ISO date (YYYY-MM-DD) or null.`);
      return value;
    case 'object':
      if (!isPlainObject(value)) {
        report(path, `'${path}' must be an object or null.`);
        return value;
      }
      return checkObject(field.children, value, path, report);
    case 'list_string':
      if (!Array.isArray(value)) {
        report(path, `'${path}' must be a list of strings or null.`);
        return value;
      }
      value.forEach((v, i) => {
        if (typeof v !== 'string') report(joinPath(path, i), `'${joinPath(path, i)}' must be a string.`);
      });
      return value;
    case 'list_object':
      if (!Array.isArray(value)) {
        report(path, `'${path}' must be a list of objects or null.`);
        return value;
      }
      return value.map((item, i) => {
        const at = joinPath(path, i);
        if (!isPlainObject(item)) {
          report(at, `'${at}' must be an object.`);
          return item;
        }
        return checkObject(field.children, item, at, report);
      });
  }
}

/** An object's fields checked one by one; a key the field does not define is reported by its path. */
export function checkObject(children: ReviewField[], value: Record<string, unknown>, path: string, report: ReportProblem): Record<string, unknown> {
  // An object typed without children (a bare JSON Schema `object`) takes any keys.
  if (children.length === 0) return value;
  const out = emptyObject(children);
  for (const [key, v] of Object.entries(value)) {
    const child = children.find((c) => c.name === key);
    const at = joinPath(path, key);
    if (!child) report(at, unknownField(at));
    else out[key] = checkValue(child, v, at, report);
  }
  return out;
}

export const unknownField = (path: string) => `Unknown field '${path}': the document's schema has no such field.`;
