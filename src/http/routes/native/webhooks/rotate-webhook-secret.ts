import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { WebhookParams, webhookView, WebhookWithSecretView } from './views.js';

const Body = Type.Object(
  {
    previous_secret_expires_in: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 7 * 24 * 3600,
        description: 'Seconds the old secret keeps signing beside the new one (default 0: it stops at once).',
      }),
    ),
  },
  { additionalProperties: false },
);

export function registerRotateWebhookSecret(app: App, core: Core): void {
  app.post(
    '/webhooks/:webhook_id/rotate-secret',
    {
      schema: {
        summary: 'Issue a new signing secret; the response shows it once.',
        tags: ['webhooks'],
        params: WebhookParams,
        body: Body,
        response: { 200: Type.Object({ webhook: WebhookWithSecretView }), 400: ErrorResponse, 404: ErrorResponse },
      },
      // The body is optional: a bare POST rotates without overlap.
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {};
      },
    },
    async (request) => {
      const { webhook, secret } = await core.webhooks.subscriptions.rotateSecret(request.auth.tenantId, request.params.webhook_id, {
        overlapSeconds: request.body.previous_secret_expires_in,
      });
      return { webhook: { ...webhookView(webhook), secret } };
    },
  );
}
