import type { WebhookScheme } from './delivery-types.js';
import { SIGNATURE_HEADER, signWebhookPayload } from './signature.js';

export const DOCSIFT_SCHEME = 'docsift-v1';

/** The native surface's headers: the timestamped HMAC signature and the event's identity. */
export const docsiftScheme: WebhookScheme = {
  name: DOCSIFT_SCHEME,
  headers: (ctx) => ({
    [SIGNATURE_HEADER]: signWebhookPayload({ secrets: ctx.secrets, timestamp: ctx.timestamp, body: ctx.body }),
    'X-Docsift-Event': ctx.event.type,
    'X-Docsift-Event-Id': ctx.event.id,
    'X-Docsift-Delivery-Id': ctx.deliveryId,
    'X-Docsift-Attempt': String(ctx.attempt),
  }),
};
