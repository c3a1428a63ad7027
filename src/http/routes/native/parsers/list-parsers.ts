import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { PageQuery, Pagination } from '../schemas.js';
import { ParserView, parserView } from './parser-view.js';

const Query = Type.Object({
  ...PageQuery,
  name: Type.Optional(Type.String({ maxLength: 200, description: 'Case-insensitive substring of the name.' })),
  search: Type.Optional(Type.String({ maxLength: 200, description: 'Case-insensitive substring of the name or description.' })),
});

export function registerListParsers(app: App, core: Core): void {
  app.get(
    '/parsers',
    {
      schema: {
        summary: 'List parsers, newest first.',
        tags: ['parsers'],
        querystring: Query,
        response: { 200: Type.Object({ parsers: Type.Array(ParserView), pagination: Pagination }) },
      },
    },
    async (request) => {
      const { page, per_page: perPage, name, search } = request.query;
      const result = await core.templates.list(request.auth.tenantId, { page, perPage, name, search });
      return {
        parsers: result.items.map(parserView),
        pagination: { page: result.page, per_page: result.perPage, total: result.total, total_pages: result.totalPages },
      };
    },
  );
}
