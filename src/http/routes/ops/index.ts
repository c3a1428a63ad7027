import { sql } from 'kysely';
import { Type } from 'typebox';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';

const Check = Type.Object({ status: Type.String(), checks: Type.Record(Type.String(), Type.String()) });

/** Health, readiness, metrics and the API description: no authentication. */
export function registerOpsRoutes(app: App, core: Core): void {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is up.', response: { 200: Type.Object({ status: Type.String() }) } } }, async () => ({ status: 'ok' }));

  app.get(
    '/readyz',
    { schema: { tags: ['operations'], summary: 'The database and the queue answer.', response: { 200: Check, 503: Check } } },
    async (_request, reply) => {
      const checks: Record<string, string> = {};
      checks.database = await sql`select 1`.execute(core.db).then(() => 'ok', (err: Error) => `error: ${err.message}`);
      checks.queue = await core.queue.ping().then((ok) => (ok ? 'ok' : 'error'), (err: Error) => `error: ${err.message}`);
      const ready = Object.values(checks).every((c) => c === 'ok');
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );

  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics.', hide: false } }, async (_request, reply) => {
    // Gauges are read from the database at scrape time, so every process reports the shared truth.
    const stats = await core.queue.stats();
    for (const [state, n] of Object.entries(stats)) core.metrics.queueDepth.set({ state }, n);
    const byStatus = await core.db.selectFrom('documents').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    core.metrics.documents.reset();
    for (const row of byStatus) core.metrics.documents.set({ status: row.status }, Number(row.n));
    return reply.type(core.metrics.registry.contentType).send(await core.metrics.registry.metrics());
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
