import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { ParserParams, ParserView, parserView } from './parser-view.js';

export function registerGetParser(app: App, core: Core): void {
  app.get(
    '/parsers/:parser_id',
    {
      schema: {
        summary: 'Get a parser and its draft definition.',
        tags: ['parsers'],
        params: ParserParams,
        response: { 200: Type.Object({ parser: ParserView }), 404: ErrorResponse },
      },
    },
    async (request) => ({ parser: parserView(await core.templates.get(request.auth.tenantId, request.params.parser_id)) }),
  );
}
