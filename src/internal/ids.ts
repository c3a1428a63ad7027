import { randomBytes } from 'node:crypto';

/** Prefixes make an id's kind visible in logs and URLs (Stripe-style). */
export type IdPrefix = 'ten' | 'usr' | 'key' | 'tok' | 'prs' | 'prv' | 'fil' | 'ext' | 'doc' | 'job' | 'whk' | 'dlv' | 'evt' | 'use' | 'blb' | 'bat' | 'evs' | 'evi' | 'evr';

/** A url-safe random id: prefix + 20 base32 characters (100 bits). */
export function newId(prefix: IdPrefix): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b & 31];
  return `${prefix}_${out}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
