import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { ParserVersionView, parserVersionView } from './parser-view.js';

const Params = Type.Object({
  parser_id: Type.String(),
  version: Type.String({ description: 'A sequence number (2), a release label (1.1) or latest.' }),
});

export function registerGetParserVersion(app: App, core: Core): void {
  app.get(
    '/parsers/:parser_id/versions/:version',
    {
      schema: {
        summary: 'Get one published version of a parser.',
        tags: ['parsers'],
        params: Params,
        response: { 200: Type.Object({ version: ParserVersionView }), 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { parser_id: parserId, version } = request.params;
      return { version: parserVersionView(await core.templates.getVersion(request.auth.tenantId, parserId, version)) };
    },
  );
}
