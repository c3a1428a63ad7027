import type { FastifyInstance } from 'fastify';

/**
 * One log line per request, when it completes (Fastify's default writes two). Method, route, status,
 * time and the request id only: never headers or bodies, which carry keys and document contents.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        url: request.url.split('?')[0],
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
    done();
  });
}
