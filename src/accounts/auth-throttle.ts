import { errors } from '../internal/errors/errors.js';

const WINDOW_MS = 60_000;
/** Entries kept at most; past it, expired ones are dropped (and if none are, the oldest). */
const MAX_ENTRIES = 50_000;

/**
 * Counts failed authentications per client address and per presented key prefix over a one-minute
 * window; past the limit, further attempts from that address or with that prefix are refused with
 * 429 before the secret is even looked up. Guessing keys (or replaying a revoked one from many
 * addresses) becomes a few attempts a minute. In memory, per process: each API process throttles
 * what it sees, which bounds a guesser by the number of processes.
 */
export class AuthThrottle {
  private readonly failures = new Map<string, { count: number; windowStart: number }>();

  constructor(private readonly limitPerMinute: number) {}

  /** The throttle's keys for one attempt: its address and the first characters of what it presented. */
  static keysOf(attempt: { ip?: string; secret?: string }): string[] {
    const keys: string[] = [];
    if (attempt.ip) keys.push(`ip:${attempt.ip}`);
    // 12 characters: the key's scheme prefix and a few of its own, as the key list shows them.
    if (attempt.secret) keys.push(`prefix:${attempt.secret.slice(0, 12)}`);
    return keys;
  }

  /** Throws 429 when any of the keys used up its failures for the current window. */
  assertAllowed(keys: string[], now = Date.now()): void {
    for (const key of keys) {
      const entry = this.failures.get(key);
      if (!entry || now - entry.windowStart >= WINDOW_MS) continue;
      if (entry.count >= this.limitPerMinute) {
        throw errors.rateLimited(Math.max(1, Math.ceil((entry.windowStart + WINDOW_MS - now) / 1000)));
      }
    }
  }

  recordFailure(keys: string[], now = Date.now()): void {
    for (const key of keys) {
      const entry = this.failures.get(key);
      if (entry && now - entry.windowStart < WINDOW_MS) entry.count++;
      else this.failures.set(key, { count: 1, windowStart: now });
    }
    if (this.failures.size > MAX_ENTRIES) this.prune(now);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) if (now - entry.windowStart >= WINDOW_MS) this.failures.delete(key);
    // Still full (a flood from many addresses): forget the oldest rather than grow without bound.
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_ENTRIES) break;
      this.failures.delete(key);
    }
  }
}
