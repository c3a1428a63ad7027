import path from 'node:path';
import type { Config } from '../config.js';
import { AccountsService } from '../accounts/accounts-service.js';
import { DocumentProcessor, type RunPipeline } from '../documents/document-processor.js';
import type { DocumentListener } from '../documents/document-lifecycle.js';
import { ExtractionsService } from '../documents/extractions-service.js';
import { ExtractionBatches } from '../documents/batches.js';
import { ExportsService } from '../documents/exports/exports-service.js';
import { ReviewService } from '../documents/review/review-service.js';
import { FilesService } from '../documents/files-service.js';
import { processDocumentJob } from '../documents/jobs.js';
import { openDatabase } from '../internal/db/database.js';
import type { BlobStore } from '../internal/blobs/blob-store.js';
import { BlobStores } from '../internal/blobs/blob-stores.js';
import { FsBlobStore } from '../internal/blobs/fs-blob-store.js';
import { S3BlobStore } from '../internal/blobs/s3-blob-store.js';
import { isPostgres } from '../internal/db/row-locks.js';
import { JobRunner, type JobFinishedEvent } from '../internal/queue/job-runner.js';
import { createPostgresJobStore } from '../internal/queue/postgres-job-store.js';
import { createSqliteJobStore } from '../internal/queue/sqlite-job-store.js';
import type { JobQueue } from '../internal/queue/types.js';
import { createLogger, type Logger } from '../internal/logging/logger.js';
import { Metrics } from '../internal/metrics/metrics.js';
import { TemplatesService } from '../templates/templates-service.js';
import { IdempotencyKeys } from '../usage/idempotency-keys.js';
import { RateLimits } from '../usage/rate-limits.js';
import { UsageRecordWriter } from '../usage/usage-records.js';
import { UsageReport } from '../usage/usage-report.js';
import { createWebhooks, createWebhookSender, webhookJobDefinition } from '../webhooks/webhooks.js';
import { SelectingOcrEngine } from '../extraction/ocr/engine-selection.js';
import { createLlmSettings, llmCost } from '../llm/create-provider.js';
import { SigningKeyVault } from '../surfaces/extraly/signing-key-vault.js';
import { ExtralyWebhookListener } from '../surfaces/extraly/webhook-listener.js';
import { extralyScheme } from '../surfaces/extraly/webhook-scheme.js';
import { createExtendSurface } from '../surfaces/extend/extend-surface.js';
import { createEmbedSurface } from '../surfaces/embed/embed-surface.js';
import { createEvaluations } from '../evaluations/evaluations.js';
import { sweepOrphans } from '../documents/orphan-sweep.js';
import type { Core } from '../core.js';

export interface CreateCoreOptions {
  logger?: Logger;
  /** How old a blob without a row must be to be swept at start-up (default an hour). */
  orphanGraceMs?: number;
  /**
   * Benchmark only, never reachable through config or the API: bench/scale-node.ts replaces the
   * extraction pipeline with a stage that returns at once (so the database and the queue are the only
   * work) and can put back the old global transaction lock for comparison.
   */
  bench?: { pipeline?: RunPipeline; serializeTransactions?: boolean };
}

