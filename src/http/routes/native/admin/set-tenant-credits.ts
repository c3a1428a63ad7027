import { Type, type Static } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { tenantView, TenantView } from '../accounts/views.js';
import { ErrorResponse } from '../schemas.js';
import { TenantParams } from './admin-schemas.js';

const Body = Type.Object(
  {
    // One schema with a type list, not a union: Ajv's type coercion then leaves a value that already
    // matches either type alone, whereas a union's branches would turn 0 into null or null into 0.
    balance: Type.Unsafe<number | null>({
      type: ['integer', 'null'],
      minimum: 0,
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
