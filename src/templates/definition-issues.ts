import type { AppError } from '../internal/errors/app-error.js';
import { errors } from '../internal/errors/errors.js';

/**
 * One problem in a submitted definition. `path` uses the same dotted form as the HTTP layer's
 * validation details (`fields.2.children.0.type`, `schema.properties.total.type`), so a client sees one
 * style whichever layer caught the mistake.
 */
export interface DefinitionIssue {
  path: string;
  message: string;
}

/** Collects issues while a definition is walked, so one response lists every problem at once. */
export class IssueList {
  readonly items: DefinitionIssue[] = [];

  add(path: string, message: string): void {
    this.items.push({ path, message });
  }

  get empty(): boolean {
    return this.items.length === 0;
  }
}

/** A VALIDATION_ERROR whose details map each path to its messages. */
export function definitionError(issues: readonly DefinitionIssue[], subject = 'parser definition'): AppError {
  const details: Record<string, string[]> = {};
  for (const issue of issues) (details[issue.path] ??= []).push(issue.message);
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const message = first
    ? `Invalid ${subject}: ${first.path}: ${first.message.replace(/\.$/, '')}${more}.`
    : `Invalid ${subject}.`;
  return errors.validation(message, details);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Renders a received value briefly for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
