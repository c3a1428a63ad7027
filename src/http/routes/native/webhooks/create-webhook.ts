import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { EventType, webhookView, WebhookWithSecretView } from './views.js';

export const SubscriptionFields = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Default: the URL\'s host.' })),
  events: Type.Optional(Type.Array(EventType, { minItems: 1, maxItems: 10, description: 'Default: every event.' })),
  scope: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('selected')], { description: 'all (default) or selected parsers.' })),
  parser_ids: Type.Optional(Type.Array(Type.String(), { maxItems: 100, description: 'Required with scope "selected".' })),
  active: Type.Optional(Type.Boolean({ description: 'Inactive subscriptions receive nothing (default true).' })),
};

const Body = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2048, description: 'http(s) endpoint; private, loopback and link-local hosts are refused.' }),
    ...SubscriptionFields,
  },
  { additionalProperties: false },
);

export function registerCreateWebhook(app: App, core: Core): void {
  app.post(
    '/webhooks',
    {
      schema: {
        summary: 'Subscribe a URL to extraction and document events.',
        description: 'The response carries the signing secret; it is not shown again (rotate it to get a new one).',
        tags: ['webhooks'],
        body: Body,
        response: { 201: Type.Object({ webhook: WebhookWithSecretView }), 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const { webhook, secret } = await core.webhooks.subscriptions.create(request.auth.tenantId, {
        name: b.name,
        url: b.url,
        events: b.events,
        scope: b.scope,
        templateIds: b.parser_ids,
        active: b.active,
      });
      return reply.code(201).send({ webhook: { ...webhookView(webhook), secret } });
    },
  );
}
