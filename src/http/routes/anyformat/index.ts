import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { RateLimits } from '../../../usage/rate-limits.js';
import { errors } from '../../../internal/errors/errors.js';
import { registerRateLimit } from '../../plugins/rate-limit.js';
import { registerJobRoutes } from './jobs.js';
import { registerRunWorkflow } from './run-workflow.js';
import { registerSchemaDocument } from './schema-document.js';
import { registerWorkflowRoutes } from './workflows.js';

/** anyformat's documented limit: 10 documents per minute per API key. */
export const ANYFORMAT_DOCUMENTS_PER_MINUTE = 10;

/**
 * anyformat's API at the root (docs/api-notes.md, "anyformat"): `/workflows/…` and `/jobs/…` with
 * trailing slashes, authenticated by `x-api-key` only; `/schema/` public (`/docs/` is the app's
 * Swagger UI). Runs count against 10 documents per minute per key (or the server's lower submit
 * limit), in the per-key submit window every surface shares; past it, 429 with Retry-After.
 */
export async function registerAnyformatApi(app: App, core: Core): Promise<void> {
  registerSchemaDocument(app);
  const limits = new RateLimits({
    db: core.db,
    perHour: core.config.rateLimitPerHour,
    submitPerMinute: Math.min(ANYFORMAT_DOCUMENTS_PER_MINUTE, core.config.submitLimitPerMinute),
  });
  await app.register(async (authed) => {
    const scope = authed as App;
    if (!scope.hasRequestDecorator('auth')) scope.decorateRequest('auth', null as never);
    scope.addHook('onRequest', async (request) => {
      const header = request.headers['x-api-key'];
      const apiKey = Array.isArray(header) ? header[0] : header;
      if (!apiKey) throw errors.unauthorized('Authentication credentials were not provided: send your API key in the x-api-key header.');
      request.auth = await core.accounts.authenticate({ apiKey, ip: request.ip });
    });
    registerRateLimit(scope, limits);
    registerWorkflowRoutes(scope, core);
    registerRunWorkflow(scope, core);
    registerJobRoutes(scope, core);
  });
}
