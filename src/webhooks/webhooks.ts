import type { Config } from '../config.js';
import type { Db } from '../internal/db/database.js';
import type { JobQueue } from '../internal/queue/types.js';
import { deliverWebhookJob } from './deliver-webhook-job.js';
import type { WebhookDeliveryRow } from '../internal/db/schema.js';
import { newId, nowIso } from '../internal/ids.js';
import { DOCSIFT_SCHEME, docsiftScheme } from './docsift-scheme.js';
import { testEvent } from './native-events.js';
import { NativeWebhookListener } from './native-webhook-listener.js';
import { WebhookDeliveries } from './webhook-deliveries.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhookSubscriptions } from './webhook-subscriptions.js';

/** The webhook services the composition root hands to routes and surfaces. */
export interface Webhooks {
  subscriptions: WebhookSubscriptions;
  deliveries: WebhookDeliveries;
  /** Runs delivery attempts; surfaces register their signing schemes on it (registerScheme). */
  sender: WebhookSender;
  /** The native surface's DocumentListener. */
  listener: NativeWebhookListener;
  /** Queues a signed `webhook.test` event to a subscription (active or not); returns the delivery. */
  sendTest(tenantId: string, webhookId: string): Promise<WebhookDeliveryRow>;
}

type WebhookConfig = Pick<Config, 'allowPrivateNetwork' | 'webhookMaxRetries' | 'webhookBackoffMs' | 'webhookTimeoutMs'>;

/**
 * Built in two steps because the queue sits in between: the sender (the job's handler) exists before
 * the queue, the services that enqueue deliveries after it.
 */
export function createWebhookSender(db: Db, config: WebhookConfig): WebhookSender {
  return new WebhookSender({
    db,
    policy: { allowPrivateNetwork: config.allowPrivateNetwork },
    timeoutMs: config.webhookTimeoutMs,
    schemes: [docsiftScheme],
  });
}

export function webhookJobDefinition(sender: WebhookSender, config: WebhookConfig) {
  return deliverWebhookJob(sender, { maxRetries: config.webhookMaxRetries, backoffMs: config.webhookBackoffMs });
}

export function createWebhooks(deps: { db: Db; queue: JobQueue; sender: WebhookSender; config: WebhookConfig }): Webhooks {
  const subscriptions = new WebhookSubscriptions({ db: deps.db, policy: { allowPrivateNetwork: deps.config.allowPrivateNetwork } });
  const deliveries = new WebhookDeliveries({ db: deps.db, queue: deps.queue, maxAttempts: deps.config.webhookMaxRetries + 1 });
  const listener = new NativeWebhookListener({ subscriptions, deliveries });
  const sendTest = async (tenantId: string, webhookId: string) => {
    const subscription = await subscriptions.get(tenantId, webhookId);
    const event = testEvent({ id: newId('evt'), createdAt: nowIso(), webhookId });
    return deliveries.enqueue(deps.db, {
      tenantId,
      event: { id: event.id, type: event.type },
      url: subscription.url,
      webhookId,
      body: JSON.stringify(event),
      signing: { scheme: DOCSIFT_SCHEME, secret: { kind: 'subscription', webhookId } },
    });
  };
  return { subscriptions, deliveries, sender: deps.sender, listener, sendTest };
}
