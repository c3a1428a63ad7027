import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { WebhookParams } from './views.js';

export function registerDeleteWebhook(app: App, core: Core): void {
  app.delete(
    '/webhooks/:webhook_id',
    {
      schema: {
        summary: 'Delete a subscription. Its past deliveries stay listed under GET /webhooks/deliveries?webhook_id=.',
        tags: ['webhooks'],
        params: WebhookParams,
        response: { 200: Type.Object({ deleted: Type.Boolean(), webhook_id: Type.String() }), 404: ErrorResponse },
      },
    },
    async (request) => {
      await core.webhooks.subscriptions.delete(request.auth.tenantId, request.params.webhook_id);
      return { deleted: true, webhook_id: request.params.webhook_id };
    },
  );
}
