import type { Kysely } from 'kysely';
import type { ApiKeyRow, Database } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';
import { newId, nowIso } from '../internal/ids.js';
import { normalizeAllowedDomains } from './domains.js';
import { API_KEY_PREFIX, displayPrefix, generateSecret, hashSecret, type ApiKeyPrefix } from './secrets.js';

/** An API key as listed: never the key itself, which only its creator sees, once. */
export interface ApiKey {
  id: string;
  tenantId: string;
  /** The user the key acts for; its rights are that user's role. */
  userId: string | null;
  name: string;
  /** The first characters of the key, to tell keys apart. */
  prefix: string;
  active: boolean;
  expiresAt: string | null;
  allowedDomains: string[];
  usageCount: number;
  lastUsedAt: string | null;
  createdAt: string;
}

/** A key as created: the full `key` is returned here and never again. */
export interface CreatedApiKey {
  apiKey: ApiKey;
  key: string;
}

export interface NewApiKey {
  name: string;
  userId: string | null;
  /** ISO 8601; must be in the future. */
  expiresAt?: string | null;
  allowedDomains?: readonly string[];
  /** The host application the key is for (the embed onboarding's `appName`). */
  appName?: string | null;
  /** How the secret starts (default `dsk_`; the embed surface's keys `ext_`). */
  secretPrefix?: ApiKeyPrefix;
}

export interface ApiKeyPatch {
  name?: string;
  active?: boolean;
  expiresAt?: string | null;
  allowedDomains?: readonly string[];
}

const MAX_KEY_NAME_LENGTH = 100;

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    active: row.active === 1,
    expiresAt: row.expires_at,
    allowedDomains: parseDomains(row.allowed_domains),
    usageCount: row.usage_count,
    lastUsedAt: row.last_used_at,
    createdAt: row.created_at,
  };
}

export function parseDomains(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

function checkName(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if (!trimmed) throw errors.fieldInvalid(field, 'An API key needs a name.');
  if (trimmed.length > MAX_KEY_NAME_LENGTH) {
    throw errors.fieldInvalid(field, `An API key name has at most ${MAX_KEY_NAME_LENGTH} characters.`);
  }
  return trimmed;
}

/** Normalizes an expiry to a UTC ISO string (so string comparison orders correctly); must be in the future. */
export function normalizeExpiry(value: string | null | undefined, field = 'expires_at'): string | null {
  if (value === undefined || value === null) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw errors.fieldInvalid(field, `'${value.slice(0, 60)}' is not an ISO 8601 date-time.`);
  if (time <= Date.now()) throw errors.fieldInvalid(field, 'The expiry date must be in the future.');
  return new Date(time).toISOString();
}

/** Data access for API keys; every query is scoped by tenant id. */
export class ApiKeyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(tenantId: string, input: NewApiKey, db: Kysely<Database> = this.db): Promise<CreatedApiKey> {
    const key = generateSecret(input.secretPrefix ?? API_KEY_PREFIX);
    const row: ApiKeyRow = {
      id: newId('key'),
      tenant_id: tenantId,
      user_id: input.userId,
      name: checkName(input.name),
      prefix: displayPrefix(key),
      key_hash: hashSecret(key),
      active: 1,
      expires_at: normalizeExpiry(input.expiresAt),
      allowed_domains: JSON.stringify(normalizeAllowedDomains(input.allowedDomains)),
      usage_count: 0,
      last_used_at: null,
      created_at: nowIso(),
      app_name: input.appName?.trim() || null,
    };
    await db.insertInto('api_keys').values(row).execute();
    return { apiKey: toApiKey(row), key };
  }

  /** Oldest first; keys created in the same millisecond in id order, so the order is stable. */
  async list(tenantId: string): Promise<ApiKey[]> {
    const rows = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toApiKey);
  }

  async get(tenantId: string, id: string): Promise<ApiKey> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw errors.notFound('API key', id);
    return toApiKey(row);
  }

  async update(tenantId: string, id: string, patch: ApiKeyPatch, db: Kysely<Database> = this.db): Promise<ApiKey> {
    const values: Partial<ApiKeyRow> = {};
    if (patch.name !== undefined) values.name = checkName(patch.name);
    if (patch.active !== undefined) values.active = patch.active ? 1 : 0;
    if (patch.expiresAt !== undefined) values.expires_at = normalizeExpiry(patch.expiresAt);
    if (patch.allowedDomains !== undefined) values.allowed_domains = JSON.stringify(normalizeAllowedDomains(patch.allowedDomains));
    if (Object.keys(values).length > 0) {
      await db.updateTable('api_keys').set(values).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    }
    const row = await db.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw errors.notFound('API key', id);
    return toApiKey(row);
  }

  /** Deletes the key and the access tokens issued with it. */
  async delete(tenantId: string, id: string, db: Kysely<Database> = this.db): Promise<void> {
    await db.deleteFrom('access_tokens').where('tenant_id', '=', tenantId).where('api_key_id', '=', id).execute();
    await db.deleteFrom('api_keys').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
  }
}
