import type { App } from '../../app-type.js';

const ANYFORMAT_PATH = /^\/(workflows|jobs)\//;

/**
 * `GET /schema/` (and `?format=json`): the OpenAPI document of anyformat's endpoints, cut from the
 * one docsift generates from its route schemas. No authentication, as anyformat documents it; the
 * Swagger UI is docsift's own at `/docs/`.
 */
export function registerSchemaDocument(app: App): void {
  app.get('/schema/', { schema: { hide: true } }, async (_request, reply) => {
    const full = app.swagger() as { paths?: Record<string, unknown>; [key: string]: unknown };
    const paths = Object.fromEntries(Object.entries(full.paths ?? {}).filter(([p]) => ANYFORMAT_PATH.test(p)));
    const info = { title: 'anyformat API (docsift)', version: '1.0.0', description: 'anyformat workflows and jobs, served by docsift.' };
    return reply.type('application/json; charset=utf-8').send({
      ...full,
      info,
      paths,
      security: [{ anyformatKey: [] }],
      components: {
        ...(full.components as object),
        securitySchemes: { anyformatKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
      },
    });
  });
}
