import { Type, type Static } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse, PageQuery, Pagination } from '../schemas.js';
import { UsageQuery, UsageRecordView, usageRecordView } from './usage-views.js';

const Query = Type.Object({ ...PageQuery, ...UsageQuery });

export function registerListUsageRecords(app: App, core: Core): void {
  app.get(
    '/usage/records',
    {
      schema: {
        summary: 'One usage record per finished document, newest first.',
        tags: ['usage'],
        querystring: Query,
        response: { 200: Type.Object({ usage_records: Type.Array(UsageRecordView), pagination: Pagination }), 400: ErrorResponse },
      },
    },
    async (request) => {
      const query = request.query as Static<typeof Query>;
      const { records, pagination } = await core.usage.list(request.auth.tenantId, {
        from: query.from,
        to: query.to,
        tag: query.tag,
        parserId: query.parser_id,
        page: query.page,
        per_page: query.per_page,
      });
      return { usage_records: records.map(usageRecordView), pagination };
    },
  );
}
