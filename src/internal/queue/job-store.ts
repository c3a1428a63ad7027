import { sql, type Kysely } from 'kysely';
import type { Database, JobRow, JobsTable, NewJob } from '../db/schema.js';

/**
 * The embedded queue's SQL, kept apart from its scheduling. Every state change is one statement, and
 * every statement that touches a leased job is "fenced": it only matches while the row is still
 * active under the same owner *and* the same attempt number. Attempts grow by one on every lease, so
 * they act as a fencing token: a worker whose lease expired and was taken over can never complete,
 * fail or extend the new holder's run, even if both workers share an owner id.
 *
 * SQLite-specific on purpose (ordering by rowid); a Postgres queue would be its own adapter.
 */

type Db = Kysely<Database>;

/** Identifies one lease of one job: the row, who holds it, and which attempt it is. */
export interface LeaseFence {
  id: string;
  owner: string;
  attempt: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export async function insertJob(db: Db, job: NewJob): Promise<void> {
  await db.insertInto('jobs').values(job).execute();
}

/**
 * A read-only probe: is any job of these names runnable now? The poll loop asks this first so an idle
 * queue only ever reads; the lease UPDATE below takes SQLite's write lock even when it matches
 * nothing, which would briefly block the API's writes five times a second for no reason.
 */
export async function hasRunnableJob(db: Db, options: { names: string[]; nowMs: number }): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('state', '=', 'queued')
    .where('run_at', '<=', iso(options.nowMs))
    .where('name', 'in', options.names)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Leases the next runnable job, or returns undefined.
 *
 * Atomic by construction: one UPDATE whose WHERE picks the row with a subquery. SQLite runs a write
 * statement entirely under its single database write lock (another connection, in this or another
 * process, waits on busy_timeout), so no other writer can lease the same row between the SELECT and
 * the UPDATE. The outer `state = 'queued'` repeats the subquery's condition as a guard. Order is
 * priority (lower first), then run_at, then rowid, i.e. insertion order even for jobs created in the
 * same millisecond. The jobs_fetch index (state, priority, run_at) ends in the rowid implicitly, so
 * the subquery walks the index in order and never sorts.
 */
export async function leaseNextJob(
  db: Db,
  options: { names: string[]; owner: string; leaseMs: number; nowMs: number },
): Promise<JobRow | undefined> {
  const now = iso(options.nowMs);
  const next = db
    .selectFrom('jobs')
    .select('id')
    .where('state', '=', 'queued')
    .where('run_at', '<=', now)
    .where('name', 'in', options.names)
    .orderBy('priority')
    .orderBy('run_at')
    .orderBy(sql`rowid`)
    .limit(1);
  return db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'active',
      lease_owner: options.owner,
      lease_until: iso(options.nowMs + options.leaseMs),
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', next)
    .where('state', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Gives back the jobs of workers that stopped heartbeating (crashed, killed, or stalled longer than a
 * lease). A job with tries left is queued again with its original run_at, so it is picked up at once
 * and keeps its place; the lost try still counts, so a job that kills its worker every time ends up
 * dead instead of crashing workers forever. `exceptOwner` skips this process's own leases: while this
 * process can run the reaper it can also heartbeat, so its leases are only late, not abandoned.
 */
export async function reapExpiredLeases(
  db: Db,
  options: { nowMs: number; exceptOwner: string },
): Promise<{ requeued: number; dead: number }> {
  const now = iso(options.nowMs);
  const expired = db
    .updateTable('jobs')
    .where('state', '=', 'active')
    .where('lease_until', '<', now)
    .where('lease_owner', '!=', options.exceptOwner);
  const dead = await expired
    .set({
      state: 'dead',
      last_error: 'lease expired on the last attempt: the worker died or stalled',
      lease_owner: null,
      lease_until: null,
      updated_at: now,
      finished_at: now,
    })
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .executeTakeFirst();
  const requeued = await expired
    .set({ state: 'queued', lease_owner: null, lease_until: null, updated_at: now })
    .where((eb) => eb('attempts', '<', eb.ref('max_attempts')))
    .executeTakeFirst();
  return { requeued: Number(requeued.numUpdatedRows), dead: Number(dead.numUpdatedRows) };
}

/** Applies a change to a leased job only if the lease is still ours; true when it was. */
async function updateLeased(db: Db, fence: LeaseFence, changes: Partial<JobsTable>): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set(changes)
    .where('id', '=', fence.id)
    .where('state', '=', 'active')
    .where('lease_owner', '=', fence.owner)
    .where('attempts', '=', fence.attempt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function extendLease(db: Db, fence: LeaseFence, options: { leaseMs: number; nowMs: number }): Promise<boolean> {
  return updateLeased(db, fence, {
    lease_until: iso(options.nowMs + options.leaseMs),
    updated_at: iso(options.nowMs),
  });
}

export function completeJob(db: Db, fence: LeaseFence, nowMs: number): Promise<boolean> {
  const now = iso(nowMs);
  return updateLeased(db, fence, {
    state: 'completed',
    lease_owner: null,
    lease_until: null,
    updated_at: now,
    finished_at: now,
  });
}

/** Records a failed try: queued again at retryAtMs, or dead when retryAtMs is null. */
export function failJob(
  db: Db,
  fence: LeaseFence,
  options: { error: string; retryAtMs: number | null; nowMs: number },
): Promise<boolean> {
  const now = iso(options.nowMs);
  const common = { last_error: options.error, lease_owner: null, lease_until: null, updated_at: now };
  if (options.retryAtMs === null) return updateLeased(db, fence, { ...common, state: 'dead', finished_at: now });
  return updateLeased(db, fence, { ...common, state: 'queued', run_at: iso(options.retryAtMs) });
}

/**
 * Hands an unfinished job back on shutdown: queued, runnable at once (its run_at is already past), and
 * the interrupted try is not counted, since a deploy or restart is not the job's fault.
 */
export async function releaseLease(db: Db, fence: LeaseFence, nowMs: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'queued',
      lease_owner: null,
      lease_until: null,
      attempts: eb('attempts', '-', 1),
      updated_at: iso(nowMs),
    }))
    .where('id', '=', fence.id)
    .where('state', '=', 'active')
    .where('lease_owner', '=', fence.owner)
    .where('attempts', '=', fence.attempt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels a group's queued and running jobs; running ones notice at their next heartbeat or write. */
export async function cancelGroupJobs(db: Db, options: { groupKey: string; nowMs: number }): Promise<number> {
  const now = iso(options.nowMs);
  const result = await db
    .updateTable('jobs')
    .set({ state: 'cancelled', lease_owner: null, lease_until: null, updated_at: now, finished_at: now })
    .where('group_key', '=', options.groupKey)
    .where('state', 'in', ['queued', 'active'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function getJobState(db: Db, id: string): Promise<JobsTable['state'] | undefined> {
  const row = await db.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirst();
  return row?.state;
}

export async function countJobsByState(db: Db): Promise<Record<JobsTable['state'], number>> {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['state', eb.fn.countAll<number>().as('count')])
    .groupBy('state')
    .execute();
  const counts = { queued: 0, active: 0, completed: 0, dead: 0, cancelled: 0 };
  for (const row of rows) counts[row.state] = Number(row.count);
  return counts;
}

export async function listDeadJobs(db: Db, limit: number): Promise<JobRow[]> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('state', '=', 'dead')
    .orderBy('finished_at', 'desc')
    .orderBy(sql`rowid`, 'desc')
    .limit(limit)
    .execute();
}
