import type { Kysely } from 'kysely';
import type { Database } from '../internal/db/schema.js';
import { newId, nowIso } from '../internal/ids.js';
import { ACCESS_TOKEN_PREFIX, generateSecret, hashSecret } from './secrets.js';

/** Access tokens live one hour (docs/product.md: `expires_in: 3600`). */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export interface IssuedAccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  expiresAt: string;
}

/** Access tokens are opaque random strings stored as hashes, like API keys, and bound to the key that issued them. */
export class AccessTokenStore {
  constructor(private readonly db: Kysely<Database>) {}

  async issue(input: { tenantId: string; userId: string; apiKeyId: string }): Promise<IssuedAccessToken> {
    const token = generateSecret(ACCESS_TOKEN_PREFIX);
    const now = Date.now();
    const expiresAt = new Date(now + ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString();
    // Expired tokens of the tenant are swept here, so the table does not grow without bound.
    await this.db.deleteFrom('access_tokens').where('tenant_id', '=', input.tenantId).where('expires_at', '<=', nowIso()).execute();
    await this.db
      .insertInto('access_tokens')
      .values({
        id: newId('tok'),
        tenant_id: input.tenantId,
        user_id: input.userId,
        api_key_id: input.apiKeyId,
        token_hash: hashSecret(token),
        expires_at: expiresAt,
        created_at: new Date(now).toISOString(),
      })
      .execute();
    return { accessToken: token, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_TTL_SECONDS, expiresAt };
  }
}
