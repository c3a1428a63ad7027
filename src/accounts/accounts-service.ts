import type { Config } from '../config.js';
import type { Db } from '../internal/db/database.js';
import { AppError } from '../internal/errors/app-error.js';
import { errors } from '../internal/errors/errors.js';
import { AccessTokenStore, type IssuedAccessToken } from './access-tokens.js';
import { ApiKeyStore, type ApiKey, type ApiKeyPatch, type CreatedApiKey } from './api-keys.js';
import type { AuthContext } from './auth-context.js';
import { AuthThrottle } from './auth-throttle.js';
import { Authenticator, type Credentials } from './authenticator.js';
import { UsageRecorder } from './usage-recorder.js';
import { bootstrapIfEmpty, onboard, type BootstrapResult, type OnboardInput, type OnboardResult } from './onboarding.js';
import { assertOwnersKeepAKey } from './owner-keys.js';
import { assertCanActOnRole, assertCanManageAccounts, roleAtLeast, type Role } from './roles.js';
import { secretsEqual, type ApiKeyPrefix } from './secrets.js';
import { findTenant, type TenantInfo } from './tenants.js';
import { normalizeEmail, UserStore, type NewUser, type UserAccount } from './users.js';

export interface UserPatch {
  email?: string;
  name?: string | null;
  role?: Role;
}

export interface ListUsersOptions {
  offset: number;
  limit: number;
  /** Matches email or name, case-insensitively. */
  search?: string;
}

/**
 * Tenants, users, API keys and access tokens. Every method that takes an AuthContext works inside
 * the caller's tenant only: an id from another tenant is answered like an id that does not exist.
 */
export class AccountsService {
  private readonly db: Db;
  private readonly config: Config;
  private readonly users: UserStore;
  private readonly keys: ApiKeyStore;
  private readonly tokens: AccessTokenStore;
  private readonly authenticator: Authenticator;
  private readonly usage: UsageRecorder;
  private readonly authThrottle: AuthThrottle;

  constructor(deps: { db: Db; config: Config }) {
    this.authThrottle = new AuthThrottle({ db: deps.db, limitPerMinute: deps.config.authFailuresPerMinute });
    this.db = deps.db;
    this.config = deps.config;
    this.users = new UserStore(deps.db);
    this.keys = new ApiKeyStore(deps.db);
    this.tokens = new AccessTokenStore(deps.db);
    this.usage = new UsageRecorder(deps.db);
    this.authenticator = new Authenticator(deps.db, this.usage);
  }

  /** The host app the caller's key was made for (onboarding `appName`), or null. */
  async keyAppName(auth: AuthContext): Promise<string | null> {
    const row = await this.db.selectFrom('api_keys').select('app_name').where('tenant_id', '=', auth.tenantId).where('id', '=', auth.apiKeyId).executeTakeFirst();
    return row?.app_name ?? null;
  }

  /** Forgets cached key lookups, after keys were changed outside this service (an operator's SQL). */
  invalidateKeys(): void {
    this.authenticator.invalidate();
  }

  /** Writes buffered key usage; call before closing the database. */
  close(): Promise<void> {
    return this.usage.flush();
  }

  // --- bootstrap, onboarding, operator access -------------------------------------------------

  /** First start: creates a tenant, an owner (admin@localhost) and an API key; null if any tenant exists. */
  bootstrapIfEmpty(): Promise<BootstrapResult | null> {
    return bootstrapIfEmpty(this.db);
  }

  /** Creates a tenant with its owner and an API key (the embed docs' onboarding). Check the setup key first. */
  onboard(input: OnboardInput): Promise<OnboardResult> {
    return onboard(this.db, input);
  }

  /** Checks an operator's `X-Setup-Key` against DOCSIFT_SETUP_KEY, in constant time. */
  verifySetupKey(given: string | undefined): void {
    if (!this.config.setupKey) {
      throw new AppError(
        'FORBIDDEN',
        'Operator endpoints are disabled: set DOCSIFT_SETUP_KEY on the server to enable onboarding and administration.',
      );
    }
    if (!given) throw errors.unauthorized('Missing setup key: send it in the X-Setup-Key header.');
    if (!secretsEqual(given, this.config.setupKey)) throw errors.unauthorized('Invalid setup key.');
  }

  // --- authentication ---------------------------------------------------------------------------

  /**
   * Resolves an API key (X-API-Key or Bearer) or an access token (Bearer); counts the key's use.
   * Failures are counted per address and per key prefix, in the database (shared by every process);
   * past DOCSIFT_AUTH_FAILURES_PER_MINUTE the next attempts are a 429 without a lookup.
   */
  async authenticate(creds: Credentials): Promise<AuthContext> {
    const keys = AuthThrottle.keysOf({ ip: creds.ip, secret: (creds.apiKey ?? creds.bearer)?.trim() });
    const reading = this.authThrottle.assertAllowed(keys);
    if (reading) await reading;
    try {
      return await this.authenticator.authenticate(creds);
    } catch (err) {
      if (err instanceof AppError && err.code === 'UNAUTHORIZED') {
        // Answer 401 even if the count could not be written (the database failing is not this client's to see).
        await this.authThrottle.recordFailure(keys).catch(() => undefined);
      }
      throw err;
    }
  }

