import { sql, type Kysely } from 'kysely';
import type { Database } from '../internal/db/schema.js';

/** A limit: at most `limit` requests per `windowSeconds`, counted in fixed windows aligned to the clock. */
export interface LimitRule {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

export interface WindowState {
  bucket: string;
  limit: number;
  /** Requests counted in the current window, this one included. */
  count: number;
  remaining: number;
  /** Unix seconds when the window ends and the count starts again. */
  resetAt: number;
  exceeded: boolean;
}

export interface RateDecision {
  allowed: boolean;
  /** The window to report in X-RateLimit-* headers: the one closest to refusing requests. */
  reported: WindowState;
  /** Seconds until the request could succeed (set when refused). */
  retryAfterSeconds: number;
}

/**
 * Per-API-key request limits, kept in the database so every process (API servers, workers, other
 * hosts on Postgres) counts into the same windows.
 *
 * Fixed windows: each limit has one row per key holding the current window's start and count. One
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` per request counts into all of the request's windows
 * at once and reads the new counts back, atomically (SQLite serializes writers; Postgres locks the
 * conflicting row), so two processes can never both see the last free slot. When the stored window
 * is older than the request's, the same statement starts the new window at 1: rows never pile up and
 * nothing needs purging. A window is only ever moved forward, so a process whose clock lags a little
 * counts into the newer window instead of resetting it.
 *
 * Every request is counted, refused ones included: a client hammering past its limit does not get
 * its next window early. A fixed window lets a client send up to twice the limit across a window
 * boundary; that is the accepted price of one cheap statement per request.
 */
export class RateLimits {
  private readonly db: Kysely<Database>;
  private readonly hourly: LimitRule;
  private readonly submit: LimitRule;
  private readonly now: () => number;

  constructor(deps: { db: Kysely<Database>; perHour: number; submitPerMinute: number; now?: () => number }) {
    this.db = deps.db;
    this.hourly = { bucket: 'hour', limit: deps.perHour, windowSeconds: 3600 };
    this.submit = { bucket: 'submit', limit: deps.submitPerMinute, windowSeconds: 60 };
    this.now = deps.now ?? Date.now;
  }

  /** Counts one request of `apiKeyId`; `submit` requests also count against the per-minute submit limit. */
  async hit(apiKeyId: string, options: { submit?: boolean } = {}): Promise<RateDecision> {
    const rules = options.submit ? [this.hourly, this.submit] : [this.hourly];
    const nowSeconds = Math.floor(this.now() / 1000);
    const rows = await this.db
      .insertInto('rate_limit_windows')
      .values(rules.map((r) => ({ api_key_id: apiKeyId, bucket: r.bucket, window_start: windowStart(nowSeconds, r.windowSeconds), count: 1 })))
      .onConflict((oc) =>
        oc.columns(['api_key_id', 'bucket']).doUpdateSet({
          count: sql<number>`case when excluded.window_start > rate_limit_windows.window_start then 1 else rate_limit_windows.count + 1 end`,
          window_start: sql<number>`case when excluded.window_start > rate_limit_windows.window_start then excluded.window_start else rate_limit_windows.window_start end`,
        }),
      )
      .returning(['bucket', 'count', 'window_start'])
      .execute();
    const windows = rules.map((rule) => {
      const row = rows.find((r) => r.bucket === rule.bucket);
      const count = Number(row?.count ?? 1);
      const start = Number(row?.window_start ?? windowStart(nowSeconds, rule.windowSeconds));
      return {
        bucket: rule.bucket,
        limit: rule.limit,
        count,
        remaining: Math.max(0, rule.limit - count),
        resetAt: start + rule.windowSeconds,
        exceeded: count > rule.limit,
      };
    });
    const refused = windows.filter((w) => w.exceeded);
    // Report the window that refuses (the longest wait if both do), else the one with the fewest left.
    const reported = refused.length
      ? refused.reduce((a, b) => (b.resetAt > a.resetAt ? b : a))
      : windows.reduce((a, b) => (b.remaining < a.remaining || (b.remaining === a.remaining && b.resetAt < a.resetAt) ? b : a));
    return {
      allowed: refused.length === 0,
      reported,
      retryAfterSeconds: refused.length ? Math.max(1, reported.resetAt - nowSeconds) : 0,
    };
  }
}

function windowStart(nowSeconds: number, windowSeconds: number): number {
  return nowSeconds - (nowSeconds % windowSeconds);
}
