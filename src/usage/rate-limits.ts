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
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` adds requests to their windows and reads the new
 * counts back, atomically (SQLite serializes writers; Postgres locks the conflicting row), so two
 * processes can never both take the last free slot. When the stored window is older than the
 * request's, the same statement starts the new window: rows never pile up and nothing needs purging.
 * A window only moves forward, so a process whose clock lags a little counts into the newer window.
 *
 * Leased slots: a write per request was most of the cost of a cheap authenticated read, so a process
 * takes slots from the shared count in small leases and hands them out locally. A lease starts at one
 * slot and doubles while a key keeps using its window up, to at most 1% of the limit, and it shrinks
 * back to a single slot when less than ten leases' worth is left: far from the limit a write serves
 * many requests, near it every request is counted exactly as before. The shared count never admits
 * more than the limit; what a process leased and did not use by the end of a window (at most 1% of
 * the limit per process) is lost to that window, a small under-admission, never an over-admission.
 *
 * Group commit: the leases wanted in one turn of the event loop are written by one statement, and
 * the hits of the turn share them in arrival order.
 *
 * Every request is counted, refused ones included: a client hammering past its limit does not get
 * its next window early. Once a window is known to be used up, refusals are counted locally without
 * another write. A fixed window lets a client send up to twice the limit across a window boundary;
 * that is the price of one cheap statement per lease.
 */
export class RateLimits {
  private readonly db: Kysely<Database>;
  private readonly hourly: LimitRule;
  private readonly submit: LimitRule;
  private readonly now: () => number;
  private readonly leases = new Map<string, Lease>();
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
    const rules = options.submit ? [this.hourly, this.submit] : [this.hourly];
    const nowSeconds = Math.floor(this.now() / 1000);
    // The common case: every window has a leased slot left (or is known to be used up).
    const local = this.takeLocal(apiKeyId, rules, nowSeconds);
    if (local) return Promise.resolve(decide(local, nowSeconds));
    return new Promise((resolve, reject) => {
      this.pending.push({ apiKeyId, rules, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O phase: every request read in this turn of the loop joins the batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  /** One slot of each rule's current lease, or null when any rule needs a new lease. */
  private takeLocal(apiKeyId: string, rules: LimitRule[], nowSeconds: number): WindowState[] | null {
    const leases: Lease[] = [];
    for (const rule of rules) {
      const lease = this.currentLease(apiKeyId, rule, nowSeconds);
      if (!lease || (lease.free.length === 0 && !usedUp(rule, lease))) return null;
      leases.push(lease);
    }
    return rules.map((rule, i) => takeSlot(rule, leases[i]));
  }

  private currentLease(apiKeyId: string, rule: LimitRule, nowSeconds: number): Lease | undefined {
    const lease = this.leases.get(slotKey(apiKeyId, rule.bucket));
    return lease && lease.windowStart >= windowStart(nowSeconds, rule.windowSeconds) ? lease : undefined;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const nowSeconds = Math.floor(this.now() / 1000);
    // Hits queued before an earlier flush finished may find slots it leased.
    const waiting: PendingHit[] = [];
    for (const hit of batch) {
      const local = this.takeLocal(hit.apiKeyId, hit.rules, nowSeconds);
      if (local) hit.resolve(decide(local, nowSeconds));
      else waiting.push(hit);
    }
    if (waiting.length === 0) return;
    const wanted = new Map<string, LeaseRequest>();
    for (const hit of waiting) {
      for (const rule of hit.rules) {
        const id = slotKey(hit.apiKeyId, rule.bucket);
        const entry = wanted.get(id);
        if (entry) entry.hits++;
        else wanted.set(id, { id, apiKeyId: hit.apiKeyId, rule, hits: 1, n: 0, windowStart: 0 });
      }
    }
    for (const request of wanted.values()) {
      const current = this.currentLease(request.apiKeyId, request.rule, nowSeconds);
      request.windowStart = Math.max(windowStart(nowSeconds, request.rule.windowSeconds), current?.windowStart ?? 0);
      if (current && usedUp(request.rule, current)) continue; // refused and counted locally: no write
      const need = request.hits - (current ? countFree(current) : 0);
      if (need > 0) request.n = Math.max(need, leaseSize(request.rule, current));
    }
    const writes = [...wanted.values()].filter((r) => r.n > 0);
    let rows: Array<{ api_key_id: string; bucket: string; count: number; window_start: number }> = [];
    try {
      if (writes.length > 0) rows = await this.write(writes);
    } catch (err) {
      for (const hit of waiting) hit.reject(err);
      return;
    }
    for (const row of rows) {
      const request = wanted.get(slotKey(row.api_key_id, row.bucket))!;
      const total = Number(row.count);
      const start = Number(row.window_start);
      const previous = this.leases.get(request.id);
      const sameWindow = previous !== undefined && previous.windowStart === start;
      // The slots left of this window's earlier lease go first, then the new ones.
      this.leases.set(request.id, {
        windowStart: start,
        free: [...(sameWindow ? previous.free : []), [total - request.n + 1, total]],
        top: total,
        size: request.n,
      });
    }
    for (const hit of waiting) {
      const windows = hit.rules.map((rule) => {
        const lease = this.leases.get(slotKey(hit.apiKeyId, rule.bucket));
        if (!lease) throw new Error('rate limit lease missing after its write');
        return takeSlot(rule, lease);
      });
      hit.resolve(decide(windows, nowSeconds));
    }
  }

  private write(writes: LeaseRequest[]) {
    return this.db
      .insertInto('rate_limit_windows')
      .values(writes.map((w) => ({ api_key_id: w.apiKeyId, bucket: w.rule.bucket, window_start: w.windowStart, count: w.n })))
      .onConflict((oc) =>
        oc.columns(['api_key_id', 'bucket']).doUpdateSet({
          count: sql<number>`case when excluded.window_start > rate_limit_windows.window_start then excluded.count else rate_limit_windows.count + excluded.count end`,
          window_start: sql<number>`case when excluded.window_start > rate_limit_windows.window_start then excluded.window_start else rate_limit_windows.window_start end`,
        }),
      )
      .returning(['api_key_id', 'bucket', 'count', 'window_start'])
      .execute();
  }
}

/** Slots of one window's shared count that this process took and hands out, lowest first. */
interface Lease {
  windowStart: number;
  /** Ranges [from, to] of counts still free to hand out. */
  free: Array<[number, number]>;
  /** The highest count this process knows of in the window (handed out, or past the limit counted locally). */
  top: number;
  /** The size of the last lease: the next one doubles it while the key keeps using its window. */
  size: number;
}

interface LeaseRequest {
  id: string;
  apiKeyId: string;
  rule: LimitRule;
  hits: number;
  /** Slots to take from the shared count; 0 when the current lease covers the hits. */
  n: number;
  windowStart: number;
}

/** The next lease's size: doubling up to 1% of the limit, one slot when fewer than ten leases are left. */
function leaseSize(rule: LimitRule, current: Lease | undefined): number {
  const cap = Math.max(1, Math.floor(rule.limit / 100));
  if (rule.limit - (current?.top ?? 0) < 10 * cap) return 1;
  return Math.min(cap, Math.max(1, (current?.size ?? 0) * 2));
}

function countFree(lease: Lease): number {
  return lease.free.reduce((sum, [from, to]) => sum + (to - from + 1), 0);
}

/** No slot left and the shared count already past the limit: the window refuses until it ends. */
function usedUp(rule: LimitRule, lease: Lease): boolean {
  return lease.free.length === 0 && lease.top > rule.limit;
}

function takeSlot(rule: LimitRule, lease: Lease): WindowState {
  let count: number;
  const range = lease.free[0];
  if (range) {
    count = range[0]++;
    if (range[0] > range[1]) lease.free.shift();
  } else {
    count = ++lease.top; // usedUp: a refusal counted here only
  }
  return {
    bucket: rule.bucket,
    limit: rule.limit,
    count,
    remaining: Math.max(0, rule.limit - count),
    resetAt: lease.windowStart + rule.windowSeconds,
    exceeded: count > rule.limit,
  };
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
