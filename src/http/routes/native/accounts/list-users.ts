import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { normalizePage, pageInfo } from '../../../../documents/pagination.js';
import { PageQuery, Pagination } from '../schemas.js';
import { userView, UserView } from './views.js';

const Query = Type.Object({
  ...PageQuery,
  search: Type.Optional(Type.String({ maxLength: 200, description: 'Matches email or name.' })),
});

export function registerListUsers(app: App, core: Core): void {
  app.get(
    '/users',
    {
      schema: {
        summary: "List the tenant's users.",
        tags: ['users'],
        querystring: Query,
        response: { 200: Type.Object({ users: Type.Array(UserView), pagination: Pagination }) },
      },
    },
    async (request) => {
      const { page, perPage, offset } = normalizePage(request.query);
      const { users, total } = await core.accounts.listUsers(request.auth, { offset, limit: perPage, search: request.query.search });
      return { users: users.map(userView), pagination: pageInfo(page, perPage, total) };
    },
  );
}
