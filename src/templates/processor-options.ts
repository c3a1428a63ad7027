import type { DefinitionIssue } from './definition-issues.js';
import type { TemplateDefinition } from './template-definition.js';

/**
 * A definition's processor options (TemplateDefinition.processorOptions): settings a surface accepts for
 * a processor docsift does not run, kept with the definition so clients read back what they wrote.
 */
const MAX_PROCESSOR_OPTIONS_BYTES = 20 * 1024;

/** undefined: not given; null: clear; else a JSON object of bounded size. */
export function checkProcessorOptions(value: unknown, issues: DefinitionIssue[]): Record<string, unknown> | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'object' || Array.isArray(value)) {
    issues.push({ path: 'processor_options', message: 'processor options must be a JSON object.' });
    return undefined;
  }
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_PROCESSOR_OPTIONS_BYTES) {
    issues.push({ path: 'processor_options', message: 'processor options must be at most 20 KB of JSON.' });
    return undefined;
  }
  return value as Record<string, unknown>;
}

export function withProcessorOptions(definition: TemplateDefinition, options: Record<string, unknown> | null): TemplateDefinition {
  const { processorOptions: _previous, ...rest } = definition;
  return (options && Object.keys(options).length > 0 ? { ...rest, processorOptions: options } : rest) as TemplateDefinition;
}
