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
 * Fixed windows: each limit has one row per key holding the current window's start and count. An
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` adds the requests to their windows and reads the new
 * counts back, atomically (SQLite serializes writers; Postgres locks the conflicting row), so two
 * processes can never both take the last free slot. When the stored window is older than the
 * request's, the same statement starts the new window: rows never pile up and nothing needs purging.
 * A window only moves forward, so a process whose clock lags a little counts into the newer window.
 *
 * Group commit: the hits that arrive in one turn of the event loop are written by one statement
 * (`count = count + n`), each hit then taking its own slot of the n counted. A lone request costs
 * one statement, as it would anyway; under concurrent load the cost of the write (a WAL commit,
 * the bulk of the overhead) is shared by every request of the turn. Nothing is counted locally or
 * late, so limits stay exact across processes.
 *
 * Every request is counted, refused ones included: a client hammering past its limit does not get
 * its next window early. A fixed window lets a client send up to twice the limit across a window
 * boundary; that is the price of one cheap statement per request (or per batch of them).
 */
export class RateLimits {
  private readonly db: Kysely<Database>;
  private readonly hourly: LimitRule;
  private readonly submit: LimitRule;
  private readonly now: () => number;
  private pending: PendingHit[] = [];
  private scheduled = false;

  constructor(deps: { db: Kysely<Database>; perHour: number; submitPerMinute: number; now?: () => number }) {
    this.db = deps.db;
    this.hourly = { bucket: 'hour', limit: deps.perHour, windowSeconds: 3600 };
    this.submit = { bucket: 'submit', limit: deps.submitPerMinute, windowSeconds: 60 };
    this.now = deps.now ?? Date.now;
  }

  /** Counts one request of `apiKeyId`; `submit` requests also count against the per-minute submit limit. */
  hit(apiKeyId: string, options: { submit?: boolean } = {}): Promise<RateDecision> {
    return new Promise((resolve, reject) => {
      this.pending.push({ apiKeyId, rules: options.submit ? [this.hourly, this.submit] : [this.hourly], resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O phase: every request read in this turn of the loop joins the batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const nowSeconds = Math.floor(this.now() / 1000);
    const counts = new Map<string, { apiKeyId: string; rule: LimitRule; n: number }>();
    for (const hit of batch) {
      for (const rule of hit.rules) {
        const id = slotKey(hit.apiKeyId, rule.bucket);
        const entry = counts.get(id);
        if (entry) entry.n++;
        else counts.set(id, { apiKeyId: hit.apiKeyId, rule, n: 1 });
      }
    }
    let rows: Array<{ api_key_id: string; bucket: string; count: number; window_start: number }>;
    try {
      rows = await this.db
        .insertInto('rate_limit_windows')
        .values(
          [...counts.values()].map((c) => ({
            api_key_id: c.apiKeyId,
            bucket: c.rule.bucket,
            window_start: windowStart(nowSeconds, c.rule.windowSeconds),
            count: c.n,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['api_key_id', 'bucket']).doUpdateSet({
            count: sql<number>`case when excluded.window_start > rate_limit_windows.window_start then excluded.count else rate_limit_windows.count + excluded.count end`,
            window_start: sql<number>`case when excluded.window_start > rate_limit_windows.window_start then excluded.window_start else rate_limit_windows.window_start end`,
          }),
        )
        .returning(['api_key_id', 'bucket', 'count', 'window_start'])
        .execute();
    } catch (err) {
      for (const hit of batch) hit.reject(err);
      return;
    }
    // The batch's n hits of a window hold its counts (total - n, total]; hand them out in arrival order.
    const next = new Map<string, { count: number; windowStart: number }>();
    for (const row of rows) {
      const n = counts.get(slotKey(row.api_key_id, row.bucket))?.n ?? 1;
      next.set(slotKey(row.api_key_id, row.bucket), { count: Number(row.count) - n + 1, windowStart: Number(row.window_start) });
    }
    for (const hit of batch) {
      const windows = hit.rules.map((rule): WindowState => {
        const slot = next.get(slotKey(hit.apiKeyId, rule.bucket)) ?? { count: 1, windowStart: windowStart(nowSeconds, rule.windowSeconds) };
        const count = slot.count++;
        return {
          bucket: rule.bucket,
          limit: rule.limit,
          count,
          remaining: Math.max(0, rule.limit - count),
          resetAt: slot.windowStart + rule.windowSeconds,
          exceeded: count > rule.limit,
        };
      });
      hit.resolve(decide(windows, nowSeconds));
    }
  }
}

interface PendingHit {
  apiKeyId: string;
  rules: LimitRule[];
  resolve: (decision: RateDecision) => void;
  reject: (err: unknown) => void;
}

function decide(windows: WindowState[], nowSeconds: number): RateDecision {
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

function slotKey(apiKeyId: string, bucket: string): string {
  return `${bucket}\u0000${apiKeyId}`;
}

function windowStart(nowSeconds: number, windowSeconds: number): number {
  return nowSeconds - (nowSeconds % windowSeconds);
}
