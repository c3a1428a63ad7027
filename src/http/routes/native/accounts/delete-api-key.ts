import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { ApiKeyParams } from './views.js';

export function registerDeleteApiKey(app: App, core: Core): void {
  app.delete(
    '/api-keys/:api_key_id',
    {
      schema: {
        summary: 'Delete an API key and the access tokens issued with it. The key in use cannot be deleted.',
        tags: ['api-keys'],
        params: ApiKeyParams,
        response: {
          200: Type.Object({ deleted: Type.Boolean(), api_key_id: Type.String() }),
          400: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      await core.accounts.deleteApiKey(request.auth, request.params.api_key_id);
      return { deleted: true, api_key_id: request.params.api_key_id };
    },
  );
}
