import { sql, type Kysely } from 'kysely';
import type { Database, JobRow, JobsTable } from '../db/schema.js';
import { precompile } from '../db/precompiled-query.js';
import type { DeadJob, QueueStats } from './types.js';
import type { JobState, JobStore, LeasedJob, LeaseFence, NewStoredJob, ReapedJob } from './job-store.js';

type Db = Kysely<Database>;

export interface LeaseOptions {
  names: string[];
  owner: string;
  limit: number;
  leaseMs: number;
  nowMs: number;
}

/** A leased row and its insertion order (SQLite's rowid, Postgres's seq), to run a batch in order. */
export type LeasedRow = JobRow & { seq: number | string };

/** The one statement that differs between the databases: taking runnable jobs without two workers taking the same. */
export type LeaseRows = (db: Db, options: LeaseOptions) => Promise<LeasedRow[]>;

/** A precompiled UPDATE of one leased job, fenced; answers the rows it changed (none when the fence failed). */
type FencedUpdate = (values: Record<string, unknown>, via?: Db) => Promise<Array<{ id: string }>>;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The JobStore over the `jobs` table, on either database: everything but the lease is the same SQL on
 * SQLite and Postgres (each state change is one fenced statement, see job-store.ts), so it is written
 * once here and each store brings only its lease (sqlite-job-store.ts, postgres-job-store.ts).
 * Timestamps are ISO strings from the runner's clock, compared as text: with several machines on one
 * Postgres their clocks must agree (NTP) to well within a lease, or a fast clock takes over live jobs.
 */
export class JobsTableStore implements JobStore {
  /** Set by a store that can be told of new jobs (postgres-job-store.ts). */
  watch?: JobStore['watch'];
  private readonly extendLease: FencedUpdate;
  private readonly completeLeased: FencedUpdate;
  private readonly requeueLeased: FencedUpdate;
  private readonly killLeased: FencedUpdate;
  private readonly releaseLeased: FencedUpdate;

  constructor(
    private readonly db: Db,
    private readonly leaseRows: LeaseRows,
  ) {
    // The statements every job runs are compiled once (precompiled-query.ts): building and compiling a
    // Kysely query costs about as much CPU as the round trip itself.
    const fenced = (changes: (p: Record<string, string>) => Partial<Record<keyof JobsTable, unknown>>, extra: string[] = []): FencedUpdate =>
      precompile(db, ['id', 'owner', 'attempt', 'now', ...extra], (p) =>
        db
          .updateTable('jobs')
          .set(changes(p) as never)
          .where('id', '=', p.id)
          .where('state', '=', 'active')
          .where('lease_owner', '=', p.owner)
          // A number at run time; the marker that stands for it while compiling is a string.
          .where('attempts', '=', p.attempt as never)
          .returning('id'),
      );
    const unleased = { lease_owner: null, lease_until: null };
    this.extendLease = fenced((p) => ({ lease_until: p.leaseUntil, updated_at: p.now }), ['leaseUntil']);
    this.completeLeased = fenced((p) => ({ ...unleased, state: 'completed', updated_at: p.now, finished_at: p.now }));
    this.requeueLeased = fenced((p) => ({ ...unleased, state: 'queued', last_error: p.error, run_at: p.runAt, updated_at: p.now }), ['error', 'runAt']);
    this.killLeased = fenced((p) => ({ ...unleased, state: 'dead', last_error: p.error, updated_at: p.now, finished_at: p.now }), ['error']);
    // The interrupted try is given back: a deploy or restart is not the job's fault.
    this.releaseLeased = fenced((p) => ({ ...unleased, state: 'queued', attempts: sql`attempts - 1`, updated_at: p.now }));
  }

  async insert(db: Db, job: NewStoredJob): Promise<void> {
    const now = iso(job.nowMs);
    await db
      .insertInto('jobs')
      .values({
        id: job.id,
        name: job.name,
        payload: JSON.stringify(job.payload),
        state: 'queued',
        priority: job.priority,
        attempts: 0,
        max_attempts: job.maxAttempts,
        run_at: iso(job.runAtMs),
        group_key: job.groupKey,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async lease(options: LeaseOptions): Promise<LeasedJob[]> {
    if (options.names.length === 0 || options.limit <= 0) return [];
    const rows = await this.leaseRows(this.db, options);
    // RETURNING gives no order; the batch starts in the order the queue promises.
    rows.sort((a, b) => a.priority - b.priority || (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : Number(a.seq) - Number(b.seq)));
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      payload: parsePayload(row.payload),
      attempt: row.attempts,
      maxAttempts: row.max_attempts,
      groupKey: row.group_key,
    }));
  }

