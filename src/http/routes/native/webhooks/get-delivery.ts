import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { DeliveryDetailView, deliveryDetailView, DeliveryParams } from './views.js';

export function registerGetDelivery(app: App, core: Core): void {
  app.get(
    '/webhooks/deliveries/:delivery_id',
    {
      schema: {
        summary: 'Get a delivery with the payload sent and every attempt (status code, latency, response excerpt, error).',
        tags: ['webhooks'],
        params: DeliveryParams,
        response: { 200: Type.Object({ delivery: DeliveryDetailView }), 404: ErrorResponse },
      },
    },
    async (request) => {
      const { delivery, attempts } = await core.webhooks.deliveries.get(request.auth.tenantId, request.params.delivery_id);
      return { delivery: deliveryDetailView(delivery, attempts) };
    },
  );
}
