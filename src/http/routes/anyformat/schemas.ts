import { Type, type TSchema } from 'typebox';

export const AnyformatError = Type.Object({
  detail: Type.String(),
  code: Type.String(),
  errors: Type.Optional(Type.Unknown()),
});

export const IdParams = Type.Object({ id: Type.String() });

export interface WorkflowFieldSchema {
  name: string;
  description?: string;
  data_type?: string;
  fields?: WorkflowFieldSchema[];
}

export const WorkflowField = Type.Cyclic(
  {
    AnyformatWorkflowField: Type.Object({
      name: Type.String({ minLength: 1 }),
      description: Type.Optional(Type.String()),
      data_type: Type.Optional(Type.String({ description: 'string, float, integer, boolean, date, list, object or table.' })),
      fields: Type.Optional(Type.Array(Type.Ref('AnyformatWorkflowField'), { description: 'The fields of an object or table.' })),
    }),
  },
  'AnyformatWorkflowField',
);

export const Workflow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  fields: Type.Array(Type.Unknown()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const Job = Type.Object({
  id: Type.String(),
  extraction_id: Type.String(),
  workflow_id: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ description: 'queued, processing, processed, failed or cancelled.' }),
  file_name: Type.Union([Type.String(), Type.Null()]),
  file_id: Type.Union([Type.String(), Type.Null()]),
  results: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  error: Type.Union([
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      reason: Type.Union([Type.String({ description: 'Why the file could not be read (FILE_ENCRYPTED, FILE_CORRUPT, ...); null when there is no precise reason.' }), Type.Null()]),
    }),
    Type.Null(),
  ]),
  created_at: Type.String(),
  updated_at: Type.String(),
  completed_at: Type.Union([Type.String(), Type.Null()]),
});

export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    count: Type.Integer(),
    next: Type.Union([Type.String(), Type.Null()]),
    previous: Type.Union([Type.String(), Type.Null()]),
    results: Type.Array(item),
  });
