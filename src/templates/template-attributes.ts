import { describeValue, type DefinitionIssue } from './definition-issues.js';

/** Limits on a template's own (unversioned) attributes. */
export const TEMPLATE_LIMITS = {
  maxNameLength: 200,
  maxDescriptionLength: 4000,
  maxDocumentTypeLength: 100,
  maxVersionDescriptionLength: 4000,
} as const;

/** A required, non-blank string, trimmed. */
export function checkName(value: unknown, path: string, issues: DefinitionIssue[]): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    issues.push({ path, message: value === undefined ? 'name is required.' : `name must be a non-empty string, got ${describeValue(value)}.` });
    return undefined;
  }
  const name = value.trim();
  if (name.length > TEMPLATE_LIMITS.maxNameLength) {
    issues.push({ path, message: `name must be at most ${TEMPLATE_LIMITS.maxNameLength} characters.` });
  }
  return name;
}

/** An optional string: undefined leaves it unchanged, null or blank clears it. */
export function checkOptionalText(
  value: unknown,
  path: string,
  maxLength: number,
  issues: DefinitionIssue[],
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') {
    issues.push({ path, message: `${path} must be a string, got ${describeValue(value)}.` });
    return undefined;
  }
  if (value.length > maxLength) issues.push({ path, message: `${path} must be at most ${maxLength} characters.` });
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** An optional boolean: undefined leaves it unchanged. */
export function checkOptionalBoolean(value: unknown, path: string, issues: DefinitionIssue[]): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    issues.push({ path, message: `${path} must be true or false, got ${describeValue(value)}.` });
    return undefined;
  }
  return value;
}