  async extend(fence: LeaseFence, options: { leaseMs: number; nowMs: number }): Promise<boolean> {
    const rows = await this.extendLease({ ...fence, now: iso(options.nowMs), leaseUntil: iso(options.nowMs + options.leaseMs) });
    return rows.length === 1;
  }

  async complete(fence: LeaseFence, nowMs: number, db?: Db): Promise<boolean> {
    return (await this.completeLeased({ ...fence, now: iso(nowMs) }, db)).length === 1;
  }

  async fail(fence: LeaseFence, options: { error: string; retryAtMs: number | null; nowMs: number }): Promise<boolean> {
    const common = { ...fence, now: iso(options.nowMs), error: options.error };
    const rows = options.retryAtMs === null ? await this.killLeased(common) : await this.requeueLeased({ ...common, runAt: iso(options.retryAtMs) });
    return rows.length === 1;
  }

  async release(fence: LeaseFence, nowMs: number): Promise<boolean> {
    return (await this.releaseLeased({ ...fence, now: iso(nowMs) })).length === 1;
  }

  /**
   * A job with tries left is queued again with its original run_at, so it is picked up at once and
   * keeps its place; the lost try still counts, so a job that kills its worker every time ends up dead
   * instead of crashing workers forever. Only the runner's own job names: it is the one that knows what
   * a killed job leaves behind (JobDefinition.onDead). `exceptOwner` skips this process's own leases:
   * while it can run the reaper it can also heartbeat, so its leases are only late, not abandoned. Two reapers can't both
   * move a row: each UPDATE re-checks state = 'active' (SQLite's single writer; Postgres re-reads a row
   * another transaction changed before updating it).
   */
  async reapExpired(options: { names: string[]; nowMs: number; exceptOwner: string }): Promise<{ requeued: number; dead: ReapedJob[] }> {
    if (options.names.length === 0) return { requeued: 0, dead: [] };
    const now = iso(options.nowMs);
    const expired = this.db
      .updateTable('jobs')
      .where('state', '=', 'active')
      .where('name', 'in', options.names)
      .where('lease_until', '<', now)
      .where('lease_owner', '!=', options.exceptOwner);
    const dead = await expired
      .set({ state: 'dead', last_error: 'lease expired on the last attempt: the worker died or stalled', lease_owner: null, lease_until: null, updated_at: now, finished_at: now })
      .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
      .returning(['id', 'name', 'payload'])
      .execute();
    const requeued = await expired
      .set({ state: 'queued', lease_owner: null, lease_until: null, updated_at: now })
      .where((eb) => eb('attempts', '<', eb.ref('max_attempts')))
      .executeTakeFirst();
    return { requeued: Number(requeued.numUpdatedRows), dead: dead.map((row) => ({ id: row.id, name: row.name, payload: parsePayload(row.payload) })) };
  }

  /** Running jobs in other processes find out at their next heartbeat, when the fenced UPDATE no longer matches. */
  async cancelGroup(db: Db, options: { groupKey: string; nowMs: number }): Promise<number> {
    const now = iso(options.nowMs);
    const result = await db
      .updateTable('jobs')
      .set({ state: 'cancelled', lease_owner: null, lease_until: null, updated_at: now, finished_at: now })
      .where('group_key', '=', options.groupKey)
      .where('state', 'in', ['queued', 'active'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async state(id: string): Promise<JobState | undefined> {
    const row = await this.db.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirst();
    return row?.state;
  }

  async countByState(): Promise<QueueStats> {
    const rows = await this.db
      .selectFrom('jobs')
      .select((eb) => ['state', eb.fn.countAll<number>().as('count')])
      .groupBy('state')
      .execute();
    const counts: QueueStats = { queued: 0, active: 0, completed: 0, dead: 0, cancelled: 0 };
    for (const row of rows) counts[row.state] = Number(row.count);
    return counts;
  }

  async listDead(limit: number): Promise<DeadJob[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('state', '=', 'dead')
      .orderBy('finished_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      payload: parsePayload(row.payload),
      attempts: row.attempts,
      lastError: row.last_error,
      finishedAt: row.finished_at,
    }));
  }

  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
