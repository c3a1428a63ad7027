import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { removeSpooledFiles } from './multipart.js';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../core.js';
import type { App } from './app-type.js';
import { installErrorHandler, type ErrorFormatter } from './plugins/errors.js';
import { registerMetricsHooks } from './plugins/metrics.js';
import { registerRequestLog } from './plugins/request-log.js';
import { registerOpsRoutes } from './routes/ops/index.js';
import { registerNativeApi } from './routes/native/index.js';
import { EXTEND_PREFIXES, registerExtendApi } from './routes/extend/index.js';
import { extendErrorBody } from '../surfaces/extend/extend-errors.js';
import { EMBED_PREFIX, registerEmbedApi } from './routes/embed/index.js';
import { embedErrorBody } from '../surfaces/embed/embed-errors.js';
import { registerExtralyApi } from './routes/extraly/index.js';
import { registerAnyformatApi } from './routes/anyformat/index.js';
import { anyformatErrorBody } from '../surfaces/anyformat/error-body.js';
import { registerUiRoutes } from './routes/ui/index.js';

export interface BuildAppOptions {
  /** false silences request logs (tests); otherwise the core's pino logger. */
  logger?: boolean;
}

/** Error body shapes of surfaces that differ from the native one, by URL prefix. */
const errorFormatters: Array<{ prefix: string; format: ErrorFormatter }> = [
  ...EXTEND_PREFIXES.map((prefix) => ({ prefix, format: extendErrorBody })),
  { prefix: EMBED_PREFIX, format: embedErrorBody },
  // Extraly (/api/v1/...) answers the native {"error": {code, message, details}} shape: no formatter.
  ...['/workflows/', '/jobs/', '/schema/'].map((prefix) => ({ prefix, format: anyformatErrorBody })),
];

/** Builds the HTTP app over an already-composed core. Tests drive it with `app.inject()`. */
export async function buildApp(core: Core, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    // One logger for the app and the core, so request ids, redaction and level are shared.
    ...(options.logger === false ? { logger: false } : { loggerInstance: core.logger as FastifyBaseLogger }),
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    // JSON bodies carry ids, text and metadata; files come through multipart.
    bodyLimit: Math.max(core.config.maxUploadBytes, 1024 * 1024),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    trustProxy: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandler(app, errorFormatters);
  // Per-request hooks take Fastify's callback form: an async hook costs a promise and a tick on every
  // request, which a status poll (the hottest route) pays several times over.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  registerMetricsHooks(app, core.metrics);
  registerRequestLog(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'docsift API',
        description: 'Self-hosted document extraction: invoices, receipts, bank statements and custom schemas.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          bearer: { type: 'http', scheme: 'bearer' },
          setupKey: { type: 'apiKey', in: 'header', name: 'X-Setup-Key' },
        },
      },
      security: [{ apiKey: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null }, staticCSP: true });
  const spoolDir = path.join(core.config.dataDir, 'uploads');
  fs.mkdirSync(spoolDir, { recursive: true, mode: 0o700 });
  app.decorate('uploadLimits', { perFile: core.config.maxUploadBytes, perRequest: core.config.maxRequestBytes, spoolDir });
  // Multipart parts are spooled to temp files while a request runs; they go before its response is sent
  // (the handler is done with them), or when the request ends otherwise.
  app.addHook('onSend', async (request, _reply, payload) => {
    await removeSpooledFiles(request);
    return payload;
  });
  app.addHook('onResponse', async (request) => removeSpooledFiles(request));
  app.addHook('onRequestAbort', async (request) => removeSpooledFiles(request));
  await app.register(multipart, {
    limits: { fileSize: core.config.maxUploadBytes, files: 100, fields: 100, fieldSize: 1024 * 1024, parts: 200 },
  });

  registerOpsRoutes(app, core);
  await app.register(async (scope) => registerNativeApi(scope as App, core), { prefix: '/v1' });
  await app.register(async (scope) => registerExtendApi(scope as App, core));
  await app.register(async (scope) => registerEmbedApi(scope as App, core), { prefix: EMBED_PREFIX });
  await app.register(async (scope) => registerExtralyApi(scope as App, core), { prefix: '/api/v1' });
  await app.register(async (scope) => registerAnyformatApi(scope as App, core));
  await app.register(async (scope) => registerUiRoutes(scope as App, core));
  return app;
}
