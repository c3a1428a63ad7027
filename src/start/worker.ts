import { warmUpPipeline } from '../extraction/pipeline.js';
import { createCore } from './core.js';
import { configFromEnv, createLogger, onShutdown } from './run.js';

/** `npm run worker`: processes queued documents without serving HTTP (scale workers apart from the API). */
const config = configFromEnv();
const logger = createLogger(config.logLevel);
const core = await createCore(config, { logger });
// The extraction pipeline's start-up (pdfjs's worker module, first-run compiles) is paid here,
// not by the first document (see warmUpPipeline).
await warmUpPipeline().catch((err) => logger.warn({ err }, 'pipeline warm-up failed; the first document pays its start-up'));
core.queue.start();
logger.info({ concurrency: config.workerConcurrency }, 'docsift worker is running');
onShutdown(logger, () => core.close());
