import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { nullable } from '../../../nullable.js';
import { ErrorResponse, PageQuery, Pagination } from '../schemas.js';
import { ComparisonView, EvaluationRunDetailView, EvaluationRunView, RunParams, runDetailView, runListView, runView, SetParams } from './views.js';

const StartRunBody = Type.Object(
  {
    parser_id: Type.Optional(nullable(Type.String({ description: "The parser to run; default: the set's parser." }))),
    parser_version: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1 }), Type.String()], { description: 'A published version (number or label like "1.0"), or "draft"; default: the latest published.' }),
    ),
    mode: Type.Optional(nullable(Type.String({ description: 'Extraction mode: local, llm or hybrid; default: the parser\'s, else DOCSIFT_LLM_MODE.' }))),
  },
  { additionalProperties: false },
);

const CompareParams = Type.Object({ run_id: Type.String(), other_run_id: Type.String() });

/** Start runs of a set, read their progress and scores, and compare two of them. */
export function registerRunRoutes(app: App, core: Core): void {
  const { runs } = core.evaluations;
  app.post(
    '/evaluation-sets/:set_id/runs',
    {
      schema: {
        summary: "Run a set: every item extracted through the normal queue and pipeline, then scored per field against its expected output.",
        tags: ['evaluations'],
        params: SetParams,
        body: StartRunBody,
        response: { 202: Type.Object({ evaluation_run: EvaluationRunDetailView }), 400: ErrorResponse, 402: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const b = request.body ?? {};
      const detail = await runs.start(request.auth, request.params.set_id, { parserId: b.parser_id, parserVersion: b.parser_version, mode: b.mode });
      return reply.status(202).send({ evaluation_run: runDetailView(detail) });
    },
  );

  app.get(
    '/evaluation-sets/:set_id/runs',
    {
      schema: {
        summary: "A set's runs, newest first.",
        tags: ['evaluations'],
        params: SetParams,
        querystring: Type.Object(PageQuery),
        response: { 200: Type.Object({ evaluation_runs: Type.Array(EvaluationRunView), pagination: Pagination }), 404: ErrorResponse },
      },
    },
    async (request) => {
      const { runs: rows, pagination } = await runs.list(request.auth.tenantId, request.params.set_id, request.query);
      return { evaluation_runs: rows.map(runListView), pagination };
    },
  );

  app.get(
    '/evaluation-runs/:run_id',
    {
      schema: {
        summary: "A run: its progress while it runs; once scored, per-field figures, calibration, ms per page and every item's scores.",
        tags: ['evaluations'],
        params: RunParams,
        response: { 200: Type.Object({ evaluation_run: EvaluationRunDetailView }), 404: ErrorResponse },
      },
    },
    async (request) => ({ evaluation_run: runDetailView(await runs.get(request.auth.tenantId, request.params.run_id)) }),
  );

  app.get(
    '/evaluation-runs/:run_id/compare/:other_run_id',
    {
      schema: {
        summary: 'Compare run b (other_run_id) with run a (run_id) of the same set: which fields and which items got better or worse.',
        tags: ['evaluations'],
        params: CompareParams,
        response: { 200: Type.Object({ comparison: ComparisonView }), 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const { a, b, comparison } = await runs.compare(request.auth.tenantId, request.params.run_id, request.params.other_run_id);
      return {
        comparison: {
          a: runView(a.run, a.progress),
          b: runView(b.run, b.progress),
          overall: { a_f1: a.summary!.overall_f1, b_f1: b.summary!.overall_f1, delta_f1: b.summary!.overall_f1 - a.summary!.overall_f1 },
          better: comparison.summary.better,
          worse: comparison.summary.worse,
          fields: comparison.fields,
          items: comparison.items,
        },
      };
    },
  );
}
