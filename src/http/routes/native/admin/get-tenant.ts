import { Type, type Static } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { tenantView, TenantView } from '../accounts/views.js';
import { ErrorResponse } from '../schemas.js';
import { TenantParams } from './admin-schemas.js';

export function registerAdminGetTenant(app: App, core: Core): void {
  app.get(
    '/admin/tenants/:tenant_id',
    {
      schema: {
        summary: 'A tenant with its credit balance (operator; X-Setup-Key).',
        tags: ['admin'],
        security: [{ setupKey: [] }],
        params: TenantParams,
        response: { 200: Type.Object({ tenant: TenantView }), 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { tenant_id } = request.params as Static<typeof TenantParams>;
      return { tenant: tenantView(await core.accounts.getTenant(tenant_id)) };
    },
  );
}
