/** Socket errors that mean the database server can't be reached right now. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/**
 * SQLSTATEs a restarting or overloaded Postgres answers with: class 08 (connection exceptions), 57P01
 * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (still starting up), 53300 too many
 * connections.
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300)$/;
/** What pg and pg-pool throw when a connection ends under a query or can't be opened in time. */
const UNAVAILABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * True when an error means the database is unavailable (down, restarting, unreachable), as opposed to a
 * bad query or bad data: such a request is answered 503 (try again), and nothing about it is the client's
 * fault. The socket codes are not Postgres-only (the S3 client raises them too); either way the answer is
 * 503. Walks `cause` and AggregateError's `errors` (Node reports a refused dual-stack connect that way).
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || UNAVAILABLE_SQLSTATES.test(e.code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
