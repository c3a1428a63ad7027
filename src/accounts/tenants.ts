import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Tenant } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';
import { newId, nowIso } from '../internal/ids.js';

export interface TenantInfo {
  id: string;
  name: string;
  /** Remaining credits; null means unlimited (the default until an operator sets a balance). */
  creditsBalance: number | null;
  /** Signs deliveries to per-request `webhook_url`s. */
  webhookSecret: string;
  createdAt: string;
}

const MAX_TENANT_NAME_LENGTH = 200;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function checkTenantName(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if (!trimmed) throw errors.fieldInvalid(field, 'The organization name must not be empty.');
  if (trimmed.length > MAX_TENANT_NAME_LENGTH) {
    throw errors.fieldInvalid(field, `The organization name has at most ${MAX_TENANT_NAME_LENGTH} characters.`);
  }
  return trimmed;
}

export function newTenantRow(name: string): Tenant {
  return { id: newId('ten'), name, credits_balance: null, webhook_secret: newWebhookSecret(), created_at: nowIso() };
}

export function toTenantInfo(row: Tenant): TenantInfo {
  return {
    id: row.id,
    name: row.name,
    creditsBalance: row.credits_balance,
    webhookSecret: row.webhook_secret,
    createdAt: row.created_at,
  };
}

export async function findTenant(db: Kysely<Database>, tenantId: string): Promise<TenantInfo> {
  const row = await db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
  if (!row) throw errors.notFound('tenant', tenantId);
  return toTenantInfo(row);
}
