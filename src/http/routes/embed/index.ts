import type { Core } from '../../../core.js';
import { embedErrorBody, embedStatusCode } from '../../../surfaces/embed/embed-errors.js';
import type { App } from '../../app-type.js';
import { toAppError } from '../../plugins/errors.js';
import { registerRateLimit } from '../../plugins/rate-limit.js';
import { registerApiKeyRoutes } from './api-keys.js';
import { registerDocumentRoutes } from './documents.js';
import { requireEmbedAuth } from './embed-auth.js';
import { registerExtractionRoutes } from './extractions.js';
import { registerFileRoutes } from './files.js';
import { registerOnboard } from './onboard.js';
import { registerTenantRoutes } from './tenants.js';
import { registerUserRoutes } from './users.js';
import { registerVerify } from './verify.js';
import { registerWebhookRoutes } from './webhooks.js';

export const EMBED_PREFIX = '/api/embed';

/**
 * The Extractor embed API under /api/embed: `{data, error}` bodies, errors as `{data: null, error: "message"}`.
 * Register with `{prefix: EMBED_PREFIX}`.
 */
export async function registerEmbedApi(app: App, core: Core): Promise<void> {
  const embed = core.embed;
  app.setErrorHandler((err, request, reply) => {
    const appError = toAppError(err, request);
    if (appError.headers) reply.headers(appError.headers);
    return reply.status(embedStatusCode(appError)).send(embedErrorBody(appError));
  });
  registerOnboard(app, core);
  await app.register(async (authed) => {
    const scope = authed as App;
    requireEmbedAuth(scope, core.accounts);
    registerRateLimit(scope, core.rateLimits, { submitRoutes: [`POST ${EMBED_PREFIX}/extract`] });
    registerVerify(scope);
    registerExtractionRoutes(scope, core, embed);
    registerDocumentRoutes(scope, core);
    registerFileRoutes(scope, embed);
    registerWebhookRoutes(scope, embed);
    registerApiKeyRoutes(scope, core);
    registerTenantRoutes(scope, core);
    registerUserRoutes(scope, core);
  });
}
