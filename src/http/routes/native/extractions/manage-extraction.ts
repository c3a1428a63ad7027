import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { extractionView } from '../../../../documents/result-view.js';
import { DocumentParams, ErrorResponse, ExtractionParams, ExtractionView } from '../schemas.js';

const ExtractionBody = Type.Object({ extraction: ExtractionView });

export function registerManageExtraction(app: App, core: Core): void {
  app.post(
    '/extractions/:extraction_id/cancel',
    {
      schema: {
        summary: 'Cancel the documents of an extraction that have not finished.',
        tags: ['extractions'],
        params: ExtractionParams,
        response: { 200: ExtractionBody, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const { extraction, documents } = await core.extractions.cancel(request.auth.tenantId, request.params.extraction_id);
      return { extraction: extractionView(extraction, documents) };
    },
  );

  app.post(
    '/extractions/:extraction_id/retry',
    {
      schema: {
        summary: 'Run the failed or cancelled documents of a finished extraction again.',
        tags: ['extractions'],
        params: ExtractionParams,
        response: { 202: ExtractionBody, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { extraction, documents } = await core.extractions.retry(request.auth.tenantId, request.params.extraction_id);
      return reply.status(202).send({ extraction: extractionView(extraction, documents) });
    },
  );

  app.post(
    '/extractions/:extraction_id/documents/:document_id/retry',
    {
      schema: {
        summary: 'Run one failed or cancelled document of an extraction again.',
        tags: ['extractions'],
        params: DocumentParams,
        response: { 202: ExtractionBody, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { extraction_id, document_id } = request.params;
      const { extraction, documents } = await core.extractions.retryDocument(request.auth.tenantId, extraction_id, document_id);
      return reply.status(202).send({ extraction: extractionView(extraction, documents) });
    },
  );

  app.delete(
    '/extractions/:extraction_id',
    {
      schema: {
        summary: 'Delete an extraction with its documents, results and uploaded files.',
        tags: ['extractions'],
        params: ExtractionParams,
        response: { 200: Type.Object({ deleted: Type.Boolean(), extraction_id: Type.String() }), 404: ErrorResponse },
      },
    },
    async (request) => {
      await core.extractions.delete(request.auth.tenantId, request.params.extraction_id);
      return { deleted: true, extraction_id: request.params.extraction_id };
    },
  );
}
