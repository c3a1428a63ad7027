import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { ApiKeyParams, apiKeyView, ApiKeyView } from './views.js';

export function registerGetApiKey(app: App, core: Core): void {
  app.get(
    '/api-keys/:api_key_id',
    {
      schema: {
        summary: 'Get an API key (without the key itself).',
        tags: ['api-keys'],
        params: ApiKeyParams,
        response: { 200: Type.Object({ api_key: ApiKeyView }), 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => ({ api_key: apiKeyView(await core.accounts.getApiKey(request.auth, request.params.api_key_id)) }),
  );
}
