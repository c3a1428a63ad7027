import type { FastifyReply } from 'fastify';
import { errors } from '../../internal/errors/errors.js';
import type { RateDecision, RateLimits } from '../../usage/rate-limits.js';
import type { App } from '../app-type.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'submit': the route starts document processing, so it also counts against the tighter
     * per-minute submit limit (DOCSIFT_SUBMIT_LIMIT_PER_MINUTE). Every route of a rate-limited scope
     * counts against the hourly limit (DOCSIFT_RATE_LIMIT_PER_HOUR).
     */
    rateLimit?: 'submit';
  }
}

export interface RateLimitOptions {
  /**
   * Routes to treat as submit routes without touching their files, as 'METHOD /full/path'
   * (e.g. 'POST /v1/extractions'). A route may instead say so itself: `config: { rateLimit: 'submit' }`.
   * Matched when routes are added, so register the plugin before the routes.
   */
  submitRoutes?: string[];
}

/**
 * Per-API-key rate limits for every route of this (encapsulated) scope; call it right after the
 * scope's auth hook, since it counts by `request.auth.apiKeyId`. Every response of the scope carries
 * X-RateLimit-Limit / -Remaining / -Reset (unix seconds); past a limit the request is refused with
 * 429 RATE_LIMITED and Retry-After, in the surface's own error shape. Any surface can use it:
 *
 *   requireAuth(scope, core.accounts);
 *   registerRateLimit(scope, core.rateLimits);
 *   scope.post('/extract_runs', { config: { rateLimit: 'submit' }, schema }, handler);
 */
export function registerRateLimit(app: App, limits: RateLimits, options: RateLimitOptions = {}): void {
  const submitRoutes = new Set(options.submitRoutes ?? []);
  if (submitRoutes.size > 0) {
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.some((m) => submitRoutes.has(`${m} ${route.url}`))) {
        route.config = { ...route.config, rateLimit: 'submit' };
      }
    });
  }
  app.addHook('onRequest', async (request, reply) => {
    if (!request.auth) return; // a route its scope lets through unauthenticated has no key to count against
    const decision = await limits.hit(request.auth.apiKeyId, { submit: request.routeOptions.config.rateLimit === 'submit' });
    setRateLimitHeaders(reply, decision);
    if (!decision.allowed) throw errors.rateLimited(decision.retryAfterSeconds);
  });
}

/** The X-RateLimit-* headers (set before the handler, so error responses carry them too). */
export function setRateLimitHeaders(reply: FastifyReply, decision: RateDecision): void {
  reply.header('x-ratelimit-limit', String(decision.reported.limit));
  reply.header('x-ratelimit-remaining', String(decision.reported.remaining));
  reply.header('x-ratelimit-reset', String(decision.reported.resetAt));
}
