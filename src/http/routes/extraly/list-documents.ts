import { Type } from 'typebox';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { coreStatus, documentSummaryView } from '../../../surfaces/extraly/document-view.js';
import { DocumentSummary, ExtralyError } from './schemas.js';

const Query = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('processing'), Type.Literal('completed'), Type.Literal('failed')])),
  detection_type: Type.Optional(Type.String()),
  sort: Type.Optional(Type.Union([Type.Literal('created_at'), Type.Literal('updated_at')], { default: 'created_at' })),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' })),
});

const Meta = Type.Object({ current_page: Type.Integer(), last_page: Type.Integer(), per_page: Type.Integer(), total: Type.Integer() });

/** Every extraction of the tenant is an Extraly document, whichever surface created it. */
export function registerListDocuments(app: App, core: Core): void {
  app.get(
    '/documents',
    {
      schema: {
        summary: 'Extraly: list documents, paginated, filtered by status and detection_type.',
        tags: ['extraly'],
        querystring: Query,
        response: { 200: Type.Object({ data: Type.Array(DocumentSummary), meta: Meta }), 400: ExtralyError, 401: ExtralyError },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, pagination } = await core.extractions.list(request.auth.tenantId, {
        page: q.page,
        per_page: q.per_page,
        status: q.status ? coreStatus(q.status) : undefined,
        detection_type: q.detection_type,
        sort: q.sort,
        order: q.order,
      });
      return {
        data: items.map((i) => documentSummaryView(i.extraction, i.documents)),
        meta: { current_page: pagination.page, last_page: pagination.total_pages, per_page: pagination.per_page, total: pagination.total },
      };
    },
  );
}
