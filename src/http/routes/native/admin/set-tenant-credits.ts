import { Type, type Static } from 'typebox';
import type { App } from '../../../app.js';
import type { Core } from '../../../../start/core.js';
import { tenantView, TenantView } from '../accounts/views.js';
import { ErrorResponse } from '../schemas.js';
import { TenantParams } from './admin-schemas.js';

const Body = Type.Object(
  {
    // Null first: the app coerces types, and null tried as an integer would become 0.
    balance: Type.Union([Type.Null(), Type.Integer({ minimum: 0 })], {
      description: 'Credits left (1 page = 1 credit), or null for unlimited.',
    }),
  },
  { additionalProperties: false },
);

export function registerSetTenantCredits(app: App, core: Core): void {
  app.put(
    '/admin/tenants/:tenant_id/credits',
    {
      schema: {
        summary: "Set a tenant's credit balance (operator; X-Setup-Key).",
        tags: ['admin'],
        security: [{ setupKey: [] }],
        params: TenantParams,
        body: Body,
        response: { 200: Type.Object({ tenant: TenantView }), 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { tenant_id } = request.params as Static<typeof TenantParams>;
      const { balance } = request.body as Static<typeof Body>;
      return { tenant: tenantView(await core.accounts.setCreditsBalance(tenant_id, balance)) };
    },
  );
}