  /**
   * Issues a 1-hour access token acting as `email`, a user of the caller's tenant. Tokens are issued
   * with an API key (not with another token, which would extend a token forever), and only for a
   * user whose role does not exceed the caller's.
   */
  async issueAccessToken(auth: AuthContext, email: string): Promise<IssuedAccessToken> {
    if (auth.via !== 'api_key') {
      throw errors.forbidden('Access tokens are issued with an API key; send it in the X-API-Key header.');
    }
    const user = await this.users.findByEmail(auth.tenantId, normalizeEmail(email));
    if (!user) {
      throw new AppError('NOT_FOUND', `No user with the email '${email.trim().toLowerCase()}' exists in this tenant.`);
    }
    if (user.id !== auth.userId && !roleAtLeast(auth.role, user.role)) {
      throw errors.forbidden(`A ${auth.role} cannot issue an access token for a user with the ${user.role} role.`);
    }
    return this.tokens.issue({ tenantId: auth.tenantId, userId: user.id, apiKeyId: auth.apiKeyId });
  }

  // --- tenant -----------------------------------------------------------------------------------

  getTenant(tenantId: string): Promise<TenantInfo> {
    return findTenant(this.db, tenantId);
  }

  /**
   * The caller's tenant as the caller may see it: the webhook signing secret only for owners and
   * admins (a member holding it could forge the tenant's deliveries to its own receivers).
   */
  async getTenantForCaller(auth: AuthContext): Promise<Omit<TenantInfo, 'webhookSecret'> & { webhookSecret: string | null }> {
    const tenant = await findTenant(this.db, auth.tenantId);
    return roleAtLeast(auth.role, 'admin') ? tenant : { ...tenant, webhookSecret: null };
  }

  /** Sets a tenant's credit balance (null: unlimited). For operator routes, behind the setup key. */
  async setCreditsBalance(tenantId: string, balance: number | null): Promise<TenantInfo> {
    if (balance !== null && (!Number.isInteger(balance) || balance < 0)) {
      throw errors.fieldInvalid('balance', 'The balance must be a whole number of credits, 0 or more, or null for unlimited.');
    }
    const result = await this.db.updateTable('tenants').set({ credits_balance: balance }).where('id', '=', tenantId).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw errors.notFound('tenant', tenantId);
    return findTenant(this.db, tenantId);
  }

  // --- API keys ---------------------------------------------------------------------------------

  async listApiKeys(auth: AuthContext): Promise<ApiKey[]> {
    assertCanManageAccounts(auth);
    await this.usage.flush();
    return this.keys.list(auth.tenantId);
  }

  /** Returns the full key once, in `key`; the key acts for the calling user. */
  async createApiKey(
    auth: AuthContext,
    input: { name: string; expiresAt?: string | null; allowedDomains?: readonly string[]; secretPrefix?: ApiKeyPrefix },
  ): Promise<CreatedApiKey> {
    assertCanManageAccounts(auth);
    return this.keys.insert(auth.tenantId, { ...input, userId: auth.userId });
  }

  async getApiKey(auth: AuthContext, id: string): Promise<ApiKey> {
    assertCanManageAccounts(auth);
    await this.usage.flush();
    return this.keys.get(auth.tenantId, id);
  }

  async updateApiKey(auth: AuthContext, id: string, patch: ApiKeyPatch): Promise<ApiKey> {
    assertCanManageAccounts(auth);
    const key = await this.keys.get(auth.tenantId, id);
    await this.assertCanActOnKey(auth, key);
    if (patch.active === false && id === auth.apiKeyId) {
      throw errors.fieldInvalid('active', 'You cannot deactivate the API key you are using for this request.');
    }
    const updated = await this.db.transaction().execute(async (trx) => {
      // A key that stops working (disabled, or an expiry set) must not be the owners' last way in.
      if (patch.active === false || (patch.expiresAt !== undefined && patch.expiresAt !== null)) {
        await assertOwnersKeepAKey(trx, auth.tenantId, { keyIds: [id] });
      }
      return this.keys.update(auth.tenantId, id, patch, trx);
    });
    this.authenticator.invalidate();
    return updated;
  }

  /** Only an owner may change or delete a key that acts for an owner: an admin could otherwise lock the owner out. */
  private async assertCanActOnKey(auth: AuthContext, key: ApiKey): Promise<void> {
    if (auth.role === 'owner' || key.userId === null) return;
    const user = await this.users.get(auth.tenantId, key.userId).catch(() => undefined);
    if (user?.role === 'owner') throw errors.forbidden(`A ${auth.role} cannot change or delete an owner's API key.`);
  }

