import { Type, type Static } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { apiKeyView, CreatedApiKeyView } from '../accounts/views.js';
import { ErrorResponse } from '../schemas.js';
import { TenantParams } from './admin-schemas.js';

const Body = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    email: Type.Optional(Type.String({ maxLength: 254, description: "Which owner the key acts for; default the tenant's earliest owner." })),
  },
  { additionalProperties: false },
);

/** Recovery when every owner key is lost or disabled: only the operator (X-Setup-Key) can mint one. */
export function registerCreateOwnerKey(app: App, core: Core): void {
  app.post(
    '/admin/tenants/:tenant_id/api-keys',
    {
      schema: {
        summary: "Create an API key for a tenant's owner (operator recovery; X-Setup-Key). The key is shown once.",
        tags: ['admin'],
        security: [{ setupKey: [] }],
        params: TenantParams,
        body: Type.Optional(Body),
        response: { 201: Type.Object({ api_key: CreatedApiKeyView }), 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { tenant_id } = request.params as Static<typeof TenantParams>;
      const body = (request.body ?? {}) as Static<typeof Body>;
      const created = await core.accounts.createOwnerKey(tenant_id, body);
      return reply.status(201).send({ api_key: { ...apiKeyView(created.apiKey), key: created.key } });
    },
  );
}
