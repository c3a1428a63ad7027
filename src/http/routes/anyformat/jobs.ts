import type { FastifyReply } from 'fastify';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { contentDisposition } from '../native/files/get-file.js';
import { jobView, pageEnvelope } from '../../../surfaces/anyformat/views.js';
import { errors } from '../../../internal/errors/errors.js';
import { AnyformatError, IdParams, Job, Page, PageQuery } from './schemas.js';

export function registerJobRoutes(app: App, core: Core): void {
  app.get(
    '/workflows/:id/results/',
    {
      schema: {
        summary: "anyformat: every job of the workflow with its results, newest first.",
        tags: ['anyformat'],
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Page(Job), 401: AnyformatError, 404: AnyformatError },
      },
    },
    async (request) => {
      const tenantId = request.auth.tenantId;
      const workflow = await core.templates.get(tenantId, request.params.id);
      const page = request.query.page ?? 1;
      const perPage = request.query.page_size ?? 20;
      const { items, pagination } = await core.extractions.list(tenantId, { parser_id: workflow.id, page, per_page: perPage });
      return pageEnvelope({
        results: items.map((i) => jobView(i.extraction, i.documents)),
        count: pagination.total,
        page: pagination.page,
        perPage: pagination.per_page,
        url: request.url,
      });
    },
  );

  app.get(
    '/jobs/:id/',
    {
      schema: { summary: 'anyformat: a job with its status and, once processed, its results.', tags: ['anyformat'], params: IdParams, response: { 200: Job, 401: AnyformatError, 404: AnyformatError } },
    },
    async (request) => {
      const { extraction, documents } = await core.extractions.get(request.auth.tenantId, request.params.id);
      return jobView(extraction, documents);
    },
  );

  app.get(
    '/jobs/:id/file/',
    { schema: { summary: "anyformat: download the job's original file.", tags: ['anyformat'], params: IdParams, response: { 401: AnyformatError, 404: AnyformatError } } },
    async (request, reply) => {
      const tenantId = request.auth.tenantId;
      const { documents } = await core.extractions.get(tenantId, request.params.id);
      const doc = documents[0];
      if (!doc) throw errors.notFound('file');
      const { file, stream } = await core.files.content(tenantId, doc.file_id);
      return (reply as FastifyReply)
        .type(file.media_type)
        .header('content-disposition', contentDisposition(file.filename, 'attachment'))
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
}
