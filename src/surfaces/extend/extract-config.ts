import { definitionJsonSchema } from '../../templates/convert-definition.js';
import { definitionError } from '../../templates/definition-issues.js';
import { checkDefinitionInput } from '../../templates/parse-definition.js';
import type { JsonSchema, TemplateDefinition } from '../../templates/template-definition.js';
import { errors } from '../../internal/errors/errors.js';

/**
 * Extend's extract config (`ExtractConfigJson`) and docsift's template definition: `schema` is the
 * definition's JSON Schema, stored as written, and `extractionRules` its instructions.
 *
 * `baseProcessor`, `baseVersion`, `advancedOptions` and `parseConfig` choose and tune Extend's hosted
 * models. docsift runs its own engine, so they are stored as given (the definition's processor
 * options, frozen with each version) and echoed back, and they change nothing in the extraction, with
 * two exceptions: `advancedOptions.pageRanges` selects the pages a run reads, as docsift's page ranges,
 * and `advancedOptions.citationsEnabled: false` leaves citations out of the run's output.
 * Unset ones are reported with the defaults below.
 */
export interface ExtractConfig {
  baseProcessor: string;
  baseVersion: string;
  extractionRules?: string;
  schema: JsonSchema;
  advancedOptions: Record<string, unknown>;
  parseConfig?: Record<string, unknown>;
}

export const BASE_PROCESSOR = 'extraction_performance';
export const BASE_VERSION = '4.0.0';
const BASE_PROCESSORS = ['extraction_performance', 'extraction_light'];
const DEFAULT_ADVANCED_OPTIONS = { citationsEnabled: true };

/** The processor settings kept as given, by their Extend names. */
export const PROCESSOR_OPTION_KEYS = ['baseProcessor', 'baseVersion', 'advancedOptions', 'parseConfig'] as const;

/** The config a definition runs with, as Extend shows it. */
export function configFromDefinition(definition: TemplateDefinition): ExtractConfig {
  const options = definition.processorOptions ?? {};
  return {
    baseProcessor: typeof options.baseProcessor === 'string' ? options.baseProcessor : BASE_PROCESSOR,
    baseVersion: typeof options.baseVersion === 'string' ? options.baseVersion : BASE_VERSION,
    ...(definition.instructions ? { extractionRules: definition.instructions } : {}),
    schema: definitionJsonSchema(definition),
    advancedOptions: isObject(options.advancedOptions) ? options.advancedOptions : DEFAULT_ADVANCED_OPTIONS,
    ...(isObject(options.parseConfig) ? { parseConfig: options.parseConfig } : {}),
  };
}

/** The config of a run with no schema (docsift's built-in models): every field the model found. */
export function builtInConfig(): ExtractConfig {
  return { baseProcessor: BASE_PROCESSOR, baseVersion: BASE_VERSION, schema: { type: 'object', properties: {} }, advancedOptions: DEFAULT_ADVANCED_OPTIONS };
}

/** `advancedOptions.pageRanges` ([{start, end}], 1-based, inclusive) as docsift's page ranges ("1-10,20-30"). */
export function pageRangesOf(config: Pick<ExtractConfig, 'advancedOptions'> | undefined): string | undefined {
  const ranges = config?.advancedOptions?.pageRanges;
  if (!Array.isArray(ranges) || ranges.length === 0) return undefined;
  return ranges.map((r: { start: number; end: number }) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(',');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ParsedConfig {
  /** The definition, or undefined when the config carries no schema (e.g. only new extraction rules). */
  definition?: TemplateDefinition;
  /** extractionRules as given: a string, null to clear, undefined to keep. */
  instructions?: string | null;
  /** The processor settings given (only those keys), kept as written. */
  options: Record<string, unknown>;
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
  const given = processorOptions(c, options.path);
  if (c.schema === undefined || c.schema === null) {
    if (options.requireSchema) throw errors.fieldInvalid(`${options.path}.schema`, `${options.path}.schema (a JSON Schema with an object root) is required.`);
    return { instructions, options: given };
  }
  const result = checkDefinitionInput({ schema: c.schema, instructions: instructions ?? undefined }, { pathPrefix: options.path });
  if (!result.ok) throw definitionError(result.issues, 'config');
  const definition = Object.keys(given).length > 0 ? { ...result.value, processorOptions: given } : result.value;
  return { definition, instructions, options: given };
}

/** baseVersion a string, advancedOptions and parseConfig objects, pageRanges well-formed; kept as given. */
function processorOptions(c: Record<string, unknown>, path: string): Record<string, unknown> {
  if (c.baseVersion !== undefined && typeof c.baseVersion !== 'string') throw errors.fieldInvalid(`${path}.baseVersion`, `${path}.baseVersion must be a string.`);
  for (const key of ['advancedOptions', 'parseConfig'] as const) {
    if (c[key] !== undefined && !isObject(c[key])) throw errors.fieldInvalid(`${path}.${key}`, `${path}.${key} must be an object.`);
  }
  const ranges = isObject(c.advancedOptions) ? c.advancedOptions.pageRanges : undefined;
  if (ranges !== undefined) {
    const ok =
      Array.isArray(ranges) &&
      ranges.every((r) => isObject(r) && Number.isInteger(r.start) && Number.isInteger(r.end) && (r.start as number) >= 1 && (r.end as number) >= (r.start as number));
    if (!ok) throw errors.fieldInvalid(`${path}.advancedOptions.pageRanges`, `${path}.advancedOptions.pageRanges must be a list of {start, end} with 1 <= start <= end.`);
  }
  return Object.fromEntries(PROCESSOR_OPTION_KEYS.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));
}
