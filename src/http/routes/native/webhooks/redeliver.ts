import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { DeliveryParams, deliveryView, DeliveryView } from './views.js';

export function registerRedeliver(app: App, core: Core): void {
  app.post(
    '/webhooks/deliveries/:delivery_id/redeliver',
    {
      schema: {
        summary: 'Send a finished delivery again: a new delivery with the same event id and payload.',
        description: "A subscription's delivery goes to the subscription's current URL. A delivery still being attempted answers 409.",
        tags: ['webhooks'],
        params: DeliveryParams,
        response: { 202: Type.Object({ delivery: DeliveryView }), 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const delivery = await core.webhooks.deliveries.redeliver(request.auth.tenantId, request.params.delivery_id);
      return reply.code(202).send({ delivery: deliveryView(delivery) });
    },
  );
}
