/**
 * What a template (parser, extractor, workflow, document template) asks the engine to extract.
 *
 * A definition is authored in one of two equivalent forms and served in both: typed fields (the native,
 * embed and anyformat surfaces) or a JSON Schema (the Extend surface). The authored form is stored as
 * given, so a JSON Schema keeps keywords the fields view cannot express (enum, `extend:*`, titles);
 * the other view is derived on read (see convert-definition.ts).
 */

export const FIELD_TYPES = ['String', 'Number', 'Boolean', 'Date', 'Object', 'List<String>', 'List<Object>'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Field types whose values are objects described by `children`. */
export const NESTED_FIELD_TYPES: readonly FieldType[] = ['Object', 'List<Object>'];

export interface FieldDefinition {
  /** The key of the value in extracted data; unique among its siblings. */
  name: string;
  type: FieldType;
  /** What to look for; engines use it as the field's prompt or hint. */
  description?: string;
  /** The field is expected on every document (its absence is reported); values can still be null. */
  required?: boolean;
  /** The fields of each object, for Object and List<Object> only. */
  children?: FieldDefinition[];
}

/** A JSON Schema node as docsift reads it: the keywords it interprets, plus any others kept verbatim. */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  format?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  [keyword: string]: unknown;
}

interface DefinitionBase {
  /** Free-text extraction rules for the engine (Extend's `extractionRules`). */
  instructions?: string;
  /**
   * Processor settings a surface accepts that docsift's engine does not use (Extend's baseProcessor,
   * baseVersion, advancedOptions, parseConfig): kept with the definition, and frozen with it at
   * publish, so a client reads back exactly what it wrote.
   */
  processorOptions?: Record<string, unknown>;
  /**
   * How runs of this template extract: `local` (the built-in engine), `llm` (the configured LLM) or
   * `hybrid` (the engine first, the LLM filling what it missed). Unset: DOCSIFT_LLM_MODE. An
   * extraction's own `extraction_mode` overrides it.
   */
  extractionMode?: ExtractionModeName;
}

export const EXTRACTION_MODE_NAMES = ['local', 'llm', 'hybrid'] as const;
export type ExtractionModeName = (typeof EXTRACTION_MODE_NAMES)[number];

export interface FieldsDefinition extends DefinitionBase {
  format: 'fields';
  fields: FieldDefinition[];
}

export interface JsonSchemaDefinition extends DefinitionBase {
  format: 'json_schema';
  /** The root object schema, as the client wrote it (validated, never rewritten). */
  schema: JsonSchema;
}

/** The versioned part of a template: what a draft holds and a published version freezes. */
export type TemplateDefinition = FieldsDefinition | JsonSchemaDefinition;

/** Bounds that keep a definition small enough to prompt with and to render in a UI. */
export const DEFINITION_LIMITS = {
  /** Levels of nesting: top-level fields are level 1, their children level 2, and so on. */
  maxDepth: 10,
  /** Fields (or schema properties) in the whole definition, nested ones included. */
  maxFields: 500,
  maxNameLength: 100,
  maxDescriptionLength: 4000,
  maxInstructionsLength: 20_000,
} as const;

/**
 * Field names become keys in extracted data and parts of field paths (`line_items.0.amount`), so they
 * are restricted to letters, digits, `_`, `-` and inner spaces.
 */
export const FIELD_NAME_PATTERN = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_\- ]*[\p{L}\p{N}_-])?$/u;
