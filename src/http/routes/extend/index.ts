import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { errors } from '../../../internal/errors/errors.js';
import { requireAuth } from '../../plugins/auth.js';
import { registerRateLimit } from '../../plugins/rate-limit.js';
import { EXTEND_API_VERSION } from '../../../surfaces/extend/webhooks.js';
import { fromExtendId, mapIds, toExtendId } from '../../../surfaces/extend/extend-ids.js';
import { registerExtractRunRoutes } from './extract-runs.js';
import { registerExtractorRoutes } from './extractors.js';
import { registerExtendFileRoutes } from './files.js';
import { registerWebhookEndpointRoutes } from './webhook-endpoints.js';

/** URL prefixes of the Extend surface: its errors answer in Extend's shape. */
export const EXTEND_PREFIXES = ['/extract_runs', '/extractors', '/extract', '/files', '/webhook_endpoints', '/batch_runs'];

/**
 * The Extend API at its documented root paths, authenticated by `Authorization: Bearer <api key>`.
 * `x-extend-api-version` is optional (the SDK always sends it); a malformed value is refused and every
 * answer names the version served.
 */
export async function registerExtendApi(app: App, core: Core): Promise<void> {
  await app.register(async (authed) => {
    const scope = authed as App;
    scope.addHook('onRequest', async (_request, reply) => {
      reply.header('x-extend-api-version', EXTEND_API_VERSION);
    });
    requireAuth(scope, core.accounts);
    scope.addHook('onRequest', async (request) => {
      const version = request.headers['x-extend-api-version'];
      if (version !== undefined && (typeof version !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(version))) {
        throw errors.fieldInvalid('x-extend-api-version', `x-extend-api-version must be a date such as ${EXTEND_API_VERSION}.`);
      }
    });
    // Extend's id prefixes on the wire (ex_, exr_, exv_, file_), the core's inside.
    scope.addHook('preValidation', async (request) => {
      request.params = mapIds(request.params, fromExtendId);
      request.query = mapIds(request.query, fromExtendId);
      if (request.body !== undefined && request.body !== null && typeof request.body === 'object' && !Buffer.isBuffer(request.body)) {
        request.body = mapIds(request.body, fromExtendId);
      }
    });
    scope.addHook('preSerialization', async (_request, _reply, payload) => mapIds(payload, toExtendId));
    registerRateLimit(scope, core.rateLimits, { submitRoutes: ['POST /extract_runs', 'POST /extract_runs/batch'] });
    registerExtractRunRoutes(scope, core);
    registerExtractorRoutes(scope, core);
    registerExtendFileRoutes(scope, core);
    registerWebhookEndpointRoutes(scope, core);
  });
}
