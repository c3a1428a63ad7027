import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { SubscriptionFields } from './create-webhook.js';
import { WebhookParams, webhookView, WebhookView } from './views.js';

const Body = Type.Object(
  {
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
    ...SubscriptionFields,
  },
  { additionalProperties: false },
);

export function registerUpdateWebhook(app: App, core: Core): void {
  app.patch(
    '/webhooks/:webhook_id',
    {
      schema: {
        summary: 'Change a subscription: name, URL, events, scope, parsers, or pause it with active=false.',
        tags: ['webhooks'],
        params: WebhookParams,
        body: Body,
        response: { 200: Type.Object({ webhook: WebhookView }), 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const b = request.body;
      const webhook = await core.webhooks.subscriptions.update(request.auth.tenantId, request.params.webhook_id, {
        name: b.name,
        url: b.url,
        events: b.events,
        scope: b.scope,
        templateIds: b.parser_ids,
        active: b.active,
      });
      return { webhook: webhookView(webhook) };
    },
  );
}
