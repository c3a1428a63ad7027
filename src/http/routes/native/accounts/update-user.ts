import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { RoleSchema, UserParams, userView, UserView } from './views.js';

const Body = Type.Object(
  {
    email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
    name: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])),
    role: Type.Optional(RoleSchema),
  },
  { additionalProperties: false },
);

export function registerUpdateUser(app: App, core: Core): void {
  app.patch(
    '/users/:user_id',
    {
      schema: {
        summary: "Change a user's email, name or role. Only an owner can grant or change the owner role.",
        tags: ['users'],
        params: UserParams,
        body: Body,
        response: { 200: Type.Object({ user: UserView }), 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => ({ user: userView(await core.accounts.updateUser(request.auth, request.params.user_id, request.body)) }),
  );
}
