import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse, PageQuery, Pagination } from '../schemas.js';
import { DeliveryStatus, deliveryView, DeliveryView, WebhookParams } from './views.js';

const Filters = {
  ...PageQuery,
  status: Type.Optional(DeliveryStatus),
  event_type: Type.Optional(Type.String({ maxLength: 100 })),
  event_id: Type.Optional(Type.String({ maxLength: 100 })),
  extraction_id: Type.Optional(Type.String({ maxLength: 100 })),
};

const Response = Type.Object({ deliveries: Type.Array(DeliveryView), pagination: Pagination });

/** GET /webhooks/deliveries (every delivery, per-request webhook_url ones included) and a subscription's own list. */
export function registerListDeliveries(app: App, core: Core): void {
  app.get(
    '/webhooks/deliveries',
    {
      schema: {
        summary: "List the tenant's webhook deliveries (subscriptions and per-request webhook_url), newest first.",
        tags: ['webhooks'],
        querystring: Type.Object({ ...Filters, webhook_id: Type.Optional(Type.String({ maxLength: 100 })) }),
        response: { 200: Response },
      },
    },
    async (request) => {
      const q = request.query;
      const result = await core.webhooks.deliveries.list(request.auth.tenantId, {
        page: q.page,
        per_page: q.per_page,
        status: q.status,
        eventType: q.event_type,
        eventId: q.event_id,
        extractionId: q.extraction_id,
        webhookId: q.webhook_id,
      });
      return { deliveries: result.items.map(deliveryView), pagination: result.page };
    },
  );

  app.get(
    '/webhooks/:webhook_id/deliveries',
    {
      schema: {
        summary: "List a subscription's deliveries, newest first.",
        tags: ['webhooks'],
        params: WebhookParams,
        querystring: Type.Object(Filters),
        response: { 200: Response, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { tenantId } = request.auth;
      await core.webhooks.subscriptions.get(tenantId, request.params.webhook_id);
      const q = request.query;
      const result = await core.webhooks.deliveries.list(tenantId, {
        page: q.page,
        per_page: q.per_page,
        status: q.status,
        eventType: q.event_type,
        eventId: q.event_id,
        extractionId: q.extraction_id,
        webhookId: request.params.webhook_id,
      });
      return { deliveries: result.items.map(deliveryView), pagination: result.page };
    },
  );
}
