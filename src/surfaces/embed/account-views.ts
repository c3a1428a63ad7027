import type { ApiKey, CreatedApiKey } from '../../accounts/api-keys.js';
import type { TenantInfo } from '../../accounts/tenants.js';
import type { UserAccount } from '../../accounts/users.js';

/** API keys as the embed docs list them: the key itself only on create, else its prefix. */
export function apiKeyView(key: ApiKey) {
  return {
    _id: key.id,
    id: key.id,
    name: key.name,
    key: `${key.prefix}...`,
    isActive: key.active,
    expiresAt: key.expiresAt,
    allowedDomains: key.allowedDomains,
    usageCount: key.usageCount,
    lastUsedAt: key.lastUsedAt,
    createdAt: key.createdAt,
    updatedAt: key.createdAt,
  };
}

export function createdApiKeyView(created: CreatedApiKey) {
  return { ...apiKeyView(created.apiKey), key: created.key };
}

export function userView(user: UserAccount) {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    role: user.role,
    createdAt: user.createdAt,
    updatedAt: user.createdAt,
  };
}

/** docsift has no mailbox integrations: `integrations.microsoft.accounts` is always empty. */
export function tenantView(tenant: TenantInfo) {
  return {
    _id: tenant.id,
    id: tenant.id,
    name: tenant.name,
    status: 'active' as const,
    integrations: { microsoft: { accounts: [] as unknown[] } },
    createdAt: tenant.createdAt,
    updatedAt: tenant.createdAt,
  };
}
