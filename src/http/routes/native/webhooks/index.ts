import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { registerCreateWebhook } from './create-webhook.js';
import { registerDeleteWebhook } from './delete-webhook.js';
import { registerGetDelivery } from './get-delivery.js';
import { registerGetWebhook } from './get-webhook.js';
import { registerListDeliveries } from './list-deliveries.js';
import { registerListWebhooks } from './list-webhooks.js';
import { registerRedeliver } from './redeliver.js';
import { registerRotateWebhookSecret } from './rotate-webhook-secret.js';
import { registerSendTestEvent } from './send-test-event.js';
import { registerUpdateWebhook } from './update-webhook.js';

/** Webhook subscriptions and deliveries of the caller's tenant. Registered inside the authenticated /v1 scope. */
export function registerWebhookRoutes(app: App, core: Core): void {
  registerCreateWebhook(app, core);
  registerListWebhooks(app, core);
  registerGetWebhook(app, core);
  registerUpdateWebhook(app, core);
  registerDeleteWebhook(app, core);
  registerRotateWebhookSecret(app, core);
  registerSendTestEvent(app, core);
  registerListDeliveries(app, core);
  registerGetDelivery(app, core);
  registerRedeliver(app, core);
}
