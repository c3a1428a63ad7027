import { Type } from 'typebox';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { pageEnvelope, workflowView } from '../../../surfaces/anyformat/views.js';
import { toTemplateFields, type WorkflowField as WorkflowFieldInput } from '../../../surfaces/anyformat/workflow-fields.js';
import { AnyformatError, IdParams, Page, PageQuery, Workflow, WorkflowField } from './schemas.js';
import { nullable } from '../../nullable.js';

const CreateBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  description: Type.Optional(nullable(Type.String())),
  fields: Type.Array(WorkflowField, { minItems: 1 }),
});

/** Workflows are docsift templates: created here, they are parsers on /v1 and extractors elsewhere. */
export function registerWorkflowRoutes(app: App, core: Core): void {
  app.post(
    '/workflows/',
    {
      schema: {
        summary: 'anyformat: create a workflow (the fields to extract).',
        tags: ['anyformat'],
        body: CreateBody,
        response: { 201: Workflow, 400: AnyformatError, 401: AnyformatError },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const template = await core.templates.create(request.auth.tenantId, {
        name: body.name,
        description: body.description ?? null,
        fields: toTemplateFields(body.fields as WorkflowFieldInput[]),
      });
      return reply.status(201).send(workflowView(template));
    },
  );

  app.get(
    '/workflows/',
    {
      schema: {
        summary: 'anyformat: list workflows.',
        tags: ['anyformat'],
        querystring: PageQuery,
        response: { 200: Page(Workflow), 401: AnyformatError },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const perPage = request.query.page_size ?? 20;
      const listed = await core.templates.list(request.auth.tenantId, { page, perPage });
      return pageEnvelope({ results: listed.items.map(workflowView), count: listed.total, page, perPage, url: request.url });
    },
  );

  app.get(
    '/workflows/:id/',
    {
      schema: { summary: 'anyformat: a workflow.', tags: ['anyformat'], params: IdParams, response: { 200: Workflow, 401: AnyformatError, 404: AnyformatError } },
    },
    async (request) => workflowView(await core.templates.get(request.auth.tenantId, request.params.id)),
  );

  app.delete(
    '/workflows/:id/',
    {
      schema: { summary: 'anyformat: delete a workflow.', tags: ['anyformat'], params: IdParams, response: { 204: Type.Null(), 401: AnyformatError, 404: AnyformatError } },
    },
    async (request, reply) => {
      await core.templates.delete(request.auth.tenantId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
