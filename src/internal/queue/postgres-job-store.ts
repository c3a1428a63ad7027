import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';
import { preparedSql } from '../db/prepared-statements.js';
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
export function createPostgresJobStore(db: Kysely<Database>, options: { connectionString?: string } = {}): JobStore {
  const store = new JobsTableStore(db, leasePostgres);
  const { connectionString } = options;
  if (connectionString) store.watch = (onJob) => watchNewJobs(connectionString, onJob);
  return store;
}

const CHANNEL = 'docsift_jobs';
const RECONNECT_MS = 2000;

/**
 * LISTENs for the notification migration 0018's trigger sends when a transaction that inserted jobs
 * commits, on a connection of its own (a pooled one can't wait for notifications). Losing it (a Postgres
 * restart) costs nothing but promptness: the runner still polls, and this reconnects every 2 s.
 */
async function watchNewJobs(connectionString: string, onJob: () => void): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
    // Unhandled, a lost connection's 'error' would crash the process.
    next.on('error', () => reconnect(next));
    next.on('end', () => reconnect(next));
    next.on('notification', () => onJob());
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
    } catch {
      reconnect(next);
      return;
    }
    if (stopped) await next.end().catch(() => undefined);
    else client = next;
  };
  const reconnect = (lost: pg.Client) => {
    lost.removeAllListeners('end');
    lost.end().catch(() => undefined);
    if (client === lost) client = undefined;
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      // Jobs committed while nobody listened are found by this wake-up (or the next poll).
      if (!stopped) void connect().then(onJob);
    }, RECONNECT_MS);
    retry.unref();
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const last = client;
    client = undefined;
    if (last) {
      last.removeAllListeners('end');
      await last.end().catch(() => undefined);
    }
  };
}

/**
 * Leases up to `limit` runnable jobs in one statement. FOR UPDATE SKIP LOCKED lets any number of worker
 * processes lease at once, each skipping the rows another is taking, so a job is handed out once and
 * nobody waits (the way pg-boss fetches). Under READ COMMITTED a row locked here is re-checked against
 * the WHERE after the lock, so a job another worker leased and committed meanwhile is not taken again.
 * Order: priority, run_at, then `seq` (insertion order; migration 0018), walking the partial index
 * jobs_queued. Unlike SQLite, a lease that matches nothing locks nothing, so no probe comes first.
 */
const LEASE_SQL = preparedSql(`WITH next AS (
  SELECT id FROM jobs
  WHERE state = 'queued' AND run_at <= $1 AND name = ANY($2::text[])
  ORDER BY priority, run_at, seq
  LIMIT $3
  FOR UPDATE SKIP LOCKED
)
UPDATE jobs SET state = 'active', lease_owner = $4, lease_until = $5, attempts = jobs.attempts + 1, updated_at = $1
FROM next WHERE jobs.id = next.id
RETURNING jobs.*`);

async function leasePostgres(db: Kysely<Database>, options: LeaseOptions): Promise<LeasedRow[]> {
  const now = iso(options.nowMs);
  const params = [now, options.names, options.limit, options.owner, iso(options.nowMs + options.leaseMs)];
  const result = await db.executeQuery<LeasedRow>(CompiledQuery.raw(LEASE_SQL, params));
  return result.rows;
}
