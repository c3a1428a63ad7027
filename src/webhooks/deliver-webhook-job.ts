import { Type } from 'typebox';
import type { JobDefinition } from '../internal/queue/types.js';
import type { WebhookSender } from './webhook-sender.js';

export const DELIVER_WEBHOOK = 'webhook.deliver';

const Payload = Type.Object({ delivery_id: Type.String() });

/**
 * One delivery = one job. The queue supplies durability (a delivery survives a restart), the lease,
 * and the retry schedule: exponential backoff with equal jitter from `backoffMs`.
 */
export function deliverWebhookJob(sender: WebhookSender, options: { maxRetries: number; backoffMs: number }): JobDefinition<typeof Payload> {
  return {
    name: DELIVER_WEBHOOK,
    payloadSchema: Payload,
    handler: (payload, ctx) => sender.deliver(payload.delivery_id, ctx),
    onDead: (payload) => sender.abandon(payload.delivery_id),
    maxAttempts: options.maxRetries + 1,
    backoffMs: options.backoffMs,
  };
}
