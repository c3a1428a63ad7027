import type { Compilable, Kysely } from 'kysely';
import { sqliteHandle } from './database.js';
import { preparedSql } from './prepared-statements.js';

/**
 * A query built and compiled once, then run with new parameter values. Kysely builds and compiles
 * every query afresh, and for a hot read (an extraction's status, polled by every client) that costs
 * as much as running the indexed query itself. The query is compiled with a unique marker string
 * for each named parameter. The compiled SQL never contains the markers (they are bound values,
 * whatever the dialect's placeholder: `$1` on Postgres, `?` on SQLite), so their positions in the
 * compiled parameter list say where each call's values go. On SQLite the statement then runs
 * directly (see below); on Postgres through Kysely.
 *
 *   const byId = precompile(db, ['tenantId', 'id'], (p) =>
 *     db.selectFrom('extractions').selectAll().where('tenant_id', '=', p.tenantId).where('id', '=', p.id));
 *   const rows = await byId({ tenantId, id });
 *   const inTrx = await byId({ tenantId, id }, trx); // the same statement, in the caller's transaction
 */
export function precompile<Names extends string, Row>(
  db: Kysely<any>,
  names: readonly Names[],
  build: (params: Record<Names, string>) => Compilable<Row>,
): (values: Record<Names, unknown>, via?: Kysely<any>) => Promise<Row[]> {
  const markers = Object.fromEntries(names.map((name) => [name, `\u0000precompiled:${name}\u0000`])) as Record<Names, string>;
  const built = build(markers).compile();
  const sqlite = sqliteHandle(db);
  // On Postgres the statement is also prepared on the server, once per connection (prepared-statements.ts).
  const compiled = sqlite ? built : { ...built, sql: preparedSql(built.sql) };
  const order = compiled.parameters.map((value) => {
    const name = names.find((n) => markers[n] === value);
    // Any other parameter is a constant of the query itself (a literal Kysely parameterized).
    return name === undefined ? { constant: value } : { name };
  });
  if (!names.every((n) => order.some((o) => 'name' in o && o.name === n))) {
    throw new Error(`precompiled query does not use every named parameter: ${names.join(', ')}`);
  }
  const parameters = (values: Record<Names, unknown>) => order.map((o) => ('name' in o ? values[o.name as Names] : o.constant));
  // `via`: another handle of the same database (a transaction) to run it in.
  const viaKysely = async (values: Record<Names, unknown>, via: Kysely<any> = db) =>
    (await via.executeQuery<Row>({ ...compiled, parameters: parameters(values) })).rows;
  const stmt = sqlite?.prepare(compiled.sql);
  if (!sqlite || !stmt?.reader) return viaKysely;
  // On SQLite, a read runs its prepared statement directly and in raw mode: better-sqlite3 builds each
  // row object from C strings, which costs more than the indexed lookup itself; here the column names
  // are JS strings made once. While a transaction is open on the (single) connection, the read waits
  // for it through Kysely instead, as every Kysely query does, so it never sees uncommitted rows.
  stmt.raw(true);
  const toRow = rowFactory<Row>(stmt.columns().map((c) => c.name));
  return async (values, via) => {
    if (via || sqlite.inTransaction) return viaKysely(values, via);
    return (stmt.all(parameters(values)) as unknown[][]).map(toRow);
  };
}

/**
 * Turns a raw row (values in column order) into an object, through one object literal made for the
 * statement's columns: every row then shares one shape, where adding the columns one by one to an
 * empty object gives a slow dictionary once a query has a few dozen of them. The names come from our
 * own compiled SQL, and each is written as a JSON string literal.
 */
function rowFactory<Row>(columns: string[]): (raw: unknown[]) => Row {
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: raw[${i}]`).join(', ');
  return new Function('raw', `return { ${fields} };`) as (raw: unknown[]) => Row;
}
