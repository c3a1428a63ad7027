import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { documentView, extractionView } from '../../../../documents/result-view.js';
import { DocumentParams, DocumentView, ErrorResponse, ExtractionParams, ExtractionView } from '../schemas.js';

export function registerGetExtraction(app: App, core: Core): void {
  app.get(
    '/extractions/:extraction_id',
    {
      schema: {
        summary: 'Status of an extraction and its documents, with counts.',
        tags: ['extractions'],
        params: ExtractionParams,
        response: { 200: Type.Object({ extraction: ExtractionView }), 404: ErrorResponse },
      },
    },
    async (request) => {
      const { extraction, documents } = await core.extractions.getStatus(request.auth.tenantId, request.params.extraction_id);
      return { extraction: extractionView(extraction, documents) };
    },
  );

  app.get(
    '/extractions/:extraction_id/results',
    {
      schema: {
        summary: 'Results of every document of an extraction.',
        tags: ['extractions'],
        params: ExtractionParams,
        response: { 200: Type.Object({ extraction: ExtractionView, documents: Type.Array(DocumentView) }), 404: ErrorResponse },
      },
    },
    async (request) => {
      const { extraction, documents } = await core.extractions.get(request.auth.tenantId, request.params.extraction_id);
      return { extraction: extractionView(extraction, documents), documents: documents.map(documentView) };
    },
  );

  app.get(
    '/extractions/:extraction_id/documents/:document_id',
    {
      schema: {
        summary: 'One document of an extraction, with its result.',
        tags: ['extractions'],
        params: DocumentParams,
        response: { 200: Type.Object({ document: DocumentView }), 404: ErrorResponse },
      },
    },
    async (request) => {
      const doc = await core.extractions.getDocument(request.auth.tenantId, request.params.extraction_id, request.params.document_id);
      return { document: documentView(doc) };
    },
  );
}
