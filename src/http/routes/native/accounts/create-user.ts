import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { RoleSchema, userView, UserView } from './views.js';

const Body = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    first_name: Type.Optional(Type.String({ maxLength: 100 })),
    last_name: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(RoleSchema),
  },
  { additionalProperties: false },
);

export function registerCreateUser(app: App, core: Core): void {
  app.post(
    '/users',
    {
      schema: {
        summary: 'Add a user to the tenant (role member unless given). Owners and admins only.',
        tags: ['users'],
        body: Body,
        response: { 201: Type.Object({ user: UserView }), 400: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { email, name, first_name, last_name, role } = request.body;
      const user = await core.accounts.createUser(request.auth, { email, name, firstName: first_name, lastName: last_name, role });
      return reply.status(201).send({ user: userView(user) });
    },
  );
}
