import { DocsiftApiError, DocsiftError, DocsiftNetworkError, DocsiftPollTimeoutError } from '../../client/src/index.js';
import { EXIT, EXIT_MEANINGS, NotAuthenticatedError, UsageError, type CliIo, type CommandTable, type ExitCode } from './cli-types.js';
import { GLOBAL_USAGE } from './remote-commands.js';

const EXIT_CODES_HELP = ['Exit codes:', ...Object.entries(EXIT_MEANINGS).map(([code, meaning]) => `  ${code}  ${meaning}`)].join('\n');

/** The exit code for an error the server answered: 401/403 and 404 get their own, the rest are 2. */
function apiExitCode(status: number): ExitCode {
  if (status === 401 || status === 403) return EXIT.NOT_AUTHENTICATED;
  if (status === 404) return EXIT.NOT_FOUND;
  return EXIT.API;
}

function help(commands: CommandTable): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    'usage: docsift <command> [arguments] [--json]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'docsift <command> --help' for a command's options.",
    GLOBAL_USAGE,
    EXIT_CODES_HELP,
  ].join('\n');
}

/**
 * Dispatches `docsift <command> …` through a table of commands and turns failures into exit codes
 * (EXIT_MEANINGS): 1 usage, 2 API error (the server's code and message on stderr), 3 documents failed
 * (the command's own answer), 4 network error (no answer, or polling gave up), 5 not authenticated,
 * 6 not found.
 */
export async function runCli(argv: string[], options: { commands: CommandTable; env: Record<string, string | undefined>; io: CliIo }): Promise<number> {
  const { commands, io } = options;
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const target = name === 'help' && rest[0] ? commands[rest[0]] : undefined;
    io.stdout(target ? target.usage : help(commands));
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`docsift: unknown command "${name}"\n\n${help(commands)}`);
    return EXIT.USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`usage: ${command.usage}\n${GLOBAL_USAGE}\n${EXIT_CODES_HELP}`);
    return EXIT.OK;
  }
  try {
    return await command.run({ argv: rest, env: options.env, io });
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`docsift ${name}: ${err.message}\nusage: ${command.usage}`);
      return EXIT.USAGE;
    }
    if (err instanceof NotAuthenticatedError) {
      io.stderr(`docsift ${name}: ${err.message}`);
      return EXIT.NOT_AUTHENTICATED;
    }
    if (err instanceof DocsiftApiError) {
      const details = err.details && typeof err.details === 'object' && Object.keys(err.details).length ? ` ${JSON.stringify(err.details)}` : '';
      io.stderr(`docsift ${name}: ${err.code} (HTTP ${err.status}): ${err.message.replace(/ \(HTTP \d+ .*\)$/, '')}${details}`);
      return apiExitCode(err.status);
    }
    if (err instanceof DocsiftNetworkError || err instanceof DocsiftPollTimeoutError) {
      io.stderr(`docsift ${name}: ${err.message}`);
      return EXIT.NETWORK;
    }
    if (err instanceof DocsiftError) {
      io.stderr(`docsift ${name}: ${err.message}`);
      return EXIT.API;
    }
    io.stderr(`docsift ${name}: ${(err as Error)?.stack ?? String(err)}`);
    return EXIT.USAGE;
  }
}

/** The process's own streams as a CliIo. */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    writeBytes: (bytes) => process.stdout.write(bytes),
    writeErr: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
  };
}
