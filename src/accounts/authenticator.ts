import type { Kysely } from 'kysely';
import type { Database } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';
import type { AuthContext } from './auth-context.js';
import { parseDomains } from './api-keys.js';
import { ACCESS_TOKEN_PREFIX, digestsEqual, hashSecret, matchesHash } from './secrets.js';
import type { UsageRecorder } from './usage-recorder.js';

export interface Credentials {
  /** The `X-API-Key` header. */
  apiKey?: string;
  /** The token of an `Authorization: Bearer` header: an API key or an access token. */
  bearer?: string;
  /** The client's address, for throttling failed attempts (AuthThrottle). */
  ip?: string;
}

/** Longer than any key or token we issue; anything longer is rejected before hashing. */
const MAX_SECRET_LENGTH = 512;

const KEY_CACHE_MS = 5000;
const KEY_CACHE_MAX = 10_000;

interface ApiKeyLookup {
  id: string;
  tenant_id: string;
  user_id: string | null;
  name: string;
  key_hash: string;
  active: number;
  expires_at: string | null;
  allowed_domains: string;
  role: 'owner' | 'admin' | 'member' | null;
}

/** A key row with what every request derives from it worked out once, while it is cached. */
interface CachedKey {
  row: ApiKeyLookup;
  at: number;
  expiresAtMs: number | null;
  allowedDomains: readonly string[];
}

/** Resolves presented credentials to an AuthContext, or throws UNAUTHORIZED with the reason. */
export class Authenticator {
  private readonly keyCache = new Map<string, CachedKey>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly usage: UsageRecorder,
  ) {}

  async authenticate(creds: Credentials): Promise<AuthContext> {
    const apiKey = creds.apiKey?.trim() || undefined;
    const bearer = creds.bearer?.trim() || undefined;
    if (!apiKey && !bearer) {
      throw errors.unauthorized(
        'Missing API key: send it in the X-API-Key header or as "Authorization: Bearer <key>".',
      );
    }
    if (apiKey && bearer && bearer !== apiKey) {
      // Both headers (the Extraly scheme): the key and the token must both be valid and of one tenant.
      const keyAuth = await this.resolve(apiKey, 'api_key');
      const bearerAuth = await this.resolve(bearer, 'bearer', false);
      if (bearerAuth.tenantId !== keyAuth.tenantId) {
        throw errors.unauthorized('The bearer token and the X-API-Key belong to different accounts.');
      }
      return bearerAuth.via === 'access_token' ? bearerAuth : keyAuth;
    }
    return this.resolve((apiKey ?? bearer)!, apiKey ? 'api_key' : 'bearer');
  }

  private async resolve(secret: string, source: 'api_key' | 'bearer', countUsage = true): Promise<AuthContext> {
    if (secret.length > MAX_SECRET_LENGTH) throw errors.unauthorized('Invalid API key.');
    if (source === 'bearer' && secret.startsWith(ACCESS_TOKEN_PREFIX)) return this.resolveAccessToken(secret, countUsage);
    return this.resolveApiKey(secret, countUsage);
  }

  private async resolveApiKey(key: string, countUsage: boolean): Promise<AuthContext> {
    const hash = hashSecret(key);
    const cached = await this.findApiKey(hash);
    if (!cached || !digestsEqual(hash, cached.row.key_hash)) throw errors.unauthorized('Invalid API key.');
    const { row } = cached;
    const now = Date.now();
    if (row.active !== 1) throw errors.unauthorized('This API key is disabled.');
    if (cached.expiresAtMs !== null && cached.expiresAtMs <= now) {
      throw errors.unauthorized(`This API key expired at ${row.expires_at}.`);
    }
    if (countUsage) this.usage.record(row.id, now);
    return {
      tenantId: row.tenant_id,
      userId: row.user_id,
      apiKeyId: row.id,
      apiKeyName: row.name,
      allowedDomains: [...cached.allowedDomains],
      role: row.role ?? 'member',
      via: 'api_key',
    };
  }

  /**
   * Key rows are cached for a few seconds: the lookup is most of an authenticated read's cost. This
   * process drops the cache on every key or user change it makes; another process's change (a key
   * disabled through a second API process) takes effect within KEY_CACHE_MS.
   */
  private async findApiKey(hash: string): Promise<CachedKey | undefined> {
    const cached = this.keyCache.get(hash);
    if (cached && Date.now() - cached.at < KEY_CACHE_MS) return cached;
    const row = await this.db
      .selectFrom('api_keys as k')
      .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'k.user_id').onRef('u.tenant_id', '=', 'k.tenant_id'))
      .select(['k.id', 'k.tenant_id', 'k.user_id', 'k.name', 'k.key_hash', 'k.active', 'k.expires_at', 'k.allowed_domains', 'u.role'])
      .where('k.key_hash', '=', hash)
      .executeTakeFirst();
    if (!row) return undefined;
    const entry: CachedKey = {
      row,
      at: Date.now(),
      expiresAtMs: row.expires_at === null ? null : Date.parse(row.expires_at),
      allowedDomains: parseDomains(row.allowed_domains),
    };
    if (this.keyCache.size >= KEY_CACHE_MAX) this.keyCache.clear();
    this.keyCache.set(hash, entry);
    return entry;
  }

  /** Forgets cached keys; called after any change to keys or users. */
  invalidate(): void {
    this.keyCache.clear();
  }

  private async resolveAccessToken(token: string, countUsage: boolean): Promise<AuthContext> {
    const row = await this.db
      .selectFrom('access_tokens as t')
      .innerJoin('api_keys as k', (j) => j.onRef('k.id', '=', 't.api_key_id').onRef('k.tenant_id', '=', 't.tenant_id'))
      .innerJoin('users as u', (j) => j.onRef('u.id', '=', 't.user_id').onRef('u.tenant_id', '=', 't.tenant_id'))
      .select([
        't.tenant_id',
        't.user_id',
        't.token_hash',
        't.expires_at',
        'k.id as key_id',
        'k.name as key_name',
        'k.active as key_active',
        'k.expires_at as key_expires_at',
        'k.allowed_domains',
        'u.role',
      ])
      .where('t.token_hash', '=', hashSecret(token))
      .executeTakeFirst();
    if (!row || !matchesHash(token, row.token_hash)) throw errors.unauthorized('Invalid access token.');
    const now = Date.now();
    if (Date.parse(row.expires_at) <= now) {
      throw errors.unauthorized('The access token has expired; request a new one from POST /v1/auth/token.');
    }
    // A token is only as good as the key it was issued with.
    if (row.key_active !== 1 || (row.key_expires_at !== null && Date.parse(row.key_expires_at) <= now)) {
      throw errors.unauthorized('The API key this access token was issued with is disabled or expired.');
    }
    if (countUsage) this.usage.record(row.key_id, now);
    return {
      tenantId: row.tenant_id,
      userId: row.user_id,
      apiKeyId: row.key_id,
      apiKeyName: row.key_name,
      allowedDomains: parseDomains(row.allowed_domains),
      role: row.role,
      via: 'access_token',
    };
  }
}
