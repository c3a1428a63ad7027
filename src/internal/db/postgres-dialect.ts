import pg from 'pg';
import { PreparingClient } from './prepared-statements.js';
import { CompiledQuery, PostgresDialect, PostgresDriver, type DatabaseConnection, type Driver, type PostgresDialectConfig, type TransactionSettings } from 'kysely';

// pg type OIDs whose values docsift reads as numbers (pg returns them as strings by default).
const INT8_OID = 20;
const NUMERIC_OID = 1700;
/** The old global advisory lock (an arbitrary constant: "docs" in ASCII), kept for bench:scale's comparison. */
const TRANSACTION_LOCK_KEY = 0x646f6373;

export interface PostgresDialectOptions {
  connectionString: string;
  /** Connections in this process's pool (default 10). */
  maxConnections?: number;
  /**
   * Benchmark only (bench/scale.ts compares against it): every transaction first takes one global
   * advisory lock, as docsift did before it protected rows itself, so transactions run one at a time
   * across all processes. Never set by the server or the worker.
   */
  serializeTransactions?: boolean;
}

/**
 * The Kysely dialect for DATABASE_URL=postgres://…. count(*) and sum() come back as int8/numeric,
 * which pg hands over as strings to avoid precision loss; docsift's counts and sums stay far below
 * 2^53, so they are parsed as numbers here and the code reads the same rows on SQLite and Postgres.
 */
export function createPostgresDialect(options: PostgresDialectOptions): { dialect: PostgresDialect; pool: pg.Pool } {
  const parseNumber = (value: string) => Number(value);
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID || oid === NUMERIC_OID ? parseNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types,
    // Marked statements (the ones every document runs) are prepared once per connection: prepared-statements.ts.
    Client: PreparingClient,
    // A restarted Postgres drops every connection: the pool discards the dead ones (the 'error' below)
    // and opens new ones on the next query, so API and workers recover without a restart.
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its server emits 'error' on the pool; unhandled, it would crash the process.
  pool.on('error', () => {});
  // A client checked out by Kysely (mid-query or mid-transaction) has no pool listener: when a restarting
  // Postgres ends its connection, pg emits 'error' on the client itself, which unhandled crashed the process
  // (test/faults-postgres-restart.test.ts). The query in flight still fails with the error, and the pool
  // drops the dead client when Kysely releases it.
  pool.on('connect', (client) => client.on('error', () => {}));
  return { dialect: options.serializeTransactions ? new SerializedPostgresDialect({ pool }) : new PostgresDialect({ pool }), pool };
}

/**
 * The old way (bench:scale's baseline only): every transaction starts by taking one transaction-scoped
 * advisory lock, imitating SQLite's single writer across all API and worker processes. docsift's
 * transactions now protect the rows they decide on themselves (internal/db/row-locks.ts and
 * ARCHITECTURE.md, "Concurrency on Postgres"), so they run side by side.
 */
class SerializedPostgresDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw('select pg_advisory_xact_lock($1)', [TRANSACTION_LOCK_KEY]));
  }
}

class SerializedPostgresDialect extends PostgresDialect {
  private readonly pgConfig: PostgresDialectConfig;
  constructor(config: PostgresDialectConfig) {
    super(config);
    this.pgConfig = config;
  }
  override createDriver(): Driver {
    return new SerializedPostgresDriver(this.pgConfig);
  }
}
