import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { nullable } from '../../../nullable.js';
import { ErrorResponse, PageQuery, Pagination } from '../schemas.js';
import { EvaluationItemView, EvaluationSetView, itemView, SetParams, setView } from './views.js';

const CreateSetBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
    parser_id: Type.Optional(nullable(Type.String({ description: 'The parser runs use unless they name another.' }))),
    document_type: Type.Optional(
      nullable(Type.String({ description: 'Without a parser: auto (default), invoice, receipt or bank_statement.' })),
    ),
  },
  { additionalProperties: false },
);

const SetWithItems = Type.Object({ evaluation_set: Type.Object({ ...EvaluationSetView.properties, items: Type.Array(EvaluationItemView) }) });

/** Create, list, read and delete evaluation sets. */
export function registerSetRoutes(app: App, core: Core): void {
  const { sets } = core.evaluations;
  app.post(
    '/evaluation-sets',
    {
      schema: {
        summary: 'Create an evaluation set: documents with expected outputs, to measure a parser version or an extraction mode on.',
        tags: ['evaluations'],
        body: CreateSetBody,
        response: { 201: SetWithItems, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const set = await sets.create(request.auth.tenantId, { name: b.name, description: b.description, parserId: b.parser_id, documentType: b.document_type });
      return reply.status(201).send({ evaluation_set: { ...setView(set, 0), items: [] } });
    },
  );

  app.get(
    '/evaluation-sets',
    {
      schema: {
        summary: 'List evaluation sets, newest first.',
        tags: ['evaluations'],
        querystring: Type.Object(PageQuery),
        response: { 200: Type.Object({ evaluation_sets: Type.Array(EvaluationSetView), pagination: Pagination }) },
      },
    },
    async (request) => {
      const { sets: rows, pagination } = await sets.list(request.auth.tenantId, request.query);
      return { evaluation_sets: rows.map((s) => setView(s, s.item_count)), pagination };
    },
  );

  app.get(
    '/evaluation-sets/:set_id',
    {
      schema: {
        summary: 'An evaluation set with its items and their expected outputs.',
        tags: ['evaluations'],
        params: SetParams,
        response: { 200: SetWithItems, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { set, items } = await sets.getWithItems(request.auth.tenantId, request.params.set_id);
      return { evaluation_set: { ...setView(set, items.length), items: items.map(itemView) } };
    },
  );

  app.delete(
    '/evaluation-sets/:set_id',
    {
      schema: {
        summary: 'Delete a set, its items, runs and the extractions its runs made; the documents its items came from stay.',
        tags: ['evaluations'],
        params: SetParams,
        response: { 200: Type.Object({ deleted: Type.Boolean(), evaluation_set_id: Type.String() }), 404: ErrorResponse },
      },
    },
    async (request) => {
      await sets.delete(request.auth.tenantId, request.params.set_id);
      return { deleted: true, evaluation_set_id: request.params.set_id };
    },
  );
}
