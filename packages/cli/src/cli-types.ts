/**
 * Exit codes of `docsift` (README "Command line"), so a script can tell a missing thing (6) from a
 * missing or refused key (5) and from other server errors (2).
 */
export const EXIT = { OK: 0, USAGE: 1, API: 2, DOCUMENTS_FAILED: 3, NETWORK: 4, NOT_AUTHENTICATED: 5, NOT_FOUND: 6 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What each exit code means, as `docsift --help` lists them. */
export const EXIT_MEANINGS: Record<ExitCode, string> = {
  0: 'ok',
  1: 'usage error (bad arguments, an input file that cannot be read)',
  2: 'API error (the server answered another error)',
  3: 'one or more documents failed',
  4: 'network error (no answer, or --wait timed out)',
  5: 'not authenticated (no API key, or the server refused it: HTTP 401/403)',
  6: 'not found (HTTP 404: no such extraction, document, parser, key or webhook)',
};

export interface CliIo {
  /** One line (or block) of text on stdout; a newline is added. */
  stdout(text: string): void;
  /** One line on stderr; a newline is added. */
  stderr(text: string): void;
  /** Raw bytes on stdout (exports). */
  writeBytes(bytes: Uint8Array): void;
  /** Raw text on stderr without a newline (progress bar redraws). */
  writeErr(text: string): void;
  /** stderr is a terminal: draw a progress bar instead of plain lines. */
  stderrIsTTY: boolean;
  /** stdout is a terminal. */
  stdoutIsTTY: boolean;
}

export interface CliContext {
  /** The arguments after the command name. */
  argv: string[];
  env: Record<string, string | undefined>;
  io: CliIo;
}

/** One `docsift <name>` subcommand. The dispatcher is a table of these, so others can add entries (serve, worker). */
export interface Command {
  summary: string;
  usage: string;
  run(ctx: CliContext): Promise<number>;
}

export type CommandTable = Record<string, Command>;

/** No API key to send: the dispatcher prints the message, exit 5 (as when the server refuses a key). */
export class NotAuthenticatedError extends Error {
  override name = 'NotAuthenticatedError';
}

/** Thrown for bad arguments; the dispatcher prints the message and the command's usage, exit 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}
