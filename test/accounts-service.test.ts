import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountsService } from '../src/accounts/accounts-service.js';
import type { AuthContext } from '../src/accounts/auth-context.js';
import { hashSecret } from '../src/accounts/secrets.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Db } from '../src/internal/db/database.js';
import { AppError } from '../src/internal/errors/app-error.js';

const SETUP_KEY = 'unit-test-setup-key-0123';

let dataDir: string;
let db: Db;
let accounts: AccountsService;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-accounts-'));
  db = await openDatabase({ dataDir });
  accounts = new AccountsService({ db, config: loadConfig({ DOCSIFT_DATA_DIR: dataDir, DOCSIFT_SETUP_KEY: SETUP_KEY }) });
});

afterEach(async () => {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Awaits a promise expected to fail with an AppError, and returns it. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

async function bootstrapped(): Promise<{ key: string; auth: AuthContext; tenantId: string; userId: string }> {
  const boot = await accounts.bootstrapIfEmpty();
  if (!boot) throw new Error('no bootstrap');
  const auth = await accounts.authenticate({ apiKey: boot.apiKey });
  return { key: boot.apiKey, auth, tenantId: boot.tenant.id, userId: boot.user.id };
}

describe('bootstrap', () => {
  it('creates a tenant, an owner and a working key once', async () => {
    const boot = await accounts.bootstrapIfEmpty();
    expect(boot).not.toBeNull();
    expect(boot!.apiKey).toMatch(/^dsk_[A-Za-z0-9_-]{43}$/);
    expect(boot!.user.email).toBe('admin@localhost');
    expect(await accounts.bootstrapIfEmpty()).toBeNull();
    const auth = await accounts.authenticate({ apiKey: boot!.apiKey });
    expect(auth).toMatchObject({ tenantId: boot!.tenant.id, userId: boot!.user.id, role: 'owner', via: 'api_key' });
    expect(await db.selectFrom('tenants').selectAll().execute()).toHaveLength(1);
  });

  it('stores only a hash and a display prefix of the key', async () => {
    const { key } = await bootstrapped();
    const row = await db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(hashSecret(key));
    expect(row.prefix).toBe(key.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(key);
  });

  it('does nothing when a tenant was onboarded first', async () => {
    await accounts.onboard({ organizationName: 'Acme', firstName: 'A', lastName: 'B', email: 'a@acme.test' });
    expect(await accounts.bootstrapIfEmpty()).toBeNull();
  });
});

describe('authenticate', () => {
  it('accepts the key as X-API-Key or Bearer and counts each use', async () => {
    const { key, auth } = await bootstrapped();
    await accounts.authenticate({ bearer: key });
    const listed = await accounts.getApiKey(auth, auth.apiKeyId);
    expect(listed.usageCount).toBe(2);
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('rejects missing, unknown, disabled and expired keys with a clear reason', async () => {
    const { auth } = await bootstrapped();
    expect((await failure(accounts.authenticate({}))).message).toMatch(/Missing API key/);
    expect((await failure(accounts.authenticate({ apiKey: 'dsk_nope' }))).status).toBe(401);
    expect((await failure(accounts.authenticate({ apiKey: 'x'.repeat(10_000) }))).status).toBe(401);

    const disabled = await accounts.createApiKey(auth, { name: 'disabled' });
    await accounts.updateApiKey(auth, disabled.apiKey.id, { active: false });
    const err = await failure(accounts.authenticate({ apiKey: disabled.key }));
    expect([err.status, err.message]).toEqual([401, 'This API key is disabled.']);

    const expiring = await accounts.createApiKey(auth, { name: 'expiring', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await db.updateTable('api_keys').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', expiring.apiKey.id).execute();
    const expired = await failure(accounts.authenticate({ apiKey: expiring.key }));
    expect(expired.status).toBe(401);
    expect(expired.message).toMatch(/expired/);
  });

  it('does not count uses of a rejected key', async () => {
    const { auth } = await bootstrapped();
    const k = await accounts.createApiKey(auth, { name: 'k' });
    await accounts.updateApiKey(auth, k.apiKey.id, { active: false });
    await failure(accounts.authenticate({ apiKey: k.key }));
    expect((await accounts.getApiKey(auth, k.apiKey.id)).usageCount).toBe(0);
  });
});

describe('access tokens', () => {
  it('issues 1-hour tokens for users of the tenant that act as that user', async () => {
    const { key, auth, tenantId } = await bootstrapped();
    const member = await accounts.createUser(auth, { email: 'Member@Example.com', name: 'Mem Ber', role: 'member' });
    const issued = await accounts.issueAccessToken(auth, 'member@example.com');
    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
    expect(issued.accessToken).toMatch(/^dst_/);
    const tokenAuth = await accounts.authenticate({ bearer: issued.accessToken });
    expect(tokenAuth).toMatchObject({ tenantId, userId: member.id, role: 'member', via: 'access_token', apiKeyId: auth.apiKeyId });
    // The Extraly scheme: both headers.
    expect(await accounts.authenticate({ apiKey: key, bearer: issued.accessToken })).toMatchObject({ userId: member.id });
    // A token cannot mint another token.
    expect((await failure(accounts.issueAccessToken(tokenAuth, 'member@example.com'))).status).toBe(403);
  });

  it('rejects unknown emails, expired tokens, and tokens whose key was disabled', async () => {
    const { auth } = await bootstrapped();
    expect((await failure(accounts.issueAccessToken(auth, 'nobody@example.com'))).status).toBe(404);
    const extra = await accounts.createApiKey(auth, { name: 'extra' });
    const extraAuth = await accounts.authenticate({ apiKey: extra.key });
    const t1 = await accounts.issueAccessToken(extraAuth, 'admin@localhost');
    await accounts.updateApiKey(auth, extra.apiKey.id, { active: false });
    expect((await failure(accounts.authenticate({ bearer: t1.accessToken }))).message).toMatch(/disabled or expired/);

    const t2 = await accounts.issueAccessToken(auth, 'admin@localhost');
    await db.updateTable('access_tokens').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('token_hash', '=', hashSecret(t2.accessToken)).execute();
    expect((await failure(accounts.authenticate({ bearer: t2.accessToken }))).message).toMatch(/expired/);
    expect((await failure(accounts.authenticate({ bearer: 'dst_unknown' }))).message).toBe('Invalid access token.');
  });

  it('refuses a member minting a token for an owner', async () => {
    const { auth } = await bootstrapped();
    await accounts.createUser(auth, { email: 'm@example.com', role: 'member' });
    const memberToken = await accounts.issueAccessToken(auth, 'm@example.com');
    const memberAuth = await accounts.authenticate({ bearer: memberToken.accessToken });
    // Pretend the member holds a key of their own.
    const memberKeyAuth: AuthContext = { ...memberAuth, via: 'api_key' };
    expect((await failure(accounts.issueAccessToken(memberKeyAuth, 'admin@localhost'))).status).toBe(403);
    await expect(accounts.issueAccessToken(memberKeyAuth, 'm@example.com')).resolves.toBeDefined();
  });

  it('rejects a token and key from different tenants', async () => {
    const { key } = await bootstrapped();
    const other = await accounts.onboard({ organizationName: 'Other', firstName: 'O', lastName: 'T', email: 'o@other.test' });
    const otherAuth = await accounts.authenticate({ apiKey: other.apiKey.key });
    const token = await accounts.issueAccessToken(otherAuth, 'o@other.test');
    expect((await failure(accounts.authenticate({ apiKey: key, bearer: token.accessToken }))).status).toBe(401);
  });
});

describe('API keys', () => {
  it('creates, lists, updates, deactivates and deletes keys', async () => {
    const { auth } = await bootstrapped();
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await accounts.createApiKey(auth, { name: ' Staging ', expiresAt, allowedDomains: ['Example.com', '*.example.com'] });
    expect(created.key).toMatch(/^dsk_/);
    expect(created.apiKey).toMatchObject({ name: 'Staging', active: true, expiresAt, allowedDomains: ['example.com', '*.example.com'], usageCount: 0, userId: auth.userId });
    // Oldest first, then by id: the bootstrap key and this one may share a millisecond, and then their
    // (random) ids decide, never the insertion order.
    const both = [await accounts.getApiKey(auth, auth.apiKeyId), created.apiKey];
    both.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
    expect((await accounts.listApiKeys(auth)).map((k) => k.id)).toEqual(both.map((k) => k.id));
    const updated = await accounts.updateApiKey(auth, created.apiKey.id, { name: 'Renamed', expiresAt: null, allowedDomains: [] });
    expect(updated).toMatchObject({ name: 'Renamed', expiresAt: null, allowedDomains: [] });
    expect((await accounts.deactivateApiKey(auth, created.apiKey.id)).active).toBe(false);
    await accounts.deleteApiKey(auth, created.apiKey.id);
    expect((await failure(accounts.getApiKey(auth, created.apiKey.id))).status).toBe(404);
  });

  it('validates input', async () => {
    const { auth } = await bootstrapped();
    expect((await failure(accounts.createApiKey(auth, { name: '  ' }))).code).toBe('VALIDATION_ERROR');
    expect((await failure(accounts.createApiKey(auth, { name: 'x', expiresAt: '2001-01-01T00:00:00Z' }))).details).toHaveProperty('expires_at');
    expect((await failure(accounts.createApiKey(auth, { name: 'x', expiresAt: 'soon' }))).code).toBe('VALIDATION_ERROR');
    expect((await failure(accounts.createApiKey(auth, { name: 'x', allowedDomains: ['http://evil/'] }))).details).toHaveProperty('allowed_domains');
  });

  it('refuses to deactivate or delete the key in use', async () => {
    const { auth } = await bootstrapped();
    expect((await failure(accounts.updateApiKey(auth, auth.apiKeyId, { active: false }))).status).toBe(400);
    expect((await failure(accounts.deleteApiKey(auth, auth.apiKeyId))).status).toBe(400);
  });

  it('deleting a key revokes its access tokens', async () => {
    const { auth } = await bootstrapped();
    const extra = await accounts.createApiKey(auth, { name: 'extra' });
    const token = await accounts.issueAccessToken(await accounts.authenticate({ apiKey: extra.key }), 'admin@localhost');
    await accounts.deleteApiKey(auth, extra.apiKey.id);
    expect((await failure(accounts.authenticate({ bearer: token.accessToken }))).status).toBe(401);
  });

  it('is for owners and admins only', async () => {
    const { auth } = await bootstrapped();
    const member: AuthContext = { ...auth, role: 'member' };
    for (const call of [
      accounts.listApiKeys(member),
      accounts.createApiKey(member, { name: 'x' }),
      accounts.getApiKey(member, auth.apiKeyId),
      accounts.updateApiKey(member, auth.apiKeyId, { name: 'y' }),
      accounts.deleteApiKey(member, auth.apiKeyId),
    ]) {
      expect((await failure(call)).status).toBe(403);
    }
    await expect(accounts.listApiKeys({ ...auth, role: 'admin' })).resolves.toHaveLength(1);
  });
});

describe('users', () => {
  it('creates, lists with search and pagination, updates and deletes users', async () => {
    const { auth } = await bootstrapped();
    const jane = await accounts.createUser(auth, { email: 'jane@acme.test', firstName: 'Jane', lastName: 'Smith' });
    expect(jane).toMatchObject({ email: 'jane@acme.test', name: 'Jane Smith', firstName: 'Jane', lastName: 'Smith', role: 'member' });
    await accounts.createUser(auth, { email: 'bob@acme.test', name: 'Bob', role: 'admin' });
    expect((await accounts.listUsers(auth, { offset: 0, limit: 2 })).total).toBe(3);
    expect((await accounts.listUsers(auth, { offset: 2, limit: 2 })).users).toHaveLength(1);
    expect((await accounts.listUsers(auth, { offset: 0, limit: 10, search: 'SMITH' })).users.map((u) => u.id)).toEqual([jane.id]);
    expect((await accounts.listUsers(auth, { offset: 0, limit: 10, search: '%' })).total).toBe(0);
    const updated = await accounts.updateUser(auth, jane.id, { role: 'admin', name: 'Jane Doe' });
    expect(updated).toMatchObject({ role: 'admin', lastName: 'Doe' });
    await accounts.deleteUser(auth, jane.id);
    expect((await failure(accounts.getUser(auth, jane.id))).status).toBe(404);
  });

  it('answers 409 for a duplicate email and 400 for a bad one', async () => {
    const { auth } = await bootstrapped();
    await accounts.createUser(auth, { email: 'dup@acme.test' });
    expect((await failure(accounts.createUser(auth, { email: 'DUP@acme.test' }))).status).toBe(409);
    expect((await failure(accounts.createUser(auth, { email: 'not-an-email' }))).status).toBe(400);
  });

  it('keeps roles in order: members manage nothing, admins manage no owner, a tenant keeps an owner', async () => {
    const { auth, userId } = await bootstrapped();
    const member: AuthContext = { ...auth, role: 'member' };
    expect((await failure(accounts.createUser(member, { email: 'x@acme.test' }))).status).toBe(403);
    await expect(accounts.listUsers(member, { offset: 0, limit: 10 })).resolves.toBeDefined();

    const admin = await accounts.createUser(auth, { email: 'admin2@acme.test', role: 'admin' });
    const adminAuth: AuthContext = { ...auth, role: 'admin', userId: admin.id };
    expect((await failure(accounts.createUser(adminAuth, { email: 'o2@acme.test', role: 'owner' }))).status).toBe(403);
    expect((await failure(accounts.updateUser(adminAuth, userId, { name: 'x' }))).status).toBe(403);
    expect((await failure(accounts.deleteUser(adminAuth, userId))).status).toBe(403);
    expect((await failure(accounts.updateUser(auth, userId, { role: 'admin' }))).status).toBe(409);
    expect((await failure(accounts.deleteUser(auth, userId))).status).toBe(400);
  });

  it('deleting a user revokes the keys and tokens that act for them', async () => {
    const { auth } = await bootstrapped();
    const admin = await accounts.createUser(auth, { email: 'ops@acme.test', role: 'admin' });
    const token = await accounts.issueAccessToken(auth, 'ops@acme.test');
    const tokenAuth = await accounts.authenticate({ bearer: token.accessToken });
    const theirKey = await accounts.createApiKey({ ...tokenAuth, via: 'api_key' }, { name: 'ops key' });
    expect(theirKey.apiKey.userId).toBe(admin.id);
    expect(await accounts.deleteUser(auth, admin.id)).toEqual({ revokedApiKeys: 1 });
    expect((await failure(accounts.authenticate({ apiKey: theirKey.key }))).status).toBe(401);
    expect((await failure(accounts.authenticate({ bearer: token.accessToken }))).status).toBe(401);
  });
});

describe('tenants', () => {
  it('never lets one tenant reach another tenant\'s keys or users', async () => {
    const { auth } = await bootstrapped();
    const other = await accounts.onboard({ organizationName: 'Other', firstName: 'O', lastName: 'T', email: 'o@other.test' });
    const otherAuth = await accounts.authenticate({ apiKey: other.apiKey.key });
    const foreignKey = auth.apiKeyId;
    const foreignUser = auth.userId!;
    for (const call of [
      accounts.getApiKey(otherAuth, foreignKey),
      accounts.updateApiKey(otherAuth, foreignKey, { name: 'x' }),
      accounts.deleteApiKey(otherAuth, foreignKey),
      accounts.getUser(otherAuth, foreignUser),
      accounts.updateUser(otherAuth, foreignUser, { name: 'x' }),
      accounts.deleteUser(otherAuth, foreignUser),
    ]) {
      expect((await failure(call)).status).toBe(404);
    }
    expect((await accounts.listApiKeys(otherAuth)).map((k) => k.id)).toEqual([other.apiKey.apiKey.id]);
    expect((await accounts.listUsers(otherAuth, { offset: 0, limit: 100 })).users.map((u) => u.email)).toEqual(['o@other.test']);
    expect((await failure(accounts.issueAccessToken(otherAuth, 'admin@localhost'))).status).toBe(404);
    // Nothing of the first tenant changed.
    expect((await accounts.getApiKey(auth, foreignKey)).name).toBe('Bootstrap key');
  });

  it('reports the tenant with unlimited credits until a balance is set', async () => {
    const { tenantId } = await bootstrapped();
    const tenant = await accounts.getTenant(tenantId);
    expect(tenant).toMatchObject({ id: tenantId, name: 'Default', creditsBalance: null });
    expect(tenant.webhookSecret).toMatch(/^whsec_/);
    expect((await accounts.setCreditsBalance(tenantId, 100)).creditsBalance).toBe(100);
    expect((await failure(accounts.setCreditsBalance(tenantId, -1))).status).toBe(400);
    expect((await failure(accounts.setCreditsBalance('ten_missing', 1))).status).toBe(404);
  });
});

describe('onboarding and the setup key', () => {
  it('creates a tenant, its owner and a key', async () => {
    const result = await accounts.onboard({
      organizationName: 'Acme Corp',
      firstName: 'John',
      lastName: 'Doe',
      email: 'John@Acme.com',
      allowedDomains: ['acme.com', '*.acme.com'],
      hasExpiry: true,
      expiryDays: 30,
    });
    expect(result.tenant.name).toBe('Acme Corp');
    expect(result.user).toMatchObject({ firstName: 'John', lastName: 'Doe', email: 'john@acme.com', role: 'owner' });
    expect(result.apiKey.apiKey).toMatchObject({ name: 'Acme Corp - API Key', allowedDomains: ['acme.com', '*.acme.com'] });
    const days = (Date.parse(result.apiKey.apiKey.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    const auth = await accounts.authenticate({ apiKey: result.apiKey.key });
    expect(auth).toMatchObject({ tenantId: result.tenant.id, userId: result.user.id, role: 'owner', allowedDomains: ['acme.com', '*.acme.com'] });
  });

  it('leaves nothing behind when the input is invalid', async () => {
    expect((await failure(accounts.onboard({ organizationName: 'X', firstName: 'A', lastName: 'B', email: 'bad' }))).details).toHaveProperty('email');
    expect((await failure(accounts.onboard({ organizationName: 'X', firstName: 'A', lastName: 'B', email: 'a@b.c', hasExpiry: true, expiryDays: 400 }))).details).toHaveProperty('expiryDays');
    expect(await db.selectFrom('tenants').selectAll().execute()).toHaveLength(0);
  });

  it('checks the setup key in constant time and explains a disabled one', async () => {
    expect(() => accounts.verifySetupKey(SETUP_KEY)).not.toThrow();
    expect(() => accounts.verifySetupKey('wrong')).toThrow(/Invalid setup key/);
    expect(() => accounts.verifySetupKey(undefined)).toThrow(/Missing setup key/);
    const unset = new AccountsService({ db, config: loadConfig({ DOCSIFT_DATA_DIR: dataDir }) });
    try {
      unset.verifySetupKey(SETUP_KEY);
      throw new Error('expected a failure');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(403);
      expect((err as AppError).message).toMatch(/DOCSIFT_SETUP_KEY/);
    }
  });
});
