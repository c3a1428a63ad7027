import { Type } from 'typebox';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { errors } from '../../../internal/errors/errors.js';
import { DocumentParams, ExtralyError } from './schemas.js';

export function registerDeleteDocument(app: App, core: Core): void {
  app.delete(
    '/documents/:id',
    {
      schema: {
        summary: 'Extraly: permanently delete a document, its file and its results.',
        tags: ['extraly'],
        params: DocumentParams,
        response: { 200: Type.Object({ message: Type.String() }), 401: ExtralyError, 404: ExtralyError, 409: ExtralyError },
      },
    },
    async (request) => {
      const tenantId = request.auth.tenantId;
      const { extraction } = await core.extractions.get(tenantId, request.params.id);
      // Extraly's 409: a document being processed right now cannot be modified (a pending one can go).
      if (extraction.status === 'processing') throw errors.conflict('The document is still processing and cannot be modified.');
      await core.extractions.delete(tenantId, extraction.id);
      return { message: 'Document deleted successfully.' };
    },
  );
}
