import { Type, type Static } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';
import { totalsView, UsageQuery, UsageSummaryView } from './usage-views.js';

const Query = Type.Object(UsageQuery);

export function registerGetUsage(app: App, core: Core): void {
  app.get(
    '/usage',
    {
      schema: {
        summary: "The tenant's usage (finished documents, pages, credits, processing time) by day, usage tag and parser, and its credit balance.",
        description:
          'Usage tags come from `metadata["docsift:usage_tags"]` (or `metadata["extend:usage_tags"]`) at submit: an array of strings of letters, digits, `-` and `_`.',
        tags: ['usage'],
        querystring: Query,
        response: {
          200: Type.Object({
            usage: UsageSummaryView,
            credits_balance: Type.Union([Type.Integer(), Type.Null()], { description: 'null: unlimited.' }),
          }),
          400: ErrorResponse,
        },
      },
    },
    async (request) => {
      const query = request.query as Static<typeof Query>;
      const [summary, tenant] = await Promise.all([
        core.usage.summarize(request.auth.tenantId, { from: query.from, to: query.to, tag: query.tag, parserId: query.parser_id }),
        core.accounts.getTenant(request.auth.tenantId),
      ]);
      return {
        usage: {
          from: summary.from,
          to: summary.to,
          totals: totalsView(summary.totals),
          by_day: summary.byDay.map((d) => ({ date: d.date, ...totalsView(d) })),
          by_tag: summary.byTag.map((t) => ({ tag: t.tag, ...totalsView(t) })),
          by_parser: summary.byParser.map((p) => ({
            parser_id: p.parserId,
            parser_version: p.parserVersion,
            parser_name: p.parserName,
            ...totalsView(p),
          })),
        },
        credits_balance: tenant.creditsBalance,
      };
    },
  );
}
