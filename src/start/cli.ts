import { EXIT, evalCommand, nodeIo, remoteCommands, runCli, type Command, type CommandTable } from '../../packages/cli/src/index.js';
import { admin } from './admin-command.js';

/**
 * `docsift extract`: the local pipeline, offline (no server). Loaded lazily so the remote commands
 * don't pay for the PDF/OCR modules. Its own codes are mapped onto the CLI's: 2 (bad arguments) → 1,
 * 1 (some file failed) → 3.
 */
const extract: Command = {
  summary: 'extract files locally without a server, with the built-in pipeline (and DOCSIFT_LLM_* with --mode llm or hybrid); prints JSON',
  usage: 'docsift extract <files...> [--type auto|invoice|receipt|bank_statement] [--schema schema.json] [--pages 1-3] [--out DIR] [--mode local|llm|hybrid]',
  async run({ argv, io }) {
    const { runExtractCommand } = await import('../extraction/cli/extract-command.js');
    const { SelectingOcrEngine } = await import('../extraction/ocr/engine-selection.js');
    // An LLM (DOCSIFT_LLM_*) only when one is configured; the built-in pipeline needs none.
    const { loadConfig, ConfigError } = await import('../config.js');
    const { createLlmSettings } = await import('../llm/create-provider.js');
    let config;
    try {
      config = loadConfig(process.env);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      io.stderr(`docsift extract: ${err.message}`);
      return EXIT.USAGE;
    }
    // OCR workers start on the first scanned page, so building the engine costs nothing until then.
    const ocr = new SelectingOcrEngine({ choice: config.ocrEngine, languages: config.ocrLanguages.split('+'), workers: config.ocrWorkers });
    let code: number;
    try {
      code = await runExtractCommand(argv, { stdout: io.stdout, stderr: io.stderr }, { llm: createLlmSettings(config.llm), ocr });
    } finally {
      await ocr.close();
    }
    return code === 0 ? EXIT.OK : code === 2 ? EXIT.USAGE : EXIT.DOCUMENTS_FAILED;
  },
};

/**
 * The server's roles, for running API and worker nodes apart (docs/deploy.md). They start the same
 * modules as `npm start` / `npm run worker` and never resolve: the process ends on SIGTERM/SIGINT.
 * `serve` is the API alone (DOCSIFT_WORKER_CONCURRENCY=0): submitted documents wait for a worker.
 */
const runForever = () => new Promise<number>(() => {});
const start: Command = {
  summary: 'run the API and the workers in one process (the default deployment)',
  usage: 'docsift start',
  async run() {
    await import('./server.js');
    return runForever();
  },
};
const serve: Command = {
  summary: 'run the HTTP API only; documents are processed by `docsift worker` processes',
  usage: 'docsift serve',
  async run() {
    process.env.DOCSIFT_WORKER_CONCURRENCY = '0';
    await import('./server.js');
    return runForever();
  },
};
const worker: Command = {
  summary: 'run workers only (DOCSIFT_WORKER_CONCURRENCY jobs at once), no HTTP',
  usage: 'docsift worker',
  async run() {
    await import('./worker.js');
    return runForever();
  },
};

/**
 * Every `docsift` subcommand, by name. Add an entry here for a new one (e.g. `serve`, `worker`:
 * a Command whose run() starts the server or the worker and resolves when it stops).
 */
export const commands: CommandTable = {
  extract,
  start,
  serve,
  worker,
  admin,
  ...remoteCommands,
  eval: evalCommand,
};

// The one place the CLI reads process.env and the process streams.
process.exitCode = await runCli(process.argv.slice(2), { commands, env: process.env, io: nodeIo() });
