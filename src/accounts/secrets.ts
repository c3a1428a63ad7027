import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API keys start with `dsk_`, access tokens with `dst_`: a leaked string says what it is. */
export const API_KEY_PREFIX = 'dsk_';
export const ACCESS_TOKEN_PREFIX = 'dst_';
/**
 * Keys created through the embed surface look like its docs' (`ext_…`). Keys are found by their hash,
 * so any key works on every surface whatever it starts with.
 */
export const EMBED_API_KEY_PREFIX = 'ext_';
export type ApiKeyPrefix = typeof API_KEY_PREFIX | typeof EMBED_API_KEY_PREFIX;

/** How many leading characters of a key are stored in clear, to tell keys apart in listings. */
const DISPLAY_PREFIX_LENGTH = 12;

/** A new secret: the prefix and 32 random bytes (256 bits) in base64url. */
export function generateSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * Secrets are stored as SHA-256 hex digests. A fast hash is enough: the input has 256 bits of
 * entropy, so there is nothing to brute-force, and lookups stay cheap on every request.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The part of a key shown in listings, e.g. `dsk_AbC12xYz`. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, DISPLAY_PREFIX_LENGTH);
}

/**
 * Compares two secrets in constant time. Both sides are hashed first so the comparison runs over
 * equal-length buffers and its duration reveals neither the content nor the length of the secret.
 */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}

/** Compares a presented secret with a stored SHA-256 hex digest in constant time. */
export function matchesHash(given: string, storedHashHex: string): boolean {
  const stored = Buffer.from(storedHashHex, 'hex');
  const computed = createHash('sha256').update(given, 'utf8').digest();
  return stored.length === computed.length && timingSafeEqual(stored, computed);
}

/** Compares a digest computed with hashSecret with a stored one, in constant time. */
export function digestsEqual(computedHex: string, storedHex: string): boolean {
  const a = Buffer.from(computedHex, 'hex');
  const b = Buffer.from(storedHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
