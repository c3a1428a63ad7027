import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { DefinitionBody, definitionFromBody, Nullable, ParserParams, ParserView, parserView } from './parser-view.js';

const Body = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  document_type: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  ...DefinitionBody,
  auto_match: Type.Optional(Type.Boolean({ description: 'Documents submitted without parser_id may be matched to this parser (default true).' })),
});

export function registerUpdateParser(app: App, core: Core): void {
  app.put(
    '/parsers/:parser_id',
    {
      schema: {
        summary: "Update a parser's name, description, document type or draft definition.",
        description:
          'Keys left out stay as they are; null clears description, document_type and instructions. Giving fields or schema replaces the draft definition. Published versions never change.',
        tags: ['parsers'],
        params: ParserParams,
        body: Body,
        response: { 200: Type.Object({ parser: ParserView }), 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const body = request.body;
      const template = await core.templates.update(request.auth.tenantId, request.params.parser_id, {
        name: body.name,
        description: body.description,
        documentType: body.document_type,
        instructions: body.instructions,
        extractionMode: body.extraction_mode,
        autoMatch: body.auto_match,
        ...definitionFromBody(body),
      });
      return { parser: parserView(template) };
    },
  );
}
