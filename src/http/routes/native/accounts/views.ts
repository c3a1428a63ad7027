import { Type } from 'typebox';
import type { ApiKey } from '../../../../accounts/api-keys.js';
import type { TenantInfo } from '../../../../accounts/tenants.js';
import type { UserAccount } from '../../../../accounts/users.js';

/** JSON shapes of accounts objects in the native API (snake_case, `<kind>_id`), and their mappers. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const RoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')]);

export const ApiKeyView = Type.Object({
  api_key_id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to tell keys apart.' }),
  active: Type.Boolean(),
  expires_at: Nullable(Type.String()),
  allowed_domains: Type.Array(Type.String()),
  usage_count: Type.Integer(),
  last_used_at: Nullable(Type.String()),
  user_id: Nullable(Type.String({ description: 'The user the key acts for; it has that user\'s role.' })),
  created_at: Type.String(),
});

export const CreatedApiKeyView = Type.Object({
  ...ApiKeyView.properties,
  key: Type.String({ description: 'The full key. It is shown only in this response; store it securely.' }),
});

export const UserView = Type.Object({
  user_id: Type.String(),
  email: Type.String(),
  name: Nullable(Type.String()),
  first_name: Nullable(Type.String()),
  last_name: Nullable(Type.String()),
  role: RoleSchema,
  created_at: Type.String(),
});

export const TenantView = Type.Object({
  tenant_id: Type.String(),
  name: Type.String(),
  credits_balance: Nullable(Type.Integer({ description: 'null: unlimited.' })),
  webhook_secret: Nullable(Type.String({ description: 'Signs deliveries to per-request webhook_url targets. Owners and admins only: null for members.' })),
  created_at: Type.String(),
});

export const ApiKeyParams = Type.Object({ api_key_id: Type.String() });
export const UserParams = Type.Object({ user_id: Type.String() });

export function apiKeyView(key: ApiKey) {
  return {
    api_key_id: key.id,
    name: key.name,
    prefix: key.prefix,
    active: key.active,
    expires_at: key.expiresAt,
    allowed_domains: key.allowedDomains,
    usage_count: key.usageCount,
    last_used_at: key.lastUsedAt,
    user_id: key.userId,
    created_at: key.createdAt,
  };
}

export function userView(user: UserAccount) {
  return {
    user_id: user.id,
    email: user.email,
    name: user.name,
    first_name: user.firstName,
    last_name: user.lastName,
    role: user.role,
    created_at: user.createdAt,
  };
}

export function tenantView(tenant: Omit<TenantInfo, 'webhookSecret'> & { webhookSecret: string | null }) {
  return {
    tenant_id: tenant.id,
    name: tenant.name,
    credits_balance: tenant.creditsBalance,
    webhook_secret: tenant.webhookSecret,
    created_at: tenant.createdAt,
  };
}
