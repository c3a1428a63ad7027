import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { UserParams } from './views.js';

export function registerDeleteUser(app: App, core: Core): void {
  app.delete(
    '/users/:user_id',
    {
      schema: {
        summary: 'Remove a user, with the API keys and access tokens that act for them.',
        tags: ['users'],
        params: UserParams,
        response: {
          200: Type.Object({ deleted: Type.Boolean(), user_id: Type.String(), revoked_api_keys: Type.Integer() }),
          400: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
        },
      },
    },
    async (request) => {
      const { revokedApiKeys } = await core.accounts.deleteUser(request.auth, request.params.user_id);
      return { deleted: true, user_id: request.params.user_id, revoked_api_keys: revokedApiKeys };
    },
  );
}
