import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { extractionView } from '../../../../documents/result-view.js';
import { ExtractionView, PageQuery, Pagination } from '../schemas.js';

const Query = Type.Object({
  ...PageQuery,
  status: Type.Optional(Type.Union(['queued', 'processing', 'completed', 'failed', 'partial', 'cancelled'].map((s) => Type.Literal(s)))),
  detection_type: Type.Optional(Type.String()),
  parser_id: Type.Optional(Type.String({ description: 'The parser chosen at submit.' })),
  matched_parser_id: Type.Optional(Type.String({ description: 'A parser some document of the extraction was matched to (submitted without parser_id).' })),
  created_after: Type.Optional(Type.String({ description: 'ISO-8601 date or date-time (inclusive).' })),
  created_before: Type.Optional(Type.String({ description: 'ISO-8601 date or date-time (exclusive).' })),
  filename: Type.Optional(Type.String({ description: 'Matches any document whose file name contains this text.' })),
  sort: Type.Optional(Type.Union([Type.Literal('created_at'), Type.Literal('updated_at'), Type.Literal('status')])),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
});

export function registerListExtractions(app: App, core: Core): void {
  app.get(
    '/extractions',
    {
      schema: {
        summary: 'List extractions, newest first, with filters.',
        tags: ['extractions'],
        querystring: Query,
        response: { 200: Type.Object({ extractions: Type.Array(ExtractionView), pagination: Pagination }) },
      },
    },
    async (request) => {
      const { items, pagination } = await core.extractions.list(request.auth.tenantId, request.query as never);
      return { extractions: items.map((i) => extractionView(i.extraction, i.documents)), pagination };
    },
  );
}
