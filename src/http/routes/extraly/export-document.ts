import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { attachmentDisposition } from '../../../documents/exports/content-disposition.js';
import { EXPORT_FORMATS, renderExport, type ExportFormat } from '../../../documents/exports/exports-service.js';
import { errors } from '../../../internal/errors/errors.js';
import { documentResults } from '../../../surfaces/extraly/document-view.js';
import { ExtralyError } from './schemas.js';

const Params = Type.Object({
  id: Type.String(),
  format: Type.String({ description: 'csv, xlsx, json or xml.' }),
});

/** `GET /api/v1/documents/{id}/export/{format}`: the core exports; json is exactly `results`. */
export function registerExportDocument(app: App, core: Core): void {
  app.get(
    '/documents/:id/export/:format',
    {
      schema: {
        summary: 'Extraly: download the results of a completed document as csv, xlsx, json or xml.',
        tags: ['extraly'],
        params: Params,
        response: { 400: ExtralyError, 401: ExtralyError, 404: ExtralyError, 409: ExtralyError },
      },
    },
    async (request, reply) => {
      const tenantId = request.auth.tenantId;
      const { extraction, documents } = await core.extractions.get(tenantId, request.params.id);
      const format = request.params.format as ExportFormat;
      // Checked after the lookup, so another tenant's id is a 404 whatever the format.
      if (!EXPORT_FORMATS.includes(format)) {
        throw errors.validation('The format must be one of csv, xlsx, json, xml.', { format: ['The format must be one of csv, xlsx, json, xml.'] });
      }
      const doc = documents[0];
      if (!doc || extraction.status !== 'completed') {
        throw errors.conflict(`The document is ${extraction.status === 'queued' ? 'pending' : extraction.status}; it can be exported once completed.`);
      }
      const file =
        format === 'json'
          ? await renderExport({ format, basename: doc.filename.replace(/\.[^.]*$/, '') || extraction.id, json: documentResults(doc), documents: [], extraction: null })
          : await core.exports.exportDocument(tenantId, { extractionId: extraction.id, documentId: doc.id, format });
      return (reply as FastifyReply)
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(Buffer.isBuffer(file.body) ? file.body : Buffer.from(file.body, 'utf8'));
    },
  );
}
