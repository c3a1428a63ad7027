import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { apiKeyView, CreatedApiKeyView } from './views.js';

const Body = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    expires_at: Type.Optional(Type.Union([Type.Null(), Type.String({ description: 'ISO 8601, in the future.' })])),
    allowed_domains: Type.Optional(
      Type.Array(Type.String(), { maxItems: 50, description: 'Domains the key may be embedded from, e.g. example.com or *.example.com.' }),
    ),
  },
  { additionalProperties: false },
);

export function registerCreateApiKey(app: App, core: Core): void {
  app.post(
    '/api-keys',
    {
      schema: {
        summary: 'Create an API key acting for the calling user. The full key is returned once.',
        tags: ['api-keys'],
        body: Body,
        response: { 201: Type.Object({ api_key: CreatedApiKeyView }), 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { apiKey, key } = await core.accounts.createApiKey(request.auth, {
        name: request.body.name,
        expiresAt: request.body.expires_at,
        allowedDomains: request.body.allowed_domains,
      });
      return reply.status(201).send({ api_key: { ...apiKeyView(apiKey), key } });
    },
  );
}
