import { Type } from 'typebox';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { documentDetailView } from '../../../surfaces/extraly/document-view.js';
import { DocumentDetail, DocumentParams, ExtralyError } from './schemas.js';

export function registerGetDocument(app: App, core: Core): void {
  app.get(
    '/documents/:id',
    {
      schema: {
        summary: 'Extraly: a document with its status and, once completed, its results.',
        tags: ['extraly'],
        params: DocumentParams,
        response: { 200: Type.Object({ data: DocumentDetail }), 401: ExtralyError, 404: ExtralyError },
      },
    },
    async (request) => {
      const { extraction, documents } = await core.extractions.get(request.auth.tenantId, request.params.id);
      return { data: documentDetailView(extraction, documents) };
    },
  );
}