  /** Deactivates a key (it can be re-activated); its access tokens stop working at once. */
  deactivateApiKey(auth: AuthContext, id: string): Promise<ApiKey> {
    return this.updateApiKey(auth, id, { active: false });
  }

  async deleteApiKey(auth: AuthContext, id: string): Promise<void> {
    assertCanManageAccounts(auth);
    const key = await this.keys.get(auth.tenantId, id);
    await this.assertCanActOnKey(auth, key);
    if (id === auth.apiKeyId) throw errors.validation('You cannot delete the API key you are using for this request.', { id: ['is the key in use'] });
    await this.db.transaction().execute(async (trx) => {
      await assertOwnersKeepAKey(trx, auth.tenantId, { keyIds: [id] });
      await this.keys.delete(auth.tenantId, id, trx);
    });
    this.authenticator.invalidate();
  }

  /**
   * Operator recovery (X-Setup-Key, or `docsift admin create-key`): a new key for the tenant's owner
   * (the earliest, or the one with `email`), for when every owner key is lost or disabled.
   */
  async createOwnerKey(tenantId: string, input: { name?: string; email?: string }): Promise<CreatedApiKey> {
    await findTenant(this.db, tenantId);
    const owner = await this.users.firstOwner(tenantId, input.email ? normalizeEmail(input.email) : undefined);
    if (!owner) {
      throw errors.notFound(input.email ? `owner with the email '${input.email.trim().toLowerCase()}' in tenant '${tenantId}'` : `owner of tenant '${tenantId}'`);
    }
    const created = await this.keys.insert(tenantId, { name: input.name?.trim() || 'Operator recovery key', userId: owner.id });
    this.authenticator.invalidate();
    return created;
  }

  // --- users ------------------------------------------------------------------------------------

  /** Any member may list and read the users of their tenant; managing them needs owner or admin. */
  listUsers(auth: AuthContext, options: ListUsersOptions): Promise<{ users: UserAccount[]; total: number }> {
    return this.users.list(auth.tenantId, options);
  }

  getUser(auth: AuthContext, id: string): Promise<UserAccount> {
    return this.users.get(auth.tenantId, id);
  }

  /** The user with this email in the caller's tenant, if any (the embed surface's X-User-Email). */
  findUserByEmail(auth: AuthContext, email: string): Promise<UserAccount | undefined> {
    return this.users.findByEmail(auth.tenantId, email);
  }

  /**
   * Whether a user of another tenant has this email (the embed API answers "added to tenant" for one).
   * It says something about other tenants, so only those who may add users may ask.
   */
  isEmailInOtherTenant(auth: AuthContext, email: string): Promise<boolean> {
    assertCanManageAccounts(auth);
    return this.users.existsInOtherTenant(auth.tenantId, email);
  }

  async createUser(auth: AuthContext, input: NewUser): Promise<UserAccount> {
    assertCanManageAccounts(auth);
    assertCanActOnRole(auth, input.role ?? 'member');
    return this.users.insert(auth.tenantId, input);
  }

  async updateUser(auth: AuthContext, id: string, patch: UserPatch): Promise<UserAccount> {
    assertCanManageAccounts(auth);
    const user = await this.users.get(auth.tenantId, id);
    assertCanActOnRole(auth, user.role);
    if (patch.role !== undefined) assertCanActOnRole(auth, patch.role);
    await this.db.transaction().execute(async (trx) => {
      if (user.role === 'owner' && patch.role !== undefined && patch.role !== 'owner') {
        // Checked in the transaction so two concurrent demotions cannot leave a tenant without an owner.
        if ((await this.users.countOwners(auth.tenantId, trx)) <= 1) {
          throw errors.conflict('A tenant needs at least one owner; make another user owner first.');
        }
        await assertOwnersKeepAKey(trx, auth.tenantId, { userId: id });
      }
      await this.users.update(auth.tenantId, id, patch, trx);
    });
    this.authenticator.invalidate();
    return this.users.get(auth.tenantId, id);
  }

  /** Deletes a user along with their access tokens and the API keys that act for them. */
  async deleteUser(auth: AuthContext, id: string): Promise<{ revokedApiKeys: number }> {
    assertCanManageAccounts(auth);
    const user = await this.users.get(auth.tenantId, id);
    if (user.id === auth.userId) throw errors.validation('You cannot delete your own user.', { id: ['is the calling user'] });
    assertCanActOnRole(auth, user.role);
    const result = await this.db.transaction().execute(async (trx) => {
      if (user.role === 'owner' && (await this.users.countOwners(auth.tenantId, trx)) <= 1) {
        throw errors.conflict('A tenant needs at least one owner; make another user owner first.');
      }
      if (user.role === 'owner') await assertOwnersKeepAKey(trx, auth.tenantId, { userId: id });
      return this.users.delete(auth.tenantId, id, trx);
    });
    this.authenticator.invalidate();
    return result;
  }
}
