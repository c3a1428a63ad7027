import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { DeliveryView, deliveryView, WebhookParams } from './views.js';

export function registerSendTestEvent(app: App, core: Core): void {
  app.post(
    '/webhooks/:webhook_id/test',
    {
      schema: {
        summary: 'Send a signed webhook.test event to the subscription, to check the receiver.',
        description: 'Delivered like any event (retries, attempts recorded), also to an inactive subscription. Follow it with GET /webhooks/deliveries/:delivery_id.',
        tags: ['webhooks'],
        params: WebhookParams,
        response: { 202: Type.Object({ delivery: DeliveryView }), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const delivery = await core.webhooks.sendTest(request.auth.tenantId, request.params.webhook_id);
      return reply.code(202).send({ delivery: deliveryView(delivery) });
    },
  );
}
