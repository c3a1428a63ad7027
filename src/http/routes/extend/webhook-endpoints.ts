import { Type } from 'typebox';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { AnyObject, IdParams, PageQuery, TAGS } from './schemas.js';

const ListQuery = Type.Object({ ...PageQuery, status: Type.Optional(Type.String()) });

/** Extend webhook endpoints are the core's webhook subscriptions of the `extend` surface. */
export function registerWebhookEndpointRoutes(app: App, core: Core): void {
  app.post('/webhook_endpoints', { schema: { summary: 'Create a webhook endpoint (the signing secret is shown once)', tags: TAGS, body: AnyObject } }, async (request) =>
    core.extend.webhookEndpoints.create(request.auth.tenantId, request.body),
  );
  app.get('/webhook_endpoints', { schema: { summary: 'List webhook endpoints', tags: TAGS, querystring: ListQuery } }, async (request) =>
    core.extend.webhookEndpoints.list(request.auth.tenantId, request.query),
  );
  app.get('/webhook_endpoints/:id', { schema: { summary: 'Get a webhook endpoint', tags: TAGS, params: IdParams } }, async (request) =>
    core.extend.webhookEndpoints.get(request.auth.tenantId, request.params.id),
  );
  app.post('/webhook_endpoints/:id', { schema: { summary: 'Update a webhook endpoint', tags: TAGS, params: IdParams, body: Type.Optional(AnyObject) } }, async (request) =>
    core.extend.webhookEndpoints.update(request.auth.tenantId, request.params.id, request.body ?? {}),
  );
  app.delete('/webhook_endpoints/:id', { schema: { summary: 'Delete a webhook endpoint', tags: TAGS, params: IdParams } }, async (request) =>
    core.extend.webhookEndpoints.delete(request.auth.tenantId, request.params.id),
  );
}
