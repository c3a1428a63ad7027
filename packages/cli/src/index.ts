export { EXIT, EXIT_MEANINGS, NotAuthenticatedError, UsageError } from './cli-types.js';
export type { CliContext, CliIo, Command, CommandTable, ExitCode } from './cli-types.js';
export { remoteCommands } from './remote-commands.js';
export { runCli, nodeIo } from './run-cli.js';
export { Progress } from './progress.js';
export { evalCommand } from './eval-command.js';
