import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';
import { createPostgresDialect } from './postgres-dialect.js';

export type Db = Kysely<Database>;

/** The better-sqlite3 handle under each embedded database, for the few hot reads that skip Kysely's driver. */
const sqliteHandles = new WeakMap<Kysely<any>, SQLite.Database>();

/** The better-sqlite3 database under `db`, or undefined on Postgres. */
export function sqliteHandle(db: Kysely<any>): SQLite.Database | undefined {
  return sqliteHandles.get(db);
}

export interface OpenDatabaseOptions {
  /** postgres://… selects Postgres; unset selects embedded SQLite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Postgres only: connections in this process's pool. */
  maxConnections?: number;
  /** Postgres, benchmark only: the old global transaction lock (see createPostgresDialect). */
  serializeTransactions?: boolean;
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  if (options.databaseUrl) {
    const { dialect } = createPostgresDialect({
      connectionString: options.databaseUrl,
      maxConnections: options.maxConnections,
      serializeTransactions: options.serializeTransactions,
    });
    const db = new Kysely<Database>({ dialect });
    await migrate(db);
    return db;
  }
  // The data dir and database hold every tenant's documents and key hashes: 0700 and 0600 when created
  // (SQLite gives its -wal and -shm files the database file's permissions).
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dataDir, 'docsift.db');
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  const sqlite = new SQLite(file);
  // WAL lets readers run while the worker writes; busy_timeout makes a second process wait, not fail.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  sqliteHandles.set(db, sqlite);
  await migrate(db);
  return db;
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  // Migrations are named by number, but branches merge them out of order: a database that already ran
  // 0012 still runs a 0010 that arrives later, instead of refusing to start.
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/**
 * Kysely prepares every query afresh; preparing costs more than running a small indexed query, so
 * the driver is handed a database whose `prepare` reuses statements by SQL text. Kysely only streams
 * (the one case where a statement can't be shared) for `.stream()`, which docsift doesn't use.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = sqlite.prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(source, stmt);
    }
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Transactions start with BEGIN IMMEDIATE: they take the write lock up front, so when the API and a
 * worker process share the file, a transaction waits (busy_timeout) instead of failing with
 * SQLITE_BUSY when it upgrades from reading to writing after another process committed.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  private readonly sqliteConfig: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.sqliteConfig = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.sqliteConfig);
  }
}
