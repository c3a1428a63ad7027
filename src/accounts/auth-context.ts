/** Who is calling, resolved once per request by the auth plugin and passed to domain services. */
export interface AuthContext {
  tenantId: string;
  /** The user behind an access token, or the key's owner when the key belongs to one. */
  userId: string | null;
  /** The API key used, or the key an access token was issued with. */
  apiKeyId: string;
  apiKeyName: string;
  /** Domains the key may be embedded from (empty: any); the embed pages check the Origin against it. */
  allowedDomains: readonly string[];
  role: 'owner' | 'admin' | 'member';
  via: 'api_key' | 'access_token';
}
