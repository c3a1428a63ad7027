import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { documentView } from '../../../../documents/result-view.js';
import { DocumentParams, DocumentView, ErrorResponse } from '../schemas.js';

const ReviewBody = Type.Object(
  {
    data: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'Reviewed values by top-level field, e.g. {"total_amount": 1250, "line_items": [...]}. A field given replaces its value ' +
          '(a list or object as a whole); fields left out keep their current value.',
      }),
    ),
    edits: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({
            minLength: 1,
            maxLength: 500,
            description: 'Field names and 0-based list indexes joined by dots: `total_amount`, `statement_period.from`, `line_items.2.amount`.',
          }),
          value: Type.Unknown({
            description: "The field's new value (null: not present). At a list index, null removes the entry; the list's length as index appends one.",
          }),
        }),
        { maxItems: 1000, description: 'Changes to single fields, applied in order after `data`.' },
      ),
    ),
  },
  {
    additionalProperties: false,
    description:
      'The reviewed output, as whole values (`data`), single-field edits (`edits`), or both. An empty body marks the document ' +
      "reviewed without changes. Every value is checked against the document's schema (the parser's fields, or the built-in " +
      'model of its type, plus custom fields): Number, Boolean, String, Date (ISO YYYY-MM-DD), objects and lists; an unknown ' +
      'field path is a 400 naming it.',
  },
);

export function registerReviewDocument(app: App, core: Core): void {
  app.put(
    '/extractions/:extraction_id/documents/:document_id/review',
    {
      schema: {
        summary: 'Store the human-reviewed output of a completed document; the original stays as initial_output.',
        tags: ['extractions'],
        params: DocumentParams,
        body: ReviewBody,
        response: { 200: Type.Object({ document: DocumentView }), 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const doc = await core.review.review(request.auth, {
        extractionId: request.params.extraction_id,
        documentId: request.params.document_id,
        data: request.body.data,
        edits: request.body.edits,
      });
      return { document: documentView(doc) };
    },
  );
}
