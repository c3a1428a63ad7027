import { warmUpPipeline } from '../extraction/pipeline.js';
import { buildApp } from '../http/app.js';
import { createCore } from './core.js';
import { configFromEnv, createLogger, onShutdown } from './run.js';

/** `npm start`: the HTTP API and, unless DOCSIFT_WORKER_CONCURRENCY=0, the workers in one process. */
const config = configFromEnv();
const logger = createLogger(config.logLevel);
const core = await createCore(config, { logger });

const boot = await core.accounts.bootstrapIfEmpty();
if (boot) {
  // Printed once, on the first start with an empty database: the key is stored only as a hash.
  process.stdout.write(
    [
      '',
      '  docsift: first start, created a tenant and an owner API key.',
      `  tenant: ${boot.tenant.id}   user: ${boot.user.email}`,
      `  API key (shown only now, keep it): ${boot.apiKey}`,
      '',
      '',
    ].join('\n'),
  );
}

const app = await buildApp(core);
// The extraction pipeline's start-up (pdfjs's worker module, first-run compiles) is paid before
// listening, not by the first submit or document (see warmUpPipeline).
await warmUpPipeline().catch((err) => logger.warn({ err }, 'pipeline warm-up failed; the first document pays its start-up'));
const address = await app.listen({ host: config.host, port: config.port });
if (config.workerConcurrency > 0) core.queue.start();
logger.info({ url: address, workers: config.workerConcurrency, dataDir: config.dataDir }, 'docsift is ready');
// Always printed, whatever the log level: people and scripts look for it.
process.stdout.write(`docsift listening on ${address}\n`);

onShutdown(logger, async () => {
  await app.close();
  await core.close();
});
