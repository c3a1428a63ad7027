import { createCore } from './core.js';
import { configFromEnv, createLogger, onShutdown } from './run.js';

/** `npm run worker`: processes queued documents without serving HTTP (scale workers apart from the API). */
const config = configFromEnv();
const logger = createLogger(config.logLevel);
const core = await createCore(config, { logger });
core.queue.start();
logger.info({ concurrency: config.workerConcurrency }, 'docsift worker is running');
onShutdown(logger, () => core.close());
