import { Type } from 'typebox';

/** Response pieces shared by native routes (they also document /openapi.json). */
export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});

export const Pagination = Type.Object({
  page: Type.Integer(),
  per_page: Type.Integer(),
  total: Type.Integer(),
  total_pages: Type.Integer(),
});

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

export const FileView = Type.Object({
  file_id: Type.String(),
  filename: Type.String(),
  media_type: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  pages: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String(),
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const DocumentError = Nullable(
  Type.Object({
    code: Type.String(),
    message: Type.String(),
    reason: Nullable(
      Type.String({
        description:
          'Why the document could not be read: FILE_ENCRYPTED, FILE_CORRUPT, FILE_EMPTY, NO_PAGES, TOO_MANY_PAGES, IMAGE_TOO_LARGE, INVALID_PAGE_RANGE or LLM_FAILED (the configured model gave nothing usable); null when there is no precise reason.',
      }),
    ),
  }),
);

export const DocumentSummary = Type.Object({
  document_id: Type.String(),
  filename: Type.String(),
  status: Type.String(),
  stage: Nullable(Type.String()),
  pages: Nullable(Type.Integer()),
  document_type: Nullable(Type.String()),
  template_match: Nullable(
    Type.Object(
      { template_id: Type.String(), confidence: Nullable(Type.Number()) },
      { description: "The tenant's parser the document was matched to when submitted without parser_id (it was extracted with it)." },
    ),
  ),
  error: DocumentError,
});

export const DocumentView = Type.Object({
  document_id: Type.String(),
  extraction_id: Type.String(),
  file_id: Type.String(),
  filename: Type.String(),
  status: Type.String(),
  stage: Nullable(Type.String()),
  pages: Nullable(Type.Integer()),
  document_type: Nullable(Type.String()),
  document_type_confidence: Nullable(Type.Number()),
  parser: Nullable(
    Type.Object({ parser_id: Type.String(), version: Nullable(Type.Integer()), version_label: Nullable(Type.String()) }),
  ),
  template_match: Nullable(
    Type.Object(
      { template_id: Type.String(), confidence: Nullable(Type.Number()) },
      { description: "The tenant's parser the document was matched to when submitted without parser_id (it was extracted with it)." },
    ),
  ),
  data: Nullable(Type.Record(Type.String(), Type.Unknown())),
  fields: Nullable(Type.Record(Type.String(), Type.Unknown())),
  warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
  initial_output: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: "The engine's output, kept unchanged by review." })),
  reviewed_output: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'The output after human review (null until reviewed); `data` serves it.' })),
  reviewed: Type.Boolean(),
  edited: Type.Boolean({ description: 'The review changed at least one value.' }),
  edits: Type.Array(
    Type.Object({ path: Type.String(), before: Type.Unknown(), after: Type.Unknown() }),
    { description: 'Differences from the initial output by field path, e.g. `line_items.1.amount`.' },
  ),
  reviewed_at: Nullable(Type.String()),
  error: DocumentError,
  attempts: Type.Integer(),
  created_at: Type.String(),
  started_at: Nullable(Type.String()),
  completed_at: Nullable(Type.String()),
});

export const ExtractionView = Type.Object({
  extraction_id: Type.String(),
  status: Type.String(),
  parser_id: Nullable(Type.String()),
  parser_version: Nullable(Type.Integer()),
  detection_type: Type.String(),
  custom_fields: Nullable(Type.Array(Type.Unknown())),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  webhook_url: Nullable(Type.String()),
  page_ranges: Nullable(Type.String()),
  priority: Type.Integer(),
  extraction_mode: Nullable(Type.String({ description: 'local | llm | hybrid as asked at submit; null: the parser\'s or the server\'s default.' })),
  document_counts: Type.Object({
    total: Type.Integer(),
    queued: Type.Integer(),
    processing: Type.Integer(),
    completed: Type.Integer(),
    failed: Type.Integer(),
    cancelled: Type.Integer(),
  }),
  pages: Type.Integer(),
  documents: Type.Array(DocumentSummary),
  created_at: Type.String(),
  updated_at: Type.String(),
  completed_at: Nullable(Type.String()),
});

export const ExtractionParams = Type.Object({ extraction_id: Type.String() });
export const DocumentParams = Type.Object({ extraction_id: Type.String(), document_id: Type.String() });
