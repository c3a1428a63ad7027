import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { WebhookParams, webhookView, WebhookView } from './views.js';

export function registerGetWebhook(app: App, core: Core): void {
  app.get(
    '/webhooks/:webhook_id',
    {
      schema: {
        summary: 'Get a webhook subscription (without its secret).',
        tags: ['webhooks'],
        params: WebhookParams,
        response: { 200: Type.Object({ webhook: WebhookView }), 404: ErrorResponse },
      },
    },
    async (request) => ({ webhook: webhookView(await core.webhooks.subscriptions.get(request.auth.tenantId, request.params.webhook_id)) }),
  );
}
