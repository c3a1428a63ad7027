import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse, PageQuery, Pagination } from '../schemas.js';
import { ParserParams, ParserVersionView, parserVersionView } from './parser-view.js';

export function registerListParserVersions(app: App, core: Core): void {
  app.get(
    '/parsers/:parser_id/versions',
    {
      schema: {
        summary: "List a parser's published versions, newest first.",
        tags: ['parsers'],
        params: ParserParams,
        querystring: Type.Object(PageQuery),
        response: { 200: Type.Object({ versions: Type.Array(ParserVersionView), pagination: Pagination }), 404: ErrorResponse },
      },
    },
    async (request) => {
      const { page, per_page: perPage } = request.query;
      const result = await core.templates.listVersions(request.auth.tenantId, request.params.parser_id, { page, perPage });
      return {
        versions: result.items.map(parserVersionView),
        pagination: { page: result.page, per_page: result.perPage, total: result.total, total_pages: result.totalPages },
      };
    },
  );
}
