import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { ApiKeyParams, apiKeyView, ApiKeyView } from './views.js';

const Body = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    active: Type.Optional(Type.Boolean({ description: 'false disables the key and its access tokens; the key in use cannot be disabled.' })),
    expires_at: Type.Optional(Type.Union([Type.Null(), Type.String({ description: 'ISO 8601, in the future; null: never.' })])),
    allowed_domains: Type.Optional(Type.Array(Type.String(), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export function registerUpdateApiKey(app: App, core: Core): void {
  app.patch(
    '/api-keys/:api_key_id',
    {
      schema: {
        summary: 'Rename, disable or re-enable an API key, or change its expiry or allowed domains.',
        tags: ['api-keys'],
        params: ApiKeyParams,
        body: Body,
        response: { 200: Type.Object({ api_key: ApiKeyView }), 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { name, active, expires_at, allowed_domains } = request.body;
      const key = await core.accounts.updateApiKey(request.auth, request.params.api_key_id, {
        name,
        active,
        expiresAt: expires_at,
        allowedDomains: allowed_domains,
      });
      return { api_key: apiKeyView(key) };
    },
  );
}
