import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { requireAuth } from '../../plugins/auth.js';
import { registerIdempotency } from '../../plugins/idempotency.js';
import { registerRateLimit } from '../../plugins/rate-limit.js';
import { registerAdminRoutes } from './admin/index.js';
import { registerUsageRoutes } from './usage/index.js';
import { registerAccountRoutes, registerPublicAccountRoutes } from './accounts/index.js';
import { registerParserRoutes } from './parsers/index.js';
import { registerFileRoutes } from './files/index.js';
import { registerExtractionRoutes } from './extractions/index.js';
import { registerWebhookRoutes } from './webhooks/index.js';
import { registerEvaluationRoutes } from './evaluations/index.js';

/** The native API under /v1. Everything but onboarding and operator routes needs a key or token. */
export async function registerNativeApi(app: App, core: Core): Promise<void> {
  registerPublicAccountRoutes(app, core);
  await registerAdminRoutes(app, core);
  await app.register(async (authed) => {
    const scope = authed as App;
    requireAuth(scope, core.accounts);
    // After auth: limits count per API key, idempotency keys are scoped to the tenant and the key.
    // An evaluation run submits an extraction of the set's documents: it counts as a submit too.
    registerRateLimit(scope, core.rateLimits, { submitRoutes: ['POST /v1/extractions', 'POST /v1/evaluation-sets/:set_id/runs'] });
    registerIdempotency(scope, core.idempotency);
    registerAccountRoutes(scope, core);
    registerParserRoutes(scope, core);
    registerFileRoutes(scope, core);
    registerExtractionRoutes(scope, core);
    registerWebhookRoutes(scope, core);
    registerUsageRoutes(scope, core);
    registerEvaluationRoutes(scope, core);
  });
}
