import type PgBoss from 'pg-boss';

/**
 * The statements the pg-boss queue runs on pg-boss's own `job` table (schema of pg-boss 10) besides
 * pg-boss's send and fetch. Every write is fenced by (id, state 'active', retry_count): retry_count goes
 * up each time pg-boss hands a job out again, so a worker whose lease expired and was taken over can't
 * complete, fail or extend the new owner's try. The schema name is checked to be a bare identifier
 * before it is spliced in; everything else is a parameter.
 */
export interface JobFence {
  name: string;
  id: string;
  /** retry_count when this worker fetched the job. */
  retryCount: number;
}

export function assertSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid pg-boss schema name '${schema}'`);
  return schema;
}

const FENCE = `name = $1 AND id = $2::uuid AND state = 'active' AND retry_count = $3`;

async function fencedUpdate(db: PgBoss.Db, text: string, fence: JobFence, more: unknown[] = []): Promise<boolean> {
  const { rows } = await db.executeSql(text, [fence.name, fence.id, fence.retryCount, ...more]);
  return rows.length > 0;
}

/** A lease is started_on + expire_in; the heartbeat moves started_on forward. */
export function extendJobLease(db: PgBoss.Db, schema: string, fence: JobFence): Promise<boolean> {
  return fencedUpdate(db, `UPDATE ${schema}.job SET started_on = now() WHERE ${FENCE} RETURNING id`, fence);
}

export function completeJob(db: PgBoss.Db, schema: string, fence: JobFence): Promise<boolean> {
  return fencedUpdate(db, `UPDATE ${schema}.job SET state = 'completed', completed_on = now() WHERE ${FENCE} RETURNING id`, fence);
}

/** retryAfterMs null: the job is dead ('failed' in pg-boss); otherwise it runs again after that delay. */
export function failJob(db: PgBoss.Db, schema: string, fence: JobFence, options: { error: string; retryAfterMs: number | null }): Promise<boolean> {
  const output = JSON.stringify({ message: options.error });
  if (options.retryAfterMs === null) {
    return fencedUpdate(db, `UPDATE ${schema}.job SET state = 'failed', completed_on = now(), output = $4::jsonb WHERE ${FENCE} RETURNING id`, fence, [output]);
  }
  return fencedUpdate(
    db,
    `UPDATE ${schema}.job SET state = 'retry', start_after = now() + $5::int * interval '1 millisecond', output = $4::jsonb WHERE ${FENCE} RETURNING id`,
    fence,
    [output, Math.max(0, Math.round(options.retryAfterMs))],
  );
}

/**
 * Hands a job back on stop without using up a try: started_on NULL makes pg-boss's next fetch keep
 * retry_count as it is (it only counts a fetch of a job that had started).
 */
export function releaseJob(db: PgBoss.Db, schema: string, fence: JobFence): Promise<boolean> {
  return fencedUpdate(db, `UPDATE ${schema}.job SET state = 'created', started_on = NULL, start_after = now() WHERE ${FENCE} RETURNING id`, fence);
}

/**
 * Active jobs whose lease ran out (their worker was killed or stalled) go back to 'retry', or to
 * 'failed' when that was their last try. pg-boss's maintenance does the same on its own slower
 * schedule; doing it here keeps takeover within about half a lease. Jobs this process runs are left
 * alone (their heartbeat is merely late). Two reapers can't both move a row: the second one's UPDATE
 * re-checks state = 'active' after the first commits.
 */
export async function reapExpiredJobs(db: PgBoss.Db, schema: string, options: { names: string[]; exceptIds: string[] }): Promise<{ requeued: number; dead: number }> {
  const { rows } = await db.executeSql(
    `UPDATE ${schema}.job SET
       state = CASE WHEN retry_count < retry_limit THEN 'retry' ELSE 'failed' END::${schema}.job_state,
       completed_on = CASE WHEN retry_count < retry_limit THEN NULL ELSE now() END,
       start_after = now(),
       output = '{"message":"job lease expired: its worker stopped or stalled"}'::jsonb
     WHERE name = ANY($1::text[]) AND state = 'active' AND started_on + expire_in < now()
       AND NOT (id = ANY($2::uuid[]))
     RETURNING state`,
    [options.names, options.exceptIds],
  );
  const dead = rows.filter((r: { state: string }) => r.state === 'failed').length;
  return { requeued: rows.length - dead, dead };
}

/** Cancels a group's queued and running jobs (the group is the job's singleton_key). */
export async function cancelJobGroup(db: PgBoss.Db, schema: string, options: { names: string[]; groupKey: string }): Promise<number> {
  const { rows } = await db.executeSql(
    `UPDATE ${schema}.job SET state = 'cancelled', completed_on = now()
     WHERE name = ANY($1::text[]) AND singleton_key = $2 AND state < 'completed'
     RETURNING id`,
    [options.names, options.groupKey],
  );
  return rows.length;
}

export async function jobState(db: PgBoss.Db, schema: string, fence: JobFence): Promise<string | undefined> {
  const { rows } = await db.executeSql(`SELECT state FROM ${schema}.job WHERE name = $1 AND id = $2::uuid`, [fence.name, fence.id]);
  return rows[0]?.state as string | undefined;
}

export async function countJobsByState(db: PgBoss.Db, schema: string, names: string[]): Promise<Array<{ state: string; n: number }>> {
  const { rows } = await db.executeSql(
    `SELECT state::text AS state, count(*)::int AS n FROM ${schema}.job WHERE name = ANY($1::text[]) GROUP BY state`,
    [names],
  );
  return rows.map((r: { state: string; n: number | string }) => ({ state: r.state, n: Number(r.n) }));
}

export interface FailedJobRow {
  id: string;
  name: string;
  data: unknown;
  retry_count: number;
  output: { message?: string } | null;
  completed_on: Date | string | null;
}

export async function listFailedJobs(db: PgBoss.Db, schema: string, options: { names: string[]; limit: number }): Promise<FailedJobRow[]> {
  const { rows } = await db.executeSql(
    `SELECT id, name, data, retry_count, output, completed_on FROM ${schema}.job
     WHERE name = ANY($1::text[]) AND state = 'failed'
     ORDER BY completed_on DESC, id DESC LIMIT $2`,
    [options.names, options.limit],
  );
  return rows as FailedJobRow[];
}
