import readline from 'node:readline';
import type { RunPipeline } from '../src/documents/document-processor.js';
import { runPipeline, warmUpPipeline } from '../src/extraction/pipeline.js';
import { makePdf, sampleInvoiceLines } from '../test/helpers/make-pdf.js';
import { buildApp } from '../src/http/app.js';
import { createCore } from '../src/start/core.js';
import { configFromEnv, createLogger, onShutdown } from '../src/start/run.js';

/**
 * One docsift process for bench:scale, built like src/start/server.ts or worker.ts but through the
 * composition root's bench-only options, which no configuration or API request can reach:
 *
 *   node --import tsx bench/scale-node.ts api|worker [--noop] [--global-lock] [--prime=N]
 *
 * --noop       the extraction pipeline is a stage that returns a fixed empty result at once, so the
 *              database and the queue are the only work a document costs
 * --global-lock every transaction takes the one advisory lock docsift used before (the baseline)
 * --prime=N    a worker runs the real pipeline N times on bench:scale's PDF before it says ready, so
 *              its JIT has compiled the pipeline (a fresh process's first ~40 documents cost 2-3 times
 *              the CPU of later ones): the timed documents then show the steady state
 *
 * A worker prints "bench worker ready" once built and starts taking jobs only when a line "go" arrives
 * on its standard input, so all workers of a run start together and their start-up is not timed.
 */
const [role, ...flags] = process.argv.slice(2);
if (role !== 'api' && role !== 'worker') throw new Error('usage: scale-node.ts api|worker [--noop] [--global-lock]');
const noop = flags.includes('--noop');

/** What the no-op stage answers for every document: one page, nothing found. */
const noopPipeline: RunPipeline = async () => ({
  pages: 1,
  document_type: null,
  document_type_confidence: null,
  template_match: null,
  data: {},
  fields: {},
  warnings: [],
  text: '',
});

const config = configFromEnv();
const logger = createLogger(config.logLevel);
const core = await createCore(config, {
  logger,
  bench: { pipeline: noop ? noopPipeline : undefined, serializeTransactions: flags.includes('--global-lock') },
});
if (!noop) await warmUpPipeline().catch((err) => logger.warn({ err }, 'pipeline warm-up failed'));
const prime = Number(/^--prime=(\d+)$/.exec(flags.find((f) => f.startsWith('--prime=')) ?? '')?.[1] ?? 0);
if (role === 'worker' && !noop && prime > 0) {
  const bytes = await makePdf([sampleInvoiceLines()]);
  for (let i = 0; i < prime; i++) await runPipeline({ bytes, mediaType: 'application/pdf', filename: 'invoice.pdf' });
}

if (role === 'api') {
  const boot = await core.accounts.bootstrapIfEmpty();
  if (boot) process.stdout.write(`API key (shown only now, keep it): ${boot.apiKey}\n`);
  const app = await buildApp(core);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`docsift listening on ${address}\n`);
  onShutdown(logger, async () => {
    await app.close();
    await core.close();
  });
} else {
  process.stdout.write('bench worker ready\n');
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === 'go') core.queue.start();
  });
  onShutdown(logger, () => core.close());
}
