import { Type } from 'typebox';
import { definitionFields, definitionJsonSchema } from '../../../../templates/convert-definition.js';
import { FIELD_TYPES, type TemplateDefinition } from '../../../../templates/template-definition.js';
import type { Template, TemplateVersion } from '../../../../templates/template-types.js';
import { errors } from '../../../../internal/errors/errors.js';

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const fieldTypeList = FIELD_TYPES.join(', ');

/**
 * A typed field as clients send it. Loose on purpose: the templates module checks names, types and
 * nesting itself and reports each problem at its path; this schema documents the shape and keeps
 * extra keys (e.g. a client-side `id`) from failing the request.
 */
export const ParserFieldInput = Type.Cyclic(
  {
    ParserFieldInput: Type.Object({
      name: Type.String({ description: 'Key of the value in extracted data; unique among siblings.' }),
      type: Type.String({ description: `One of ${fieldTypeList} (case-insensitive).` }),
      description: Type.Optional(Nullable(Type.String({ description: 'What to look for.' }))),
      required: Type.Optional(Type.Boolean()),
      children: Type.Optional(
        Type.Array(Type.Ref('ParserFieldInput'), { description: 'The fields of each object, for Object and List<Object>.' }),
      ),
    }),
  },
  'ParserFieldInput',
);

/** A typed field as docsift returns it (canonical type names). */
export const ParserField = Type.Cyclic(
  {
    ParserField: Type.Object({
      name: Type.String(),
      type: Type.Enum([...FIELD_TYPES]),
      description: Type.Optional(Type.String()),
      required: Type.Optional(Type.Boolean()),
      children: Type.Optional(Type.Array(Type.Ref('ParserField'))),
    }),
  },
  'ParserField',
);

export const JsonSchemaObject = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      'A JSON Schema with "type": "object" at the root; properties of type string, number, integer, boolean, object or array, optionally nullable.',
  },
);

export const DefinitionFormat = Type.Enum(['fields', 'json_schema'], {
  description: 'The form the definition was written in; both forms are always returned.',
});

/** The definition keys a create or update body may carry. */
export const DefinitionBody = {
  fields: Type.Optional(Type.Array(ParserFieldInput, { description: 'Typed fields; give this or schema.' })),
  schema: Type.Optional(JsonSchemaObject),
  format: Type.Optional(
    Type.Enum(['fields', 'json_schema'], {
      description: 'When a body carries both fields and schema (e.g. a parser read back), which one to use.',
    }),
  ),
  instructions: Type.Optional(Nullable(Type.String({ maxLength: 20_000, description: 'Free-text extraction rules.' }))),
  extraction_mode: Type.Optional(
    Nullable(
      Type.Enum(['local', 'llm', 'hybrid'], {
        description: "How runs of this parser extract: local (built-in engine), llm, or hybrid (engine first, the LLM filling the rest). Null: the server's DOCSIFT_LLM_MODE. An extraction's extraction_mode overrides it.",
      }),
    ),
  ),
};

/** Picks the definition a body means: one of fields or schema, `format` deciding when both are there. */
export function definitionFromBody(body: { fields?: unknown; schema?: unknown; format?: 'fields' | 'json_schema' }): {
  fields?: unknown;
  schema?: unknown;
} {
  const hasFields = body.fields !== undefined && body.fields !== null;
  const hasSchema = body.schema !== undefined && body.schema !== null;
  if (hasFields && hasSchema) {
    if (body.format === 'fields') return { fields: body.fields };
    if (body.format === 'json_schema') return { schema: body.schema };
    throw errors.validation('Give either fields or schema, not both (or set format to choose one).', {
      schema: ['give either fields or schema, not both, or set format.'],
    });
  }
  if (body.format === 'fields' && hasSchema) {
    throw errors.validation('format is fields but only a schema was given.', { fields: ['fields is required when format is fields.'] });
  }
  if (body.format === 'json_schema' && hasFields) {
    throw errors.validation('format is json_schema but only fields were given.', { schema: ['schema is required when format is json_schema.'] });
  }
  return { ...(hasFields ? { fields: body.fields } : {}), ...(hasSchema ? { schema: body.schema } : {}) };
}

const definitionView = {
  format: DefinitionFormat,
  fields: Type.Array(ParserField, { description: 'The definition as typed fields.' }),
  schema: Type.Object({}, { additionalProperties: true, description: 'The definition as a JSON Schema.' }),
  instructions: Nullable(Type.String()),
  extraction_mode: Nullable(Type.String({ description: 'local | llm | hybrid, or null for the server default.' })),
};

export const ParserView = Type.Object({
  parser_id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  document_type: Nullable(Type.String()),
  ...definitionView,
  latest_version: Nullable(Type.Integer({ description: 'Sequence number of the latest published version.' })),
  latest_version_label: Nullable(Type.String({ description: 'Its release label, e.g. "1.1".' })),
  has_unpublished_changes: Type.Boolean({ description: 'The draft differs from the latest published version.' }),
  auto_match: Type.Boolean({ description: 'Documents submitted without parser_id may be matched to this parser.' }),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const ParserVersionView = Type.Object({
  version_id: Type.String(),
  parser_id: Type.String(),
  version: Type.Integer({ description: 'Sequence number: 1, 2, 3…; pass it as parser_version to pin a run.' }),
  label: Type.String({ description: 'Release label "major.minor".' }),
  description: Nullable(Type.String()),
  document_type: Nullable(Type.String()),
  ...definitionView,
  created_at: Type.String(),
});

export const ParserParams = Type.Object({ parser_id: Type.String() });

function definitionViewOf(definition: TemplateDefinition) {
  return {
    format: definition.format,
    fields: definitionFields(definition),
    schema: definitionJsonSchema(definition),
    instructions: definition.instructions ?? null,
    extraction_mode: definition.extractionMode ?? null,
  };
}

export function parserView(template: Template) {
  return {
    parser_id: template.id,
    name: template.name,
    description: template.description,
    document_type: template.documentType,
    ...definitionViewOf(template.draft),
    latest_version: template.latestVersion?.version ?? null,
    latest_version_label: template.latestVersion?.label ?? null,
    has_unpublished_changes: template.hasUnpublishedChanges,
    auto_match: template.autoMatch,
    created_at: template.createdAt,
    updated_at: template.updatedAt,
  };
}

export function parserVersionView(version: TemplateVersion) {
  return {
    version_id: version.id,
    parser_id: version.templateId,
    version: version.version,
    label: version.label,
    description: version.description,
    document_type: version.documentType,
    ...definitionViewOf(version.definition),
    created_at: version.createdAt,
  };
}
