import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { tenantView, TenantView } from './views.js';

export function registerGetTenant(app: App, core: Core): void {
  app.get(
    '/tenant',
    {
      schema: {
        summary: "The caller's tenant: name, credit balance and webhook signing secret (owners and admins; null for members).",
        tags: ['tenant'],
        response: { 200: Type.Object({ tenant: TenantView }) },
      },
    },
    async (request) => ({ tenant: tenantView(await core.accounts.getTenantForCaller(request.auth)) }),
  );
}
