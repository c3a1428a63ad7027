import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Server-side prepared statements for the statements every document runs. Postgres parses, analyzes
 * and plans each statement it is sent; for docsift's small indexed statements that is a good part of
 * what they cost the server. A statement sent once under a name is parsed once per connection, and
 * after a few runs Postgres keeps a generic plan for it (plan_cache_mode auto), so later runs only bind
 * and execute.
 *
 * Which statements: the SQL text starts with PREPARED_MARK (`preparedSql`), which precompiled queries
 * (precompiled-query.ts) and the hot raw statements (the lease, a document's start, the status
 * recompute) carry. The mark is an SQL comment: a connection that does not know it (another pool, a
 * test's own Kysely) runs the text as an ordinary statement. Statements built per call stay unnamed: a
 * name per distinct text would let an unbounded number of them pile up on every connection.
 */
const PREPARED_MARK = '/* docsift:prepared */ ';

/** The SQL text, marked to run as a named prepared statement on connections of `PreparingClient`. */
export function preparedSql(sql: string): string {
  return sql.startsWith(PREPARED_MARK) ? sql : PREPARED_MARK + sql;
}

/** Postgres refuses to run a prepared statement whose result columns changed (a migration added one) since it was prepared. */
function isStaleResultType(err: unknown): boolean {
  const { code, message } = err as { code?: unknown; message?: unknown };
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type');
}

/**
 * The pool's client class (postgres-dialect.ts): a marked text with values runs as a named statement,
 * everything else as pg runs it. The name is derived from the text, so every connection of every
 * process names a statement alike, and one text always has one name on a connection.
 *
 * A migration that changes a prepared statement's tables while this process runs (a rolling deploy)
 * can make Postgres refuse the old statement for good ("cached plan must not change result type"): that
 * run fails, and the text is prepared again under a new name on its next run.
 */
export class PreparingClient extends pg.Client {
  private readonly names = new Map<string, string>();

  // pg's query() has a dozen overloads; Kysely calls only query(text, values) and awaits the promise.
  override query(...args: any[]): any {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && text.startsWith(PREPARED_MARK)) {
      return this.runPrepared(text, values);
    }
    return (super.query as (...a: unknown[]) => unknown)(...args);
  }

  private async runPrepared(text: string, values: unknown[]): Promise<pg.QueryResult> {
    let name = this.names.get(text);
    if (name === undefined) {
      name = `docsift_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
      this.names.set(text, name);
    }
    try {
      return await super.query({ name, text, values });
    } catch (err) {
      if (isStaleResultType(err)) this.names.set(text, `${name}_${Date.now().toString(36)}`);
      throw err;
    }
  }
}
