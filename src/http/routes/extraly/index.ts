import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { ACCESS_TOKEN_PREFIX } from '../../../accounts/secrets.js';
import { errors } from '../../../internal/errors/errors.js';
import { readCredentials } from '../../plugins/auth.js';
import { registerRateLimit } from '../../plugins/rate-limit.js';
import { registerAccessTokenRoute } from '../native/accounts/index.js';
import { registerDeleteDocument } from './delete-document.js';
import { registerExportDocument } from './export-document.js';
import { registerGetDocument } from './get-document.js';
import { registerListDocuments } from './list-documents.js';
import { registerSubmitDocument } from './submit-document.js';

/**
 * Extraly's API at /api/v1 (docs/api-notes.md, "Extraly"). `POST /api/v1/auth/token` takes the API key
 * alone, as on /v1. Every /documents route requires both headers, as Extraly's docs say: the access
 * token in `Authorization: Bearer` and the API key in `X-API-Key`, valid and of one tenant. A request
 * with only one of them, or with an API key in the Bearer slot, is 401 (naming what is missing).
 */
export async function registerExtralyApi(app: App, core: Core): Promise<void> {
  registerAccessTokenRoute(app, core);
  await app.register(async (authed) => {
    const scope = authed as App;
    if (!scope.hasRequestDecorator('auth')) scope.decorateRequest('auth', null as never);
    scope.addHook('onRequest', async (request) => {
      const creds = readCredentials(request);
      if (!creds.bearer) throw errors.unauthorized('Missing access token: send "Authorization: Bearer <access token>" with X-API-Key.');
      if (!creds.apiKey) throw errors.unauthorized('Missing API key: send X-API-Key with the Bearer access token.');
      if (!creds.bearer.startsWith(ACCESS_TOKEN_PREFIX)) {
        throw errors.unauthorized('The Bearer token must be an access token from POST /api/v1/auth/token.');
      }
      request.auth = await core.accounts.authenticate(creds);
    });
    registerRateLimit(scope, core.rateLimits);
    registerSubmitDocument(scope, core);
    registerListDocuments(scope, core);
    registerGetDocument(scope, core);
    registerDeleteDocument(scope, core);
    registerExportDocument(scope, core);
  });
}
