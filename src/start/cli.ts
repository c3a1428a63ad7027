import { EXIT, nodeIo, remoteCommands, runCli, type Command, type CommandTable } from '../../packages/cli/src/index.js';

/**
 * `docsift extract`: the local pipeline, offline (no server). Loaded lazily so the remote commands
 * don't pay for the PDF/OCR modules. Its own codes are mapped onto the CLI's: 2 (bad arguments) → 1,
 * 1 (some file failed) → 3.
 */
const extract: Command = {
  summary: 'extract files locally and offline with the built-in pipeline (prints JSON)',
  usage: 'docsift extract <files...> [--type auto|invoice|receipt|bank_statement] [--schema schema.json] [--pages 1-3] [--out DIR]',
  async run({ argv, io }) {
    const { runExtractCommand } = await import('../extraction/cli/extract-command.js');
    const code = await runExtractCommand(argv, { stdout: io.stdout, stderr: io.stderr });
    return code === 0 ? EXIT.OK : code === 2 ? EXIT.USAGE : EXIT.DOCUMENTS_FAILED;
  },
};

/**
 * Every `docsift` subcommand, by name. Add an entry here for a new one (e.g. `serve`, `worker`:
 * a Command whose run() starts the server or the worker and resolves when it stops).
 */
export const commands: CommandTable = {
  extract,
  ...remoteCommands,
};

// The one place the CLI reads process.env and the process streams.
process.exitCode = await runCli(process.argv.slice(2), { commands, env: process.env, io: nodeIo() });
