/**
 * Exit codes of `docsift` (README "Command line"):
 *   0 ok · 1 usage error (bad arguments, missing DOCSIFT_API_KEY, unreadable input file)
 *   2 API error (the server answered an error) · 3 one or more documents failed · 4 network error
 */
export const EXIT = { OK: 0, USAGE: 1, API: 2, DOCUMENTS_FAILED: 3, NETWORK: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

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

/** Thrown for bad arguments; the dispatcher prints the message and the command's usage, exit 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}