/** The composition root: builds every service once, with its dependencies passed in. */
export async function createCore(config: Config, options: CreateCoreOptions = {}): Promise<Core> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    serializeTransactions: options.bench?.serializeTransactions,
  });
  // S3 for deployments with more than one machine (every API and worker node reads the same bucket).
  // The s3 store exists whenever a bucket is configured and the fs store always, so files written before
  // an install switched DOCSIFT_BLOB_STORE stay readable: reads go to the store each file row names.
  const s3Blobs = config.s3.bucket ? new S3BlobStore({ bucket: config.s3.bucket, ...config.s3 }) : undefined;
  const fsBlobs = new FsBlobStore(path.join(config.dataDir, 'blobs'));
  const blobStores = config.blobStore === 's3' ? new BlobStores(s3Blobs!, [fsBlobs]) : new BlobStores(fsBlobs, s3Blobs ? [s3Blobs] : []);
  const blobs: BlobStore = blobStores.current;
  const metrics = new Metrics();
  const accounts = new AccountsService({ db, config });
  const templates = new TemplatesService({ db });
  const files = new FilesService({ db, blobs: blobStores });
  // OCR workers start on the first scanned page, not at boot, and are shared by every document.
  const ocr = new SelectingOcrEngine({ choice: config.ocrEngine, languages: config.ocrLanguages.split('+'), workers: config.ocrWorkers });
  // Reacts to finished documents inside their final transaction (webhooks, usage records).
  const listeners: DocumentListener[] = [];
  // The built-in engine extracts unless DOCSIFT_LLM_MODE (or an extraction's extraction_mode) asks
  // for an LLM; a document that used one records the model, its tokens and their cost.
  const llm = createLlmSettings(config.llm);
  listeners.push(new UsageRecordWriter({ engine: 'local', cost: (input, output) => llmCost(config.llm, input, output) }));
  const processor = new DocumentProcessor({
    db,
    blobs: blobStores,
    templates,
    logger,
    ocr,
    listeners,
    pipeline: options.bench?.pipeline,
    llm,
    maxPixels: config.maxPixels,
  });
  const webhookSender = createWebhookSender(db, config);
  // Jobs are rows of the `jobs` table in docsift's own database, whichever it is: the same runner leases
  // them, with the statement each database needs (internal/queue/*-job-store.ts).
  const queue: JobQueue = new JobRunner({
    store: isPostgres(db) ? createPostgresJobStore(db, { connectionString: config.databaseUrl }) : createSqliteJobStore(db),
    definitions: [processDocumentJob(processor), webhookJobDefinition(webhookSender, config)],
    concurrency: config.workerConcurrency,
    leaseMs: config.jobLeaseMs,
    logger,
    onJobFinished: (e: JobFinishedEvent) => metrics.jobDuration.observe({ name: e.name, outcome: e.outcome }, e.durationMs / 1000),
  });
  const extractions = new ExtractionsService({
    db,
    queue,
    files,
    templates,
    network: { allowPrivateNetwork: config.allowPrivateNetwork, maxUploadBytes: config.maxUploadBytes },
    llmConfigured: llm.provider !== null,
  });
  const rateLimits = new RateLimits({ db, perHour: config.rateLimitPerHour, submitPerMinute: config.submitLimitPerMinute });
  const idempotency = new IdempotencyKeys({ db });
  const usage = new UsageReport({ db });
  const webhooks = createWebhooks({ db, queue, sender: webhookSender, config });
  listeners.push(webhooks.listener);
  // Extraly's own callbacks: its payload, X-Extraly-Signature keyed by the submitting API key.
  const extralySigningKeys = new SigningKeyVault({ dataDir: config.dataDir });
  webhookSender.registerScheme(extralyScheme(extralySigningKeys));
  listeners.push(new ExtralyWebhookListener({ deliveries: webhooks.deliveries, vault: extralySigningKeys }));
  // Extend's endpoints: extract_run.* events signed with x-extend-request-signature (registers its scheme).
  const extend = createExtendSurface({ batches: new ExtractionBatches({ db }), config, extractions, files, templates, webhooks });
  listeners.push(extend.listener);
  // Embed webhooks: extraction.completed|failed, signed like native deliveries.
  const embed = createEmbedSurface({ config, extractions, files, templates, webhooks });
  listeners.push(embed.listener);
  // Not awaited: start-up does not wait on a walk of the blob store; tests and logs can read the result.
  const startupSweep = sweepOrphans({ db, store: fsBlobs, spoolDir: path.join(config.dataDir, 'uploads'), graceMs: options.orphanGraceMs, logger }).catch((err) => {
    logger.warn({ err }, 'the start-up sweep of orphaned blobs failed');
    return { tempFiles: 0, orphanBlobs: 0 };
  });
  const exports = new ExportsService({ extractions });
  const review = new ReviewService({ db, extractions, templates });
  const evaluations = createEvaluations({ db, files, templates, extractions, webhooks });
  listeners.push(evaluations.listener);
  return {
    config,
    logger,
    db,
    blobs,
    blobStores,
    queue,
    metrics,
    accounts,
    templates,
    files,
    extractions,
    rateLimits,
    idempotency,
    usage,
    webhooks,
    exports,
    review,
    extralySigningKeys,
    extend,
    embed,
    evaluations,
    startupSweep,
    close: async () => {
      await startupSweep;
      await queue.stop({ graceMs: 10_000 });
      await ocr.close();
      await accounts.close();
      await db.destroy();
      s3Blobs?.close();
    },
  };
}
