import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../internal/metrics/metrics.js';

/** Counts requests by route pattern (not raw URL, which would explode label cardinality). */
export function registerMetricsHooks(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });
}
