import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { attachmentDisposition } from '../../../../documents/exports/content-disposition.js';
import type { ExportFile } from '../../../../documents/exports/exports-service.js';
import { DocumentParams, ErrorResponse, ExtractionParams } from '../schemas.js';

const ExportQuery = Type.Object({
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('xml')], {
      default: 'json',
      description:
        'json: the results body; csv: one row per list entry (line item, transaction…) with the document fields repeated, ' +
        'nested fields as dotted columns; xlsx: a Summary sheet (one row per document) and a sheet per list; xml: one element per field.',
    }),
  ),
});

/** The download, by format, for /openapi.json (the body is sent as bytes, never serialized). */
const ExportFileResponse = {
  description: 'The export as a file download (Content-Disposition: attachment).',
  content: {
    'application/json': { schema: Type.Unknown() },
    'text/csv': { schema: Type.String() },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Type.String({ format: 'binary' }) },
    'application/xml': { schema: Type.String() },
  },
};

/** Sends an export as a download; the body is never re-serialized. */
function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachmentDisposition(file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(Buffer.isBuffer(file.body) ? file.body : Buffer.from(file.body, 'utf8'));
}

export function registerExportResults(app: App, core: Core): void {
  app.get(
    '/extractions/:extraction_id/export',
    {
      schema: {
        summary: 'Download the results of every document of a finished extraction as JSON, CSV, XLSX or XML.',
        tags: ['extractions'],
        params: ExtractionParams,
        querystring: ExportQuery,
        response: { 200: ExportFileResponse, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const file = await core.exports.exportExtraction(request.auth.tenantId, {
        extractionId: request.params.extraction_id,
        format: request.query.format ?? 'json',
      });
      return sendFile(reply, file);
    },
  );

  app.get(
    '/extractions/:extraction_id/documents/:document_id/export',
    {
      schema: {
        summary: 'Download the result of one completed document as JSON, CSV, XLSX or XML.',
        tags: ['extractions'],
        params: DocumentParams,
        querystring: ExportQuery,
        response: { 200: ExportFileResponse, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const file = await core.exports.exportDocument(request.auth.tenantId, {
        extractionId: request.params.extraction_id,
        documentId: request.params.document_id,
        format: request.query.format ?? 'json',
      });
      return sendFile(reply, file);
    },
  );
}
