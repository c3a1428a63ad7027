import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { JobStore } from './job-store.js';
import { iso, JobsTableStore, type LeasedRow, type LeaseOptions } from './jobs-table-store.js';

/** The embedded job store: jobs are rows of the SQLite `jobs` table. */
export function createSqliteJobStore(db: Kysely<Database>): JobStore {
  return new JobsTableStore(db, leaseSqlite);
}

/**
 * Leases up to `limit` runnable jobs with one UPDATE whose WHERE picks the rows with a subquery. Atomic
 * by construction: SQLite runs a write statement entirely under its single database write lock (another
 * connection, in this or another process, waits on busy_timeout), so no other writer can lease the same
 * rows between the SELECT and the UPDATE; the outer `state = 'queued'` repeats the subquery's condition
 * as a guard. Order is priority (lower first), then run_at, then rowid, i.e. insertion order even for
 * jobs created in the same millisecond; the jobs_fetch index (state, priority, run_at) ends in the rowid
 * implicitly, so the subquery walks the index in order and never sorts.
 *
 * A read-only probe comes first, so an idle queue only ever reads: the UPDATE takes SQLite's write lock
 * even when it matches nothing, which would briefly block the API's writes at every poll.
 */
async function leaseSqlite(db: Kysely<Database>, options: LeaseOptions): Promise<LeasedRow[]> {
  const now = iso(options.nowMs);
  const runnable = db
    .selectFrom('jobs')
    .select('id')
    .where('state', '=', 'queued')
    .where('run_at', '<=', now)
    .where('name', 'in', options.names);
  if (!(await runnable.limit(1).executeTakeFirst())) return [];
  const next = runnable.orderBy('priority').orderBy('run_at').orderBy(sql`rowid`).limit(options.limit);
  return db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'active',
      lease_owner: options.owner,
      lease_until: iso(options.nowMs + options.leaseMs),
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', next)
    .where('state', '=', 'queued')
    .returningAll()
    .returning(sql<number>`rowid`.as('seq'))
    .execute();
}
