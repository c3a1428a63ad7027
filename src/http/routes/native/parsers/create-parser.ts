import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { DefinitionBody, definitionFromBody, Nullable, ParserView, parserView } from './parser-view.js';

const Body = Type.Object({
  name: Type.String({ maxLength: 200 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  document_type: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'e.g. invoice, receipt, bank_statement.' }))),
  ...DefinitionBody,
  auto_match: Type.Optional(Type.Boolean({ description: 'Documents submitted without parser_id may be matched to this parser (default true).' })),
});

export function registerCreateParser(app: App, core: Core): void {
  app.post(
    '/parsers',
    {
      schema: {
        summary: 'Create a parser from typed fields or a JSON Schema.',
        description:
          'The parser starts as an editable draft. Publish it (POST /parsers/:parser_id/versions) to freeze a version that runs can pin.',
        tags: ['parsers'],
        body: Body,
        response: { 201: Type.Object({ parser: ParserView }), 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const template = await core.templates.create(request.auth.tenantId, {
        name: body.name,
        description: body.description,
        documentType: body.document_type,
        instructions: body.instructions,
        extractionMode: body.extraction_mode,
        autoMatch: body.auto_match,
        ...definitionFromBody(body),
      });
      return reply.code(201).send({ parser: parserView(template) });
    },
  );
}
