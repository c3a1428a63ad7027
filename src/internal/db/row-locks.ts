import { PostgresAdapter, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';

/**
 * The database's own concurrency tools, for code that runs on both dialects. On SQLite every write
 * transaction already runs alone (BEGIN IMMEDIATE takes the single write lock), so these are no-ops
 * there; on Postgres, transactions run side by side under READ COMMITTED and each protects the rows it
 * decides on. ARCHITECTURE.md ("Concurrency on Postgres") says which invariant each lock protects.
 */

/** True when `db` (or a transaction of it) talks to Postgres. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Adds FOR NO KEY UPDATE on Postgres: the selected rows stay locked until the transaction ends, and a
 * second transaction locking them waits, then reads them as the first committed them (READ COMMITTED
 * takes a fresh snapshot per statement, so the statements after the lock see every committed change).
 * NO KEY UPDATE rather than FOR UPDATE: it is the lock an UPDATE itself takes, excludes other lockers
 * just the same, but does not block inserts whose foreign key points at the row (a usage record or a
 * document referencing its tenant or extraction takes KEY SHARE on it).
 */
export function lockRows(db: Kysely<any>, of?: string) {
  const postgres = isPostgres(db);
  // `of`: in a join, only that table's rows (an outer join's nullable side can't be locked).
  return <DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> =>
    postgres ? qb.forNoKeyUpdate(of as never) : qb;
}

/** SQLSTATEs after which Postgres rolled the transaction back and running it again is safe and may succeed. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

export function isRetryableTransactionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

/**
 * Runs `fn` in a transaction and, on Postgres, runs it again (up to `attempts` times in all) when the
 * database aborted it as a deadlock victim or a serialization failure. Locks are taken in one order
 * (extraction, then its documents, then its batch; a tenant's row last), so a deadlock needs
 * something outside that order (a job row, a foreign key check); retrying makes such an
 * abort invisible instead of failing a job try. `fn` must do nothing outside the database that it
 * cannot repeat: everything it wrote was rolled back.
 */
export async function transact<DB, T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      if (attempt >= attempts || !isRetryableTransactionError(err)) throw err;
      // A short random pause, so the two victims of one deadlock don't meet again at once.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
