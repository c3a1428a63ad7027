import { Type } from 'typebox';
import type { Core } from '../../../core.js';
import { userView } from '../../../surfaces/embed/account-views.js';
import { addUser } from '../../../surfaces/embed/users.js';
import { pagination, readPage } from '../../../surfaces/embed/pagination.js';
import type { App } from '../../app-type.js';
import { ok, PageQuery, TAGS } from './schemas.js';

const Role = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')]);
const CreateBody = Type.Object({
  firstName: Type.String({ maxLength: 100 }),
  lastName: Type.String({ maxLength: 100 }),
  email: Type.String({ maxLength: 254 }),
  role: Type.Optional(Role),
});

export function registerUserRoutes(app: App, core: Core): void {
  // The docs: no X-User-Email needed here, since the caller is creating the user.
  app.post(
    '/users',
    { config: { embedUserOptional: true }, schema: { summary: 'Create a user in your tenant', tags: TAGS, body: CreateBody } },
    async (request, reply) => {
      const { user, existedElsewhere } = await addUser(core, request.auth, request.body);
      const message = existedElsewhere ? 'User added to tenant successfully' : 'User created successfully';
      const { updatedAt: _u, ...view } = userView(user);
      return reply.status(existedElsewhere ? 200 : 201).send(ok({ message, user: view }));
    },
  );

  app.get('/users', { schema: { summary: 'List the users of your tenant', tags: TAGS, querystring: Type.Object(PageQuery) } }, async (request) => {
    const { page, limit, offset } = readPage(request.query);
    const search = request.query.search?.trim();
    const { users, total } = await core.accounts.listUsers(request.auth, { offset, limit, ...(search ? { search } : {}) });
    return ok({ items: users.map(userView), pagination: pagination(page, limit, total) });
  });
}
