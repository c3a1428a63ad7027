import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { requireSetupKey } from '../../../plugins/auth.js';
import { registerCreateOwnerKey } from './create-owner-key.js';
import { registerAdminGetTenant } from './get-tenant.js';
import { registerSetTenantCredits } from './set-tenant-credits.js';

/**
 * Operator routes under `/admin`, in a scope of their own guarded by the operator's X-Setup-Key
 * (DOCSIFT_SETUP_KEY). An API key, whatever its role, is not accepted: tenants don't set their own credits.
 */
export async function registerAdminRoutes(app: App, core: Core): Promise<void> {
  await app.register(async (scope) => {
    const admin = scope as App;
    requireSetupKey(admin, core.accounts);
    registerAdminGetTenant(admin, core);
    registerSetTenantCredits(admin, core);
    registerCreateOwnerKey(admin, core);
  });
}
