import { Type } from 'typebox';
import type { EmbedSurface } from '../../../surfaces/embed/embed-surface.js';
import { webhookView } from '../../../surfaces/embed/webhooks.js';
import type { App } from '../../app-type.js';
import { IdParams, ok, TAGS } from './schemas.js';

const Scope = Type.Union([Type.Literal('all'), Type.Literal('selected')]);
const WebhookBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  url: Type.Optional(Type.String({ maxLength: 2048 })),
  scope: Type.Optional(Scope),
  documentIds: Type.Optional(Type.Array(Type.String(), { maxItems: 500 })),
  isActive: Type.Optional(Type.Boolean()),
});

/** Embed webhooks are core webhook subscriptions of the `embed` surface. */
export function registerWebhookRoutes(app: App, embed: EmbedSurface): void {
  app.get('/webhooks', { schema: { summary: 'List webhooks', tags: TAGS } }, async (request) =>
    ok((await embed.webhooks.list(request.auth.tenantId)).map(webhookView)),
  );

  // The signing secret is returned once, on create (deliveries carry X-Docsift-Signature).
  app.post('/webhooks', { schema: { summary: 'Create a webhook', tags: TAGS, body: WebhookBody } }, async (request, reply) => {
    const { webhook, secret } = await embed.webhooks.create(request.auth.tenantId, request.body);
    return reply.status(201).send(ok({ ...webhookView(webhook), secret }));
  });

  app.put('/webhooks/:id', { schema: { summary: 'Update a webhook', tags: TAGS, params: IdParams, body: WebhookBody } }, async (request) =>
    ok(webhookView(await embed.webhooks.update(request.auth.tenantId, request.params.id, request.body))),
  );

  app.delete('/webhooks/:id', { schema: { summary: 'Delete a webhook', tags: TAGS, params: IdParams } }, async (request) => {
    await embed.webhooks.delete(request.auth.tenantId, request.params.id);
    return ok({ message: 'Webhook deleted successfully', deletedId: request.params.id });
  });
}
