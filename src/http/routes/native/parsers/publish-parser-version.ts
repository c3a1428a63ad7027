import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { Nullable, ParserParams, ParserVersionView, parserVersionView } from './parser-view.js';

const Body = Type.Object({
  description: Type.Optional(Nullable(Type.String({ maxLength: 4000, description: 'Release notes.' }))),
  release_type: Type.Optional(
    Type.Enum(['major', 'minor'], {
      description: 'major (default) makes the next label N+1.0, minor makes it N.m+1. The first version is always 1.0.',
    }),
  ),
});

export function registerPublishParserVersion(app: App, core: Core): void {
  app.post(
    '/parsers/:parser_id/versions',
    {
      schema: {
        summary: "Publish the parser's draft as a new immutable version.",
        tags: ['parsers'],
        params: ParserParams,
        body: Body,
        response: { 201: Type.Object({ version: ParserVersionView }), 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
      // A publish needs no options, so an empty request (no body at all) is welcome.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const version = await core.templates.publishVersion(request.auth.tenantId, request.params.parser_id, {
        description: request.body.description,
        releaseType: request.body.release_type,
      });
      return reply.code(201).send({ version: parserVersionView(version) });
    },
  );
}
