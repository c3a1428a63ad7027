import { definitionJsonSchema } from '../../templates/convert-definition.js';
import { definitionError } from '../../templates/definition-issues.js';
import { checkDefinitionInput } from '../../templates/parse-definition.js';
import type { JsonSchema, TemplateDefinition } from '../../templates/template-definition.js';
import { errors } from '../../internal/errors/errors.js';

/**
 * Extend's extract config (`ExtractConfigJson`) and docsift's template definition: `schema` is the
 * definition's JSON Schema, stored as written, and `extractionRules` its instructions. The processor
 * and its options describe Extend's hosted models; docsift runs its own engine, so they are reported
 * with fixed values and not stored.
 */
export interface ExtractConfig {
  baseProcessor: string;
  baseVersion: string;
  extractionRules?: string;
  schema: JsonSchema;
  advancedOptions: Record<string, unknown>;
}

export const BASE_PROCESSOR = 'extraction_performance';
export const BASE_VERSION = '4.0.0';
const BASE_PROCESSORS = ['extraction_performance', 'extraction_light'];

/** The config a definition runs with, as Extend shows it. */
export function configFromDefinition(definition: TemplateDefinition): ExtractConfig {
  return {
    baseProcessor: BASE_PROCESSOR,
    baseVersion: BASE_VERSION,
    ...(definition.instructions ? { extractionRules: definition.instructions } : {}),
    schema: definitionJsonSchema(definition),
    advancedOptions: { citationsEnabled: true },
  };
}

/** The config of a run with no schema (docsift's built-in models): every field the model found. */
export function builtInConfig(): ExtractConfig {
  return { baseProcessor: BASE_PROCESSOR, baseVersion: BASE_VERSION, schema: { type: 'object', properties: {} }, advancedOptions: { citationsEnabled: true } };
}

export interface ParsedConfig {
  /** The definition, or undefined when the config carries no schema (e.g. only new extraction rules). */
  definition?: TemplateDefinition;
  /** extractionRules as given: a string, null to clear, undefined to keep. */
  instructions?: string | null;
}

/**
 * Checks an ExtractConfigJson from a request. `requireSchema` for inline run configs; an extractor
 * update may change only the rules. Every problem is reported with its path under `path`.
 */
export function parseExtractConfig(config: unknown, options: { path: string; requireSchema: boolean }): ParsedConfig {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw errors.fieldInvalid(options.path, `${options.path} must be an object.`);
  }
  const c = config as Record<string, unknown>;
  if (c.baseProcessor !== undefined && !BASE_PROCESSORS.includes(String(c.baseProcessor))) {
    throw errors.fieldInvalid(`${options.path}.baseProcessor`, `${options.path}.baseProcessor must be one of ${BASE_PROCESSORS.join(', ')}.`);
  }
  if (c.extractionRules !== undefined && c.extractionRules !== null && typeof c.extractionRules !== 'string') {
    throw errors.fieldInvalid(`${options.path}.extractionRules`, `${options.path}.extractionRules must be a string.`);
  }
  const instructions = c.extractionRules as string | null | undefined;
  if (c.schema === undefined || c.schema === null) {
    if (options.requireSchema) throw errors.fieldInvalid(`${options.path}.schema`, `${options.path}.schema (a JSON Schema with an object root) is required.`);
    return { instructions };
  }
  const result = checkDefinitionInput({ schema: c.schema, instructions: instructions ?? undefined }, { pathPrefix: options.path });
  if (!result.ok) throw definitionError(result.issues, 'config');
  return { definition: result.value, instructions };
}
