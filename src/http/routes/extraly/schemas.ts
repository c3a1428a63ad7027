import { Type } from 'typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ExtralyError = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
});

export const DocumentParams = Type.Object({ id: Type.String({ description: 'The document id returned at submit.' }) });

const Status = Type.Union([Type.Literal('pending'), Type.Literal('processing'), Type.Literal('completed'), Type.Literal('failed')]);

export const DocumentSummary = Type.Object({
  id: Type.String(),
  status: Status,
  detection_type: Nullable(Type.String()),
  original_filename: Nullable(Type.String()),
  pages: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const DocumentDetail = Type.Object({
  id: Type.String(),
  status: Status,
  detection_type: Nullable(Type.String()),
  document_type: Nullable(Type.String()),
  original_filename: Nullable(Type.String()),
  pages: Type.Integer(),
  webhook_url: Nullable(Type.String()),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  results: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], { description: 'The extracted data once completed.' }),
  error: Type.Union([
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Object({ reason: Type.String({ description: 'Why the file could not be read: FILE_ENCRYPTED, FILE_CORRUPT, FILE_EMPTY, NO_PAGES, TOO_MANY_PAGES, IMAGE_TOO_LARGE, INVALID_PAGE_RANGE or LLM_FAILED (the configured model gave nothing usable).' }) })),
    }),
    Type.Null(),
  ]),
  created_at: Type.String(),
  updated_at: Type.String(),
  completed_at: Nullable(Type.String()),
});
