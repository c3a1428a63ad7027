import type { Core } from '../../../core.js';
import { tenantView } from '../../../surfaces/embed/account-views.js';
import { errors } from '../../../internal/errors/errors.js';
import type { App } from '../../app-type.js';
import { IdParams, ok, TAGS } from './schemas.js';

export function registerTenantRoutes(app: App, core: Core): void {
  // Only the caller's own tenant; any other id is "not found", as for every other object.
  app.get('/tenants/:id', { schema: { summary: 'Get your tenant', tags: TAGS, params: IdParams } }, async (request) => {
    if (request.params.id !== request.auth.tenantId) throw errors.notFound('tenant', request.params.id);
    return ok(tenantView(await core.accounts.getTenant(request.auth.tenantId)));
  });
}
