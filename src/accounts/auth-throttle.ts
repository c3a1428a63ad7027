import { sql, type Kysely } from 'kysely';
import type { Database } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';

const WINDOW_SECONDS = 60;
/** How long a process decides on the counts it last read before it reads them again. */
const REFRESH_MS = 1000;
/** Subjects a process remembers at most; past it, the least recently read are forgotten. */
const MAX_KNOWN = 50_000;

interface Known {
  /** Unix seconds of the window's first failure (0: no failures on record). */
  windowStart: number;
  count: number;
  /** When this process last read or wrote the count (ms). */
  readAt: number;
}

/**
 * Counts failed authentications per client address and per presented key prefix over a one-minute
 * window; past the limit, further attempts from that address or with that prefix are refused with
 * 429 before the secret is even looked up. Guessing keys (or replaying a revoked one from many
 * addresses) becomes a few attempts a minute.
 *
 * The counts live in the database (`auth_failures`), so every API process, on SQLite or on one
 * Postgres, throttles by the same count: each failure is added by one atomic upsert that returns the
 * new count, and a process re-reads a subject's count when what it knows is over a second old (one
 * indexed read per address a second, not per request). A guesser spread over several processes is
 * refused by all of them at most a second after the shared count reaches the limit.
 */
export class AuthThrottle {
  private readonly db: Kysely<Database>;
  private readonly limit: number;
  private readonly now: () => number;
  private readonly known = new Map<string, Known>();
  private lastPurge = 0;

  constructor(deps: { db: Kysely<Database>; limitPerMinute: number; now?: () => number }) {
    this.db = deps.db;
    this.limit = deps.limitPerMinute;
    this.now = deps.now ?? Date.now;
  }

  /** The throttle's keys for one attempt: its address and the first characters of what it presented. */
  static keysOf(attempt: { ip?: string; secret?: string }): string[] {
    const keys: string[] = [];
    if (attempt.ip) keys.push(`ip:${attempt.ip}`);
    // 12 characters: the key's scheme prefix and a few of its own, as the key list shows them.
    if (attempt.secret) keys.push(`prefix:${attempt.secret.slice(0, 12)}`);
    return keys;
  }

  /**
   * Throws 429 when any of the keys used up its failures for its current window. Synchronous (no
   * promise) when every count is fresh: the common case of an authenticated request.
   */
  assertAllowed(keys: string[]): Promise<void> | undefined {
    const now = this.now();
    const stale = keys.filter((key) => {
      const known = this.known.get(key);
      return !known || now - known.readAt >= REFRESH_MS;
    });
    if (stale.length > 0) return this.read(stale, now).then(() => this.check(keys, this.now()));
    this.check(keys, now);
    return undefined;
  }

  /** Adds a failure to each key's shared count, and remembers the counts the database returns. */
  async recordFailure(keys: string[]): Promise<void> {
    const subjects = [...new Set(keys)];
    if (subjects.length === 0) return;
    const now = this.now();
    const nowSeconds = Math.floor(now / 1000);
    // A window older than a minute restarts at this failure, in the same statement (SQLite and
    // Postgres evaluate both SET expressions against the row as it was).
    const expired = sql<boolean>`excluded.window_start >= auth_failures.window_start + ${sql.lit(WINDOW_SECONDS)}`;
    const rows = await this.db
      .insertInto('auth_failures')
      .values(subjects.map((subject) => ({ subject, window_start: nowSeconds, count: 1 })))
      .onConflict((oc) =>
        oc.column('subject').doUpdateSet({
          count: sql<number>`case when ${expired} then 1 else auth_failures.count + 1 end`,
          window_start: sql<number>`case when ${expired} then excluded.window_start else auth_failures.window_start end`,
        }),
      )
      .returning(['subject', 'window_start', 'count'])
      .execute();
    for (const row of rows) this.remember(row.subject, { windowStart: Number(row.window_start), count: Number(row.count), readAt: now });
    if (now - this.lastPurge >= WINDOW_SECONDS * 1000) {
      this.lastPurge = now;
      // Rows of windows long over count for nothing: without this, every address that ever failed stays.
      await this.db.deleteFrom('auth_failures').where('window_start', '<', nowSeconds - WINDOW_SECONDS).execute();
    }
  }

  private async read(subjects: string[], now: number): Promise<void> {
    const rows = await this.db.selectFrom('auth_failures').select(['subject', 'window_start', 'count']).where('subject', 'in', subjects).execute();
    const found = new Map(rows.map((r) => [r.subject, r]));
    for (const subject of subjects) {
      const row = found.get(subject);
      this.remember(subject, { windowStart: row ? Number(row.window_start) : 0, count: row ? Number(row.count) : 0, readAt: now });
    }
  }

  private check(keys: string[], now: number): void {
    const nowSeconds = Math.floor(now / 1000);
    for (const key of keys) {
      const known = this.known.get(key);
      if (!known || known.count < this.limit || nowSeconds - known.windowStart >= WINDOW_SECONDS) continue;
      throw errors.rateLimited(Math.max(1, known.windowStart + WINDOW_SECONDS - nowSeconds));
    }
  }

  private remember(subject: string, known: Known): void {
    this.known.delete(subject);
    this.known.set(subject, known);
    if (this.known.size <= MAX_KNOWN) return;
    // Map order is insertion order, and remembering re-inserts: the first entries are the least recently
    // read. Forgetting one only costs a read when that subject comes back; its count stays in the database.
    for (const key of this.known.keys()) {
      if (this.known.size <= MAX_KNOWN) break;
      this.known.delete(key);
    }
  }
}
