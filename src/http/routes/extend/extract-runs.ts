import { Type } from 'typebox';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import type { CreateBatchRequest, CreateRunRequest } from '../../../surfaces/extend/extract-runs.js';
import { dashboardBase } from './dashboard-base.js';
import { AnyObject, IdParams, PageQuery, TAGS } from './schemas.js';

const CreateBody = Type.Object(
  {
    file: Type.Optional(AnyObject),
    extractor: Type.Optional(AnyObject),
    config: Type.Optional(AnyObject),
    priority: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: true },
);

const BatchBody = Type.Object(
  {
    extractor: Type.Optional(AnyObject),
    inputs: Type.Optional(Type.Array(Type.Unknown())),
    priority: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: true },
);

const ListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(Type.String()),
  extractorId: Type.Optional(Type.String()),
  batchId: Type.Optional(Type.String()),
  sourceId: Type.Optional(Type.String()),
  source: Type.Optional(Type.String()),
  fileNameContains: Type.Optional(Type.String()),
  sortBy: Type.Optional(Type.String()),
});

export function registerExtractRunRoutes(app: App, core: Core): void {
  app.post(
    '/extract_runs',
    { schema: { summary: 'Extract File (Async): create an extract run', tags: TAGS, body: CreateBody } },
    async (request) => core.extend.runs.create(request.auth, request.body as CreateRunRequest, dashboardBase(request)),
  );

  app.post(
    '/extract_runs/batch',
    { schema: { summary: 'Batch Extract: one extract run per input, with the same extractor', tags: TAGS, body: BatchBody } },
    async (request) => core.extend.runs.createBatch(request.auth, request.body as CreateBatchRequest),
  );

  app.get('/batch_runs/:id', { schema: { summary: 'Get a batch run (status derived from its extract runs)', tags: TAGS, params: IdParams } }, async (request) =>
    core.extend.runs.getBatch(request.auth.tenantId, request.params.id),
  );

  app.post(
    '/extract',
    { config: { rateLimit: 'submit' }, schema: { summary: 'Extract File (Sync): create an extract run and answer it once finished', tags: TAGS, body: CreateBody } },
    async (request, reply) => {
      // Stop polling when the client goes away (the response closes unsent); the run itself carries on.
      const gone = new AbortController();
      reply.raw.once('close', () => gone.abort());
      return core.extend.runs.extract(request.auth, request.body as CreateRunRequest, dashboardBase(request), { signal: gone.signal });
    },
  );

  app.get('/extract_runs', { schema: { summary: 'List extract runs', tags: TAGS, querystring: ListQuery } }, async (request) =>
    core.extend.runs.list(request.auth.tenantId, request.query, dashboardBase(request)),
  );

  app.get('/extract_runs/:id', { schema: { summary: 'Get an extract run', tags: TAGS, params: IdParams } }, async (request) =>
    core.extend.runs.get(request.auth.tenantId, request.params.id, dashboardBase(request)),
  );

  app.post('/extract_runs/:id/cancel', { schema: { summary: 'Cancel an extract run in progress', tags: TAGS, params: IdParams } }, async (request) =>
    core.extend.runs.cancel(request.auth.tenantId, request.params.id, dashboardBase(request)),
  );

  app.delete('/extract_runs/:id', { schema: { summary: 'Delete an extract run and its data', tags: TAGS, params: IdParams } }, async (request) =>
    core.extend.runs.delete(request.auth.tenantId, request.params.id),
  );
}
