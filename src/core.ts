import type { Config } from './config.js';
import type { AccountsService } from './accounts/accounts-service.js';
import type { ExtractionsService } from './documents/extractions-service.js';
import type { ExportsService } from './documents/exports/exports-service.js';
import type { FilesService } from './documents/files-service.js';
import type { SweepResult } from './documents/orphan-sweep.js';
import type { ReviewService } from './documents/review/review-service.js';
import type { Evaluations } from './evaluations/evaluations.js';
import type { BlobStore } from './internal/blobs/blob-store.js';
import type { BlobStores } from './internal/blobs/blob-stores.js';
import type { Db } from './internal/db/database.js';
import type { Logger } from './internal/logging/logger.js';
import type { Metrics } from './internal/metrics/metrics.js';
import type { JobQueue } from './internal/queue/types.js';
import type { EmbedSurface } from './surfaces/embed/embed-surface.js';
import type { ExtendSurface } from './surfaces/extend/extend-surface.js';
import type { SigningKeyVault } from './surfaces/extraly/signing-key-vault.js';
import type { TemplatesService } from './templates/templates-service.js';
import type { IdempotencyKeys } from './usage/idempotency-keys.js';
import type { RateLimits } from './usage/rate-limits.js';
import type { UsageReport } from './usage/usage-report.js';
import type { Webhooks } from './webhooks/webhooks.js';

/**
 * Everything the HTTP surfaces and the worker share: one database, one blob store, one queue. It is
 * built once by the composition root (start/core.ts); its shape lives here, apart from that function,
 * so the routes that take a Core depend on these types only, never on the entry points or on every
 * module the composition root wires together.
 */
export interface Core {
  config: Config;
  logger: Logger;
  db: Db;
  /** Where new blobs go (DOCSIFT_BLOB_STORE). */
  blobs: BlobStore;
  /** Every configured store by kind: reads follow each file row's blob_store. */
  blobStores: BlobStores;
  queue: JobQueue;
  metrics: Metrics;
  accounts: AccountsService;
  templates: TemplatesService;
  files: FilesService;
  extractions: ExtractionsService;
  rateLimits: RateLimits;
  idempotency: IdempotencyKeys;
  usage: UsageReport;
  webhooks: Webhooks;
  exports: ExportsService;
  review: ReviewService;
  /** Seals the API key an Extraly document was submitted with, to sign its webhook later. */
  extralySigningKeys: SigningKeyVault;
  /** The Extend surface's adapters (extract runs, extractors, webhook endpoints). */
  extend: ExtendSurface;
  /** The Extractor embed surface's adapters (extractions, files, webhooks). */
  embed: EmbedSurface;
  /** Evaluation sets and their runs (src/evaluations/). */
  evaluations: Evaluations;
  /** The start-up sweep of temp files and blobs without rows (orphan-sweep.ts), running in the background. */
  startupSweep: Promise<SweepResult>;
  close(): Promise<void>;
}
