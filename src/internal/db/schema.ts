import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EvaluationItemsTable, EvaluationResultsTable, EvaluationRunsTable, EvaluationSetsTable } from './evaluation-tables.js';

/**
 * Table types for Kysely. Portable across SQLite and Postgres: timestamps are ISO-8601 text (they sort
 * as text), booleans are 0/1 integers and structured values are JSON text, so domain code never sees a
 * dialect difference.
 */
export interface Database {
  tenants: TenantsTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  access_tokens: AccessTokensTable;
  templates: TemplatesTable;
  template_versions: TemplateVersionsTable;
  files: FilesTable;
  extractions: ExtractionsTable;
  documents: DocumentsTable;
  jobs: JobsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  rate_limit_windows: RateLimitWindowsTable;
  auth_failures: AuthFailuresTable;
  idempotency_keys: IdempotencyKeysTable;
  credit_charges: CreditChargesTable;
  usage_records: UsageRecordsTable;
  usage_record_tags: UsageRecordTagsTable;
  extraction_batches: ExtractionBatchesTable;
  evaluation_sets: EvaluationSetsTable;
  evaluation_items: EvaluationItemsTable;
  evaluation_runs: EvaluationRunsTable;
  evaluation_results: EvaluationResultsTable;
}

export interface TenantsTable {
  id: string;
  name: string;
  credits_balance: number | null;
  webhook_secret: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  email: string;
  name: string | null;
  role: 'owner' | 'admin' | 'member';
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  user_id: string | null;
  name: string;
  prefix: string;
  key_hash: string;
  active: number;
  expires_at: string | null;
  allowed_domains: string;
  usage_count: Generated<number>;
  last_used_at: string | null;
  created_at: string;
  /** Migration 0012: the host app named at onboarding (embed `appName`), or null. */
  app_name: string | null;
}

export interface AccessTokensTable {
  id: string;
  tenant_id: string;
  user_id: string;
  api_key_id: string;
  token_hash: string;
  expires_at: string;
  created_at: string;
}

export interface TemplatesTable {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  document_type: string | null;
  /** JSON: the draft definition ({fields} or {schema}). */
  draft: string;
  latest_version: number | null;
  created_at: string;
  updated_at: string;
  /** Migration 0014: 1 when documents submitted without a template may be matched to this one. */
  auto_match: ColumnType<number, number | undefined, number>;
}

export interface TemplateVersionsTable {
  id: string;
  tenant_id: string;
  template_id: string;
  version: number;
  /** JSON: the frozen definition. */
  definition: string;
  description: string | null;
  /** Release label major.minor (migration 0003); `version` is the sequence runs pin. */
  major: number;
  minor: number;
  document_type: string | null;
  created_at: string;
}

export interface FilesTable {
  id: string;
  tenant_id: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  blob_store: string;
  blob_key: string;
  pages: number | null;
  /**
   * 'upload': POST /v1/files, lives on its own; 'extraction': sent with an extraction, deleted with it;
   * 'evaluation': an evaluation item's own copy, deleted with the item.
   */
  origin: 'upload' | 'extraction' | 'evaluation';
  created_at: string;
  /** Migration 0012: a description given at upload, the surface it came through, the client app's name. */
  description: string | null;
  source: string | null;
  app_name: string | null;
}

export interface ExtractionsTable {
  id: string;
  tenant_id: string;
  status: 'queued' | 'processing' | 'completed' | 'failed' | 'partial' | 'cancelled';
  template_id: string | null;
  template_version: number | null;
  detection_type: string;
  /** JSON array of field names or field definitions, or null. */
  custom_fields: string | null;
  /** JSON object. */
  metadata: string;
  webhook_url: string | null;
  page_ranges: string | null;
  priority: number;
  /** 'local' | 'llm' | 'hybrid', or null to follow DOCSIFT_LLM_MODE (migration 0010). */
  extraction_mode: ColumnType<string | null, string | null | undefined, string | null>;
  api_key_id: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  /** Migration 0012: the batch it was submitted in (extraction_batches), or null. */
  batch_id: string | null;
}

/** Extractions submitted together in one request (migration 0012); the status derives from them. */
export interface ExtractionBatchesTable {
  id: string;
  tenant_id: string;
  run_count: number;
  /** Set once, by the transaction that finishes the batch's last extraction. */
  finished_at: string | null;
  created_at: string;
}

export interface DocumentsTable {
  id: string;
  tenant_id: string;
  extraction_id: string;
  file_id: string;
  filename: string;
  position: number;
  status: 'queued' | 'processing' | 'completed' | 'failed' | 'cancelled';
  stage: 'parsing' | 'classifying' | 'extracting' | null;
  pages: number | null;
  document_type: string | null;
  document_type_confidence: number | null;
  /** JSON: the document's result (data, fields, warnings, ...). */
  result: string | null;
  error_code: string | null;
  error_message: string | null;
  /** Why the document could not be read (FILE_ENCRYPTED, FILE_CORRUPT, ...): the engine's `details.reason`. */
  error_reason: string | null;
  /** Migration 0014: the template a document submitted without one was matched to, and how sure. */
  matched_template_id: ColumnType<string | null, string | null | undefined, string | null>;
  template_match_confidence: ColumnType<number | null, number | null | undefined, number | null>;
  attempts: number;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
}

