import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { UserParams, userView, UserView } from './views.js';

export function registerGetUser(app: App, core: Core): void {
  app.get(
    '/users/:user_id',
    {
      schema: {
        summary: 'Get a user of the tenant.',
        tags: ['users'],
        params: UserParams,
        response: { 200: Type.Object({ user: UserView }), 404: ErrorResponse },
      },
    },
    async (request) => ({ user: userView(await core.accounts.getUser(request.auth, request.params.user_id)) }),
  );
}
