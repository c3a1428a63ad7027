import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import type { NewItemInput } from '../../../../evaluations/evaluation-sets-service.js';
import { errors } from '../../../../internal/errors/errors.js';
import { formValue, readMultipart } from '../../../multipart.js';
import { ErrorResponse } from '../schemas.js';
import { EvaluationItemView, itemView, SetParams } from './views.js';

const AddItemBody = Type.Object(
  {
    document_id: Type.Optional(Type.String({ description: "A reviewed document: its file is copied and its reviewed output becomes the expected output." })),
    file_id: Type.Optional(Type.String({ description: 'An uploaded file (POST /v1/files), copied into the item; needs `expected`.' })),
    expected: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'The expected output, e.g. {"total_amount": 120, "line_items": [...]}.' })),
  },
  {
    additionalProperties: false,
    description:
      'JSON: `document_id` (a reviewed document), or `file_id` with `expected`. Or multipart/form-data with a `file` part and an `expected` ' +
      'field holding the expected output as JSON.',
  },
);

const ItemParams = Type.Object({ set_id: Type.String(), item_id: Type.String() });

/** Add items to a set (an upload with its expected output, or a reviewed document in one call) and remove them. */
export function registerItemRoutes(app: App, core: Core): void {
  const { sets } = core.evaluations;
  app.post(
    '/evaluation-sets/:set_id/items',
    {
      schema: {
        summary: "Add an item: a reviewed document (its reviewed output becomes the expectation), or a file with its expected output.",
        tags: ['evaluations'],
        params: SetParams,
        consumes: ['application/json', 'multipart/form-data'],
        body: { content: { 'application/json': { schema: AddItemBody } } },
        response: { 201: Type.Object({ item: EvaluationItemView }), 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request, reply) => {
      // Another tenant's (or an unknown) set is a 404 whatever the body holds.
      await sets.get(request.auth.tenantId, request.params.set_id);
      let input: NewItemInput;
      if (request.isMultipart()) {
        const form = await readMultipart(request, ['file']);
        if (form.files.length !== 1) throw errors.fieldInvalid('file', 'Send exactly one file in the `file` field.');
        const expected = formValue(form, 'expected');
        if (expected === undefined) throw errors.fieldInvalid('expected', 'Send the expected output as JSON in the `expected` field.');
        input = { kind: 'upload', file: form.files[0], expected };
      } else {
        const body = (request.body ?? {}) as { document_id?: string; file_id?: string; expected?: unknown };
        if (body.document_id && (body.file_id || body.expected !== undefined)) {
          throw errors.validation('Send either document_id, or file_id with expected.', { document_id: ['document_id takes no file_id or expected.'] });
        }
        if (body.document_id) input = { kind: 'document', documentId: body.document_id };
        else if (body.file_id) {
          if (body.expected === undefined) throw errors.fieldInvalid('expected', 'A file_id needs its expected output in `expected`.');
          input = { kind: 'file', fileId: body.file_id, expected: body.expected };
        } else throw errors.validation('Send document_id (a reviewed document), file_id with expected, or a multipart file with expected.', { body: ['Nothing to add.'] });
      }
      const item = await sets.addItem(request.auth.tenantId, request.params.set_id, input);
      return reply.status(201).send({ item: itemView(item) });
    },
  );

  app.delete(
    '/evaluation-sets/:set_id/items/:item_id',
    {
      schema: {
        summary: "Remove an item and its copy of the file (its source document stays).",
        tags: ['evaluations'],
        params: ItemParams,
        response: { 200: Type.Object({ deleted: Type.Boolean(), item_id: Type.String() }), 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      await sets.deleteItem(request.auth.tenantId, request.params.set_id, request.params.item_id);
      return { deleted: true, item_id: request.params.item_id };
    },
  );
}
