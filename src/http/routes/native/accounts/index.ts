import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { requireAuth } from '../../../plugins/auth.js';
import { registerCreateApiKey } from './create-api-key.js';
import { registerCreateUser } from './create-user.js';
import { registerDeleteApiKey } from './delete-api-key.js';
import { registerDeleteUser } from './delete-user.js';
import { registerGetApiKey } from './get-api-key.js';
import { registerGetTenant } from './get-tenant.js';
import { registerGetUser } from './get-user.js';
import { registerIssueAccessToken } from './issue-access-token.js';
import { registerListApiKeys } from './list-api-keys.js';
import { registerListUsers } from './list-users.js';
import { registerOnboard } from './onboard.js';
import { registerUpdateApiKey } from './update-api-key.js';
import { registerUpdateUser } from './update-user.js';

/** Accounts routes of an authenticated scope (the caller has already applied requireAuth and /v1). */
export function registerAccountRoutes(app: App, core: Core): void {
  registerIssueAccessToken(app, core);
  registerGetTenant(app, core);
  registerListApiKeys(app, core);
  registerCreateApiKey(app, core);
  registerGetApiKey(app, core);
  registerUpdateApiKey(app, core);
  registerDeleteApiKey(app, core);
  registerListUsers(app, core);
  registerCreateUser(app, core);
  registerGetUser(app, core);
  registerUpdateUser(app, core);
  registerDeleteUser(app, core);
}

/** Routes without an API key: `POST /onboard`, guarded by the operator's X-Setup-Key. */
export function registerPublicAccountRoutes(app: App, core: Core): void {
  registerOnboard(app, core);
}

/**
 * `POST <prefix>/auth/token` in a scope of its own that authenticates with the API key, for surfaces
 * whose other routes need the token itself (Extraly: `registerAccessTokenRoute(app, core, { prefix: '/api/v1' })`).
 * Call it on a scope that has no auth hook of its own.
 */
export function registerAccessTokenRoute(app: App, core: Core, options: { prefix?: string } = {}): void {
  void app.register(
    async (scope) => {
      requireAuth(scope as App, core.accounts);
      registerIssueAccessToken(scope as App, core);
    },
    { prefix: options.prefix ?? '' },
  );
}
