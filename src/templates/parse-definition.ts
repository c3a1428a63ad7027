import { definitionError, describeValue, type DefinitionIssue } from './definition-issues.js';
import { DEFINITION_LIMITS, EXTRACTION_MODE_NAMES, type ExtractionModeName, type TemplateDefinition } from './template-definition.js';
import { validateFields, type ValidationResult } from './validate-fields.js';
import { validateJsonSchema } from './validate-json-schema.js';

/** A definition as a surface receives it: raw client JSON, checked here rather than trusted. */
export interface DefinitionInput {
  /** Typed fields; give this or `schema`. */
  fields?: unknown;
  /** A JSON Schema with an object root; give this or `fields`. */
  schema?: unknown;
  instructions?: unknown;
  /** local | llm | hybrid (see TemplateDefinition.extractionMode). */
  extractionMode?: unknown;
}

export interface ParseDefinitionOptions {
  /** Where the definition sits in the request, for error paths (e.g. `config` for Extend's `config.schema`). */
  pathPrefix?: string;
}

/**
 * Turns client input into a TemplateDefinition, or throws a VALIDATION_ERROR listing every problem
 * with its path. Exactly one of `fields` and `schema` must be given.
 */
export function parseDefinitionInput(input: DefinitionInput, options: ParseDefinitionOptions = {}): TemplateDefinition {
  const result = checkDefinitionInput(input, options);
  if (!result.ok) throw definitionError(result.issues);
  return result.value;
}

/** parseDefinitionInput without the throw: the definition, or every issue found. */
export function checkDefinitionInput(
  input: DefinitionInput,
  options: ParseDefinitionOptions = {},
): ValidationResult<TemplateDefinition> {
  const prefix = options.pathPrefix ? `${options.pathPrefix}.` : '';
  const issues: DefinitionIssue[] = [];
  const hasFields = input.fields !== undefined && input.fields !== null;
  const hasSchema = input.schema !== undefined && input.schema !== null;

  const instructions = parseInstructions(input.instructions, `${prefix}instructions`, issues);
  const extractionMode = parseExtractionMode(input.extractionMode, `${prefix}extraction_mode`, issues);
  let definition: TemplateDefinition | undefined;
  if (hasFields && hasSchema) {
    issues.push({ path: `${prefix}schema`, message: 'give either fields or schema, not both.' });
  } else if (!hasFields && !hasSchema) {
    issues.push({ path: `${prefix}fields`, message: 'fields (typed fields) or schema (a JSON Schema) is required.' });
  } else if (hasFields) {
    const result = validateFields(input.fields, `${prefix}fields`);
    if (result.ok) definition = { format: 'fields', fields: result.value };
    else issues.push(...result.issues);
  } else {
    const result = validateJsonSchema(input.schema, `${prefix}schema`);
    if (result.ok) definition = { format: 'json_schema', schema: result.value };
    else issues.push(...result.issues);
  }

  if (issues.length > 0 || !definition) return { ok: false, issues };
  return {
    ok: true,
    value: { ...definition, ...(instructions !== undefined ? { instructions } : {}), ...(extractionMode ? { extractionMode } : {}) },
  };
}

/** undefined or null: not set; else one of the mode names. */
export function parseExtractionMode(value: unknown, path: string, issues: DefinitionIssue[]): ExtractionModeName | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(EXTRACTION_MODE_NAMES as readonly string[]).includes(value)) {
    issues.push({ path, message: `extraction_mode must be one of ${EXTRACTION_MODE_NAMES.join(', ')}, got ${describeValue(value)}.` });
    return undefined;
  }
  return value as ExtractionModeName;
}

function parseInstructions(value: unknown, path: string, issues: DefinitionIssue[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    issues.push({ path, message: `instructions must be a string, got ${describeValue(value)}.` });
    return undefined;
  }
  if (value.length > DEFINITION_LIMITS.maxInstructionsLength) {
    issues.push({ path, message: `instructions must be at most ${DEFINITION_LIMITS.maxInstructionsLength} characters.` });
  }
  return value.trim() === '' ? undefined : value;
}

/**
 * Reads a definition back from its stored JSON. Rows are written only by this module, so this trusts
 * the shape; it exists so a bad row fails loudly with its id instead of deep inside the engine.
 */
export function readStoredDefinition(json: string, where: string): TemplateDefinition {
  const value = JSON.parse(json) as Partial<TemplateDefinition> | null;
  if (value && value.format === 'fields' && Array.isArray(value.fields)) return value as TemplateDefinition;
  if (value && value.format === 'json_schema' && typeof value.schema === 'object') return value as TemplateDefinition;
  throw new Error(`stored definition of ${where} is malformed`);
}