export interface JobsTable {
  id: string;
  name: string;
  /** JSON payload, validated against the job definition's schema when handled. */
  payload: string;
  state: 'queued' | 'active' | 'completed' | 'dead' | 'cancelled';
  priority: number;
  attempts: number;
  max_attempts: number;
  run_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  /** Groups the jobs of one entity (e.g. a document id) so they can be cancelled together. */
  group_key: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** The current fixed window of one limit of one API key (migration 0006). */
/** Failed authentications of one client address or key prefix in its current one-minute window. */
export interface AuthFailuresTable {
  /** `ip:<address>` or `prefix:<first characters of the presented secret>`. */
  subject: string;
  /** Unix seconds of the window's first failure. */
  window_start: number;
  count: number;
}

export interface RateLimitWindowsTable {
  api_key_id: string;
  /** Which limit: 'hour' (every request) or 'submit' (per minute, submit routes). */
  bucket: string;
  /** Unix seconds at which the window started (an integer key, not a display timestamp). */
  window_start: number;
  count: number;
}

/** A request made with an Idempotency-Key: reserved while it runs, then its response for replays. */
export interface IdempotencyKeysTable {
  tenant_id: string;
  api_key_id: string;
  idempotency_key: string;
  /** sha256 of method, URL and body. */
  request_hash: string;
  state: 'pending' | 'completed';
  /** Identifies the request that holds a pending key, so only it can complete or release it. */
  lock_token: string;
  /** A pending key whose holder died can be taken over after this. */
  locked_until: string;
  status_code: number | null;
  /** JSON object of the response headers replayed (content-type, location). */
  response_headers: string | null;
  response_body: string | null;
  created_at: string;
  expires_at: string;
}

/** Credits charged for one document at submit (1 page = 1 credit), whether or not the balance is limited. */
export interface CreditChargesTable {
  document_id: string;
  tenant_id: string;
  extraction_id: string;
  pages: number;
  credits: number;
  /** Credits given back when the document failed before any page was read (migration 0014). */
  refunded_credits: ColumnType<number, number | undefined, number>;
  created_at: string;
}

/** One finished document (completed or failed), for GET /v1/usage. */
export interface UsageRecordsTable {
  id: string;
  tenant_id: string;
  extraction_id: string;
  document_id: string;
  api_key_id: string | null;
  status: 'completed' | 'failed';
  pages: number;
  credits: number;
  duration_ms: number | null;
  engine: string;
  /** Tokens and cost of the document's LLM calls; null when no LLM was called (migration 0010). */
  llm_input_tokens: ColumnType<number | null, number | null | undefined, number | null>;
  llm_output_tokens: ColumnType<number | null, number | null | undefined, number | null>;
  llm_cost: ColumnType<number | null, number | null | undefined, number | null>;
  parser_id: string | null;
  parser_version: number | null;
  /** Credits refunded for this document (it failed before a page was read); `credits` is then 0 (migration 0014). */
  refunded_credits: ColumnType<number, number | undefined, number>;
  /** JSON array of the usage tags. */
  tags: string;
  created_at: string;
}

/** A usage record's tags, one row each, so usage can be grouped by tag with a join. */
export interface UsageRecordTagsTable {
  usage_record_id: string;
  tenant_id: string;
  tag: string;
  created_at: string;
}

/** A tenant's webhook subscription (migration 0004). */
export interface WebhooksTable {
  id: string;
  tenant_id: string;
  /** Whose payloads it receives: 'native' or another surface's name. */
  surface: string;
  name: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  scope: 'all' | 'selected';
  /** JSON array of template (parser) ids; used when scope is 'selected'. */
  template_ids: string;
  active: number;
  secret: string;
  /** After a rotation with overlap, the old secret still signs until it expires. */
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One event sent to one target; retried by its queue job, every attempt in webhook_attempts. */
export interface WebhookDeliveriesTable {
  id: string;
  tenant_id: string;
  webhook_id: string | null;
  event_id: string;
  event_type: string;
  extraction_id: string | null;
  document_id: string | null;
  url: string;
  /** JSON object of fixed headers (content-type, surface headers). */
  headers: string;
  /** The exact body sent on every attempt. */
  body: string;
  /** JSON: {scheme, secret: {kind: 'subscription' | 'tenant' | 'literal', ...}}. */
  signing: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempt_count: number;
  max_attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  redelivery_of: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface WebhookAttemptsTable {
  delivery_id: string;
  attempt: number;
  tenant_id: string;
  url: string;
  started_at: string;
  latency_ms: number;
  status_code: number | null;
  response_excerpt: string | null;
  error: string | null;
  succeeded: number;
}

export type Tenant = Selectable<TenantsTable>;
export type User = Selectable<UsersTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type TemplateRow = Selectable<TemplatesTable>;
export type TemplateVersionRow = Selectable<TemplateVersionsTable>;
export type FileRow = Selectable<FilesTable>;
export type ExtractionBatchRow = Selectable<ExtractionBatchesTable>;
export type ExtractionRow = Selectable<ExtractionsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type JobRow = Selectable<JobsTable>;
export type UsageRecordRow = Selectable<UsageRecordsTable>;
export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;
export type NewJob = Insertable<JobsTable>;
export type WebhookRow = Selectable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;
export type DocumentUpdate = Updateable<DocumentsTable>;
