import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { apiKeyView, ApiKeyView } from './views.js';

export function registerListApiKeys(app: App, core: Core): void {
  app.get(
    '/api-keys',
    {
      schema: {
        summary: "List the tenant's API keys (never the keys themselves). Owners and admins only.",
        tags: ['api-keys'],
        response: { 200: Type.Object({ api_keys: Type.Array(ApiKeyView) }), 403: ErrorResponse },
      },
    },
    async (request) => ({ api_keys: (await core.accounts.listApiKeys(request.auth)).map(apiKeyView) }),
  );
}
