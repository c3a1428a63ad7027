import { Type } from 'typebox';
import type { Core } from '../../../core.js';
import { toCoreFields } from '../../../surfaces/embed/template-fields.js';
import { documentTemplateView } from '../../../surfaces/embed/template-view.js';
import { pagination } from '../../../surfaces/embed/pagination.js';
import type { App } from '../../app-type.js';
import { checkIdFormat, IdParams, ok, PageQuery, TAGS } from './schemas.js';
import { nullable } from '../../nullable.js';

/** Fields are checked by the templates service (types, keys, children), which names the bad path. */
const DocumentBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  description: Type.Optional(nullable(Type.String({ maxLength: 4000 }))),
  fields: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 500 })),
});

/** Embed "documents" are docsift templates (parsers on /v1): the same ids on every surface. */
export function registerDocumentRoutes(app: App, core: Core): void {
  app.get('/documents', { schema: { summary: 'List document templates', tags: TAGS, querystring: Type.Object(PageQuery) } }, async (request) => {
    const { page, limit, search } = request.query;
    const result = await core.templates.list(request.auth.tenantId, { page, perPage: limit ?? 20, ...(search?.trim() ? { search: search.trim() } : {}) });
    return ok({ items: result.items.map(documentTemplateView), pagination: pagination(result.page, result.perPage, result.total) });
  });

  app.get('/documents/:id', { schema: { summary: 'Get a document template', tags: TAGS, params: IdParams } }, async (request) =>
    ok(documentTemplateView(await core.templates.get(request.auth.tenantId, checkIdFormat('document', request.params.id)))),
  );

  app.post('/documents', { schema: { summary: 'Create a document template', tags: TAGS, body: DocumentBody } }, async (request, reply) => {
    const { name, description, fields } = request.body;
    const created = await core.templates.create(request.auth.tenantId, {
      name: name ?? '',
      description: description ?? null,
      fields: toCoreFields(fields ?? []),
    });
    return reply.status(201).send(ok(documentTemplateView(created)));
  });

  app.put('/documents/:id', { schema: { summary: 'Update a document template', tags: TAGS, params: IdParams, body: DocumentBody } }, async (request) => {
    const { name, description, fields } = request.body;
    const updated = await core.templates.update(request.auth.tenantId, checkIdFormat('document', request.params.id), {
      ...(name !== undefined ? { name } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(fields !== undefined ? { fields: toCoreFields(fields) } : {}),
    });
    return ok(documentTemplateView(updated));
  });

  app.delete('/documents/:id', { schema: { summary: 'Delete a document template', tags: TAGS, params: IdParams } }, async (request) => {
    await core.templates.delete(request.auth.tenantId, checkIdFormat('document', request.params.id));
    return ok({ deleted: true, id: request.params.id });
  });
}
