import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { ParserParams } from './parser-view.js';

export function registerDeleteParser(app: App, core: Core): void {
  app.delete(
    '/parsers/:parser_id',
    {
      schema: {
        summary: 'Delete a parser and all its versions.',
        description: 'Extractions that already ran with it keep their results.',
        tags: ['parsers'],
        params: ParserParams,
        response: { 200: Type.Object({ deleted: Type.Boolean(), parser_id: Type.String() }), 404: ErrorResponse },
      },
    },
    async (request) => {
      await core.templates.delete(request.auth.tenantId, request.params.parser_id);
      return { deleted: true, parser_id: request.params.parser_id };
    },
  );
}
