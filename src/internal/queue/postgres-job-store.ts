import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { JobStore } from './job-store.js';
import { iso, JobsTableStore, type LeasedRow, type LeaseOptions } from './jobs-table-store.js';

/**
 * The job store for Postgres deployments: jobs are rows of docsift's own `jobs` table, in the same
 * database and through the same connection pool as everything else.
 *
 * Not pg-boss (10.4, the last major that runs on Node 20): its public API cannot serve the runner's
 * needs. It has no way to extend a running job's lease (a job expires `expireInSeconds` after it
 * started, however alive its worker is); `complete` and `fail` are not fenced by the try, so a worker
 * whose job was expired and handed to another could finish the other's run; `fail` retries on the
 * backoff fixed when the job was sent and cannot send a job straight to dead (PermanentJobError); nothing
 * hands a job back on stop without counting the try; and there is no way to find jobs by group (to cancel
 * an extraction's jobs) or to list dead ones. Driving pg-boss's table with our own SQL to get those
 * (what docsift did before) is writing a second queue into someone else's schema; owning the table is
 * simpler and lets every statement below be the same as SQLite's (jobs-table-store.ts).
 */
export function createPostgresJobStore(db: Kysely<Database>): JobStore {
  return new JobsTableStore(db, leasePostgres);
}

/**
 * Leases up to `limit` runnable jobs in one statement. FOR UPDATE SKIP LOCKED lets any number of worker
 * processes lease at once, each skipping the rows another is taking, so a job is handed out once and
 * nobody waits (the way pg-boss fetches). Under READ COMMITTED a row locked here is re-checked against
 * the WHERE after the lock, so a job another worker leased and committed meanwhile is not taken again.
 * Order: priority, run_at, then `seq` (insertion order; migration 0017), walking the partial index
 * jobs_queued. Unlike SQLite, a lease that matches nothing locks nothing, so no probe comes first.
 */
const LEASE_SQL = `WITH next AS (
  SELECT id FROM jobs
  WHERE state = 'queued' AND run_at <= $1 AND name = ANY($2::text[])
  ORDER BY priority, run_at, seq
  LIMIT $3
  FOR UPDATE SKIP LOCKED
)
UPDATE jobs SET state = 'active', lease_owner = $4, lease_until = $5, attempts = jobs.attempts + 1, updated_at = $1
FROM next WHERE jobs.id = next.id
RETURNING jobs.*`;

async function leasePostgres(db: Kysely<Database>, options: LeaseOptions): Promise<LeasedRow[]> {
  const now = iso(options.nowMs);
  const params = [now, options.names, options.limit, options.owner, iso(options.nowMs + options.leaseMs)];
  const result = await db.executeQuery<LeasedRow>(CompiledQuery.raw(LEASE_SQL, params));
  return result.rows;
}
