import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { PageQuery, Pagination } from '../schemas.js';
import { webhookView, WebhookView } from './views.js';

export function registerListWebhooks(app: App, core: Core): void {
  app.get(
    '/webhooks',
    {
      schema: {
        summary: 'List webhook subscriptions, newest first.',
        tags: ['webhooks'],
        querystring: Type.Object(PageQuery),
        response: { 200: Type.Object({ webhooks: Type.Array(WebhookView), pagination: Pagination }) },
      },
    },
    async (request) => {
      const result = await core.webhooks.subscriptions.list(request.auth.tenantId, request.query);
      return { webhooks: result.items.map(webhookView), pagination: result.page };
    },
  );
}
