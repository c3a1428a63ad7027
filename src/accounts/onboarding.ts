import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../internal/db/row-locks.js';
import type { Database } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';
import { ApiKeyStore, type CreatedApiKey } from './api-keys.js';
import type { ApiKeyPrefix } from './secrets.js';
import { normalizeAllowedDomains } from './domains.js';
import { checkTenantName, newTenantRow, toTenantInfo, type TenantInfo } from './tenants.js';
import { UserStore, type UserAccount } from './users.js';

export interface BootstrapResult {
  tenant: { id: string; name: string };
  user: { id: string; email: string };
  /** The full key, shown once. */
  apiKey: string;
}

/** The body of `POST /v1/onboard` and `POST /api/embed/onboard` (docs/api-notes.md, "Extractor embed"). */
export interface OnboardInput {
  organizationName: string;
  firstName: string;
  lastName: string;
  email: string;
  /** Default: "<organizationName> - API Key". */
  apiKeyName?: string;
  allowedDomains?: string[];
  hasExpiry?: boolean;
  /** 1-365 days, used when hasExpiry is true; default 90. */
  expiryDays?: number;
  appName?: string;
  /** How the key's secret starts (the embed surface's `ext_`); default `dsk_`. */
  secretPrefix?: ApiKeyPrefix;
}

export interface OnboardResult {
  tenant: TenantInfo;
  user: UserAccount;
  apiKey: CreatedApiKey;
  /** A user with this email already existed in another tenant (the embed docs' `isExistingUser`). */
  isExistingUser: boolean;
}

export const BOOTSTRAP_TENANT_NAME = 'Default';
export const BOOTSTRAP_USER_EMAIL = 'admin@localhost';
const DEFAULT_EXPIRY_DAYS = 90;
/** The advisory lock key of bootstrapIfEmpty on Postgres (an arbitrary constant: "boot" in ASCII). */
const BOOTSTRAP_LOCK_KEY = 0x626f6f74;

/**
 * Creates the first tenant, its owner and an API key on an empty database; null when any tenant exists.
 *
 * Two processes may start at once on one database. The tenant is inserted with
 * `INSERT … SELECT … WHERE NOT EXISTS (SELECT 1 FROM tenants)`: a single write statement, so SQLite
 * takes its write lock before evaluating the NOT EXISTS and the loser waits (busy_timeout), then sees
 * the winner's row and inserts nothing. The user and key go in the same transaction, so a crash leaves
 * either everything or nothing. Postgres evaluates NOT EXISTS against its snapshot, so there the
 * transaction first takes an advisory lock of its own (bootstrap only, nothing else waits for it): the
 * loser waits for the winner's commit, and its INSERT, a new statement, then sees the winner's tenant.
 */
export async function bootstrapIfEmpty(db: Kysely<Database>): Promise<BootstrapResult | null> {
  return db.transaction().execute(async (trx) => {
    if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`.execute(trx);
    const tenant = newTenantRow(BOOTSTRAP_TENANT_NAME);
    const inserted = await trx
      .insertInto('tenants')
      .columns(['id', 'name', 'credits_balance', 'webhook_secret', 'created_at'])
      .expression(
        trx
          .selectNoFrom((eb) => [
            eb.val(tenant.id).as('id'),
            eb.val(tenant.name).as('name'),
            eb.lit(null).as('credits_balance'),
            eb.val(tenant.webhook_secret).as('webhook_secret'),
            eb.val(tenant.created_at).as('created_at'),
          ])
          .where((eb) => eb.not(eb.exists(eb.selectFrom('tenants').select('id')))),
      )
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return null;
    const user = await new UserStore(trx).insert(tenant.id, { email: BOOTSTRAP_USER_EMAIL, name: 'Admin', role: 'owner' }, trx);
    const created = await new ApiKeyStore(trx).insert(tenant.id, { name: 'Bootstrap key', userId: user.id }, trx);
    return { tenant: { id: tenant.id, name: tenant.name }, user: { id: user.id, email: user.email }, apiKey: created.key };
  });
}

/** Creates a tenant, its owner user and an API key in one transaction. */
export async function onboard(db: Kysely<Database>, input: OnboardInput): Promise<OnboardResult> {
  const name = checkTenantName(input.organizationName, 'organizationName');
  if (!input.firstName?.trim()) throw errors.fieldInvalid('firstName', 'firstName is required.');
  if (!input.lastName?.trim()) throw errors.fieldInvalid('lastName', 'lastName is required.');
  const allowedDomains = normalizeAllowedDomains(input.allowedDomains, 'allowedDomains');
  let expiresAt: string | null = null;
  if (input.hasExpiry) {
    const days = input.expiryDays ?? DEFAULT_EXPIRY_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      throw errors.fieldInvalid('expiryDays', 'expiryDays must be a whole number from 1 to 365.');
    }
    expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
  }
  return db.transaction().execute(async (trx) => {
    const row = newTenantRow(name);
    // Users belong to one tenant here, so "existing" means the same email already has a user elsewhere.
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.trim().toLowerCase()))
      .executeTakeFirst();
    await trx.insertInto('tenants').values(row).execute();
    const user = await new UserStore(trx).insert(
      row.id,
      { email: input.email, firstName: input.firstName, lastName: input.lastName, role: 'owner' },
      trx,
    );
    const apiKey = await new ApiKeyStore(trx).insert(
      row.id,
      {
        name: input.apiKeyName?.trim() || `${name} - API Key`,
        userId: user.id,
        expiresAt,
        allowedDomains,
        appName: input.appName,
        secretPrefix: input.secretPrefix,
      },
      trx,
    );
    return { tenant: toTenantInfo(row), user, apiKey, isExistingUser: existing !== undefined };
  });
}
