import type { Kysely } from 'kysely';
import type { Database } from '../internal/db/schema.js';

/**
 * Counts API key uses in memory and writes them in one transaction every `flushMs`. A write per
 * request would make every authenticated read a database write (and serialize readers behind the
 * write lock); at most one interval of counts is lost if the process is killed.
 */
export class UsageRecorder {
  private pending = new Map<string, { count: number; lastUsedAt: number }>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly flushMs = 1000,
  ) {}

  /** Counts one use of the key at `at` (epoch ms): stored as an ISO time when the batch is written. */
  record(keyId: string, at: number): void {
    const entry = this.pending.get(keyId);
    if (entry) {
      entry.count++;
      if (at > entry.lastUsedAt) entry.lastUsedAt = at;
    } else {
      this.pending.set(keyId, { count: 1, lastUsedAt: at });
    }
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
  }

  /** Writes what is pending; callers that read usage (or shut down) await it first. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = new Map();
    if (batch.size === 0) return this.flushing;
    this.flushing = this.flushing.then(() =>
      this.db
        .transaction()
        .execute(async (trx) => {
          // In key order: two processes flushing overlapping keys lock them in the same order (no deadlock).
          for (const [id, { count, lastUsedAt }] of [...batch].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
            await trx
              .updateTable('api_keys')
              .set((eb) => ({ usage_count: eb('usage_count', '+', count), last_used_at: new Date(lastUsedAt).toISOString() }))
              .where('id', '=', id)
              .execute();
          }
        })
        .catch(() => {
          // The database is closing or busy: usage counts are best effort, requests are not failed.
        }),
    );
    return this.flushing;
  }
}
