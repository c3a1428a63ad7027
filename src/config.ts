import os from 'node:os';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import Value from 'typebox/value';

/** The environment variables docsift reads (docs/product.md, "Configuration"), validated once at start-up. */
const EnvSchema = Type.Object({
  DOCSIFT_HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  DOCSIFT_PORT: Type.Integer({ default: 8080, minimum: 0, maximum: 65535 }),
  DOCSIFT_DATA_DIR: Type.String({ default: './data', minLength: 1 }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(postgres|postgresql)://' })),
  DOCSIFT_BLOB_STORE: Type.Union([Type.Literal('fs'), Type.Literal('s3')], { default: 'fs' }),
  S3_ENDPOINT: Type.Optional(Type.String()),
  S3_BUCKET: Type.Optional(Type.String()),
  S3_REGION: Type.Optional(Type.String()),
  S3_ACCESS_KEY_ID: Type.Optional(Type.String()),
  S3_SECRET_ACCESS_KEY: Type.Optional(Type.String()),
  DOCSIFT_SETUP_KEY: Type.Optional(Type.String({ minLength: 16 })),
  DOCSIFT_MAX_UPLOAD_MB: Type.Number({ default: 20, exclusiveMinimum: 0, maximum: 2048 }),
  DOCSIFT_MAX_REQUEST_MB: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 20_480 })),
  DOCSIFT_MAX_PIXELS: Type.Integer({ default: 40_000_000, minimum: 1_000_000, maximum: 1_000_000_000 }),
  DOCSIFT_WORKER_CONCURRENCY: Type.Integer({ default: 2, minimum: 0, maximum: 64 }),
  DOCSIFT_JOB_LEASE_SECONDS: Type.Number({ default: 30, minimum: 0.5, maximum: 3600 }),
  DOCSIFT_RATE_LIMIT_PER_HOUR: Type.Integer({ default: 1000, minimum: 1 }),
  DOCSIFT_SUBMIT_LIMIT_PER_MINUTE: Type.Integer({ default: 20, minimum: 1 }),
  DOCSIFT_AUTH_FAILURES_PER_MINUTE: Type.Integer({ default: 20, minimum: 1 }),
  DOCSIFT_LLM_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  DOCSIFT_LLM_API_KEY: Type.Optional(Type.String()),
  DOCSIFT_LLM_MODEL: Type.Optional(Type.String()),
  DOCSIFT_LLM_PROVIDER: Type.Union([Type.Literal('openai'), Type.Literal('anthropic')], { default: 'openai' }),
  DOCSIFT_LLM_MODE: Type.Union([Type.Literal('local'), Type.Literal('llm'), Type.Literal('hybrid')], { default: 'local' }),
  DOCSIFT_LLM_TIMEOUT_MS: Type.Integer({ default: 120_000, minimum: 1, maximum: 3_600_000 }),
  DOCSIFT_LLM_MAX_RETRIES: Type.Integer({ default: 3, minimum: 0, maximum: 10 }),
  DOCSIFT_LLM_BACKOFF_MS: Type.Integer({ default: 1000, minimum: 1, maximum: 600_000 }),
  DOCSIFT_LLM_CONFIDENCE_THRESHOLD: Type.Number({ default: 0.6, minimum: 0, maximum: 1 }),
  DOCSIFT_LLM_CHUNK_CHARS: Type.Integer({ default: 24_000, minimum: 1000, maximum: 2_000_000 }),
  DOCSIFT_LLM_COST_PER_1K_INPUT: Type.Optional(Type.Number({ minimum: 0 })),
  DOCSIFT_LLM_COST_PER_1K_OUTPUT: Type.Optional(Type.Number({ minimum: 0 })),
  DOCSIFT_ALLOW_PRIVATE_NETWORK: Type.Boolean({ default: false }),
  DOCSIFT_WEBHOOK_MAX_RETRIES: Type.Integer({ default: 3, minimum: 0, maximum: 20 }),
  DOCSIFT_WEBHOOK_BACKOFF_MS: Type.Integer({ default: 30_000, minimum: 1, maximum: 24 * 3600 * 1000 }),
  DOCSIFT_WEBHOOK_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 1, maximum: 120_000 }),
  DOCSIFT_LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  DOCSIFT_OCR_LANGUAGES: Type.String({ default: 'eng', pattern: '^(eng|fra|deu)(\\+(eng|fra|deu))*$' }),
  DOCSIFT_OCR_ENGINE: Type.Union([Type.Literal('auto'), Type.Literal('tesseract'), Type.Literal('paddle')], { default: 'auto' }),
  /** Unset: one OCR worker thread per core. */
  DOCSIFT_OCR_WORKERS: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
});
type Env = Static<typeof EnvSchema>;

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  blobStore: 'fs' | 's3';
  s3: { endpoint?: string; bucket?: string; region?: string; accessKeyId?: string; secretAccessKey?: string };
  setupKey: string | undefined;
  maxUploadBytes: number;
  /** All files of one request together (DOCSIFT_MAX_REQUEST_MB; default 100 MB, or maxUploadBytes if larger). */
  maxRequestBytes: number;
  /** The most pixels one page is rendered or decoded at; larger pages are scaled down, absurd ones refused (PAGE_TOO_LARGE). */
  maxPixels: number;
  workerConcurrency: number;
  /** How long a worker holds a job without a heartbeat before another may take it. */
  jobLeaseMs: number;
  rateLimitPerHour: number;
  submitLimitPerMinute: number;
  /** Failed authentications allowed per client address and per key prefix in a minute; past it, 429. */
  authFailuresPerMinute: number;
  llm: LlmConfig;
  allowPrivateNetwork: boolean;
  /** Webhook retries after the first try; the first retry waits about webhookBackoffMs, each next one twice as long (with jitter). */
  webhookMaxRetries: number;
  webhookBackoffMs: number;
  /** One delivery attempt's time limit (connect, send, response). */
  webhookTimeoutMs: number;
  logLevel: string;
  ocrLanguages: string;
  /** auto: PP-OCRv4 when it can write every letter of `ocrLanguages` (English), else tesseract.js. */
  ocrEngine: 'auto' | 'tesseract' | 'paddle';
  /** OCR worker threads per engine (default: the cores). */
  ocrWorkers: number;
}

export interface LlmConfig {
  baseUrl?: string;
  apiKey?: string;
  model?: string;
  provider: 'openai' | 'anthropic';
  /** The default extraction mode; an extraction's `extraction_mode` overrides it. */
  mode: 'local' | 'llm' | 'hybrid';
  /** One HTTP request's time limit. */
  timeoutMs: number;
  /** Retries after the first try on 429, 5xx, timeouts and network errors. */
  maxRetries: number;
  /** The first retry's delay (doubled per retry) when the server gives no Retry-After. */
  backoffMs: number;
  /** Hybrid mode asks the LLM for local values below this confidence (and for missing ones). */
  confidenceThreshold: number;
  /** Markdown characters per request; longer documents are sent page by page in chunks of this size. */
  chunkChars: number;
  /** Price per 1,000 tokens, to record a cost in usage records (unset: no cost recorded). */
  costPer1kInput?: number;
  costPer1kOutput?: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

/** Builds the config from an environment; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const known = Object.keys(EnvSchema.properties);
  const raw: Record<string, unknown> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const withDefaults = Value.Default(EnvSchema, raw);
  const converted = Value.Convert(EnvSchema, withDefaults);
  const [first] = Value.Errors(EnvSchema, converted);
  if (first) {
    const variable = first.instancePath.replace(/^\//, '') || 'environment';
    const given = env[variable];
    throw new ConfigError(variable, `${first.message}${given !== undefined ? ` (got ${JSON.stringify(given)})` : ''}`);
  }
  const e = converted as Env;
  // An LLM mode without a model to call would silently fall back to the local engine: refuse it at start.
  if (e.DOCSIFT_LLM_MODE !== 'local' && (!e.DOCSIFT_LLM_BASE_URL || !e.DOCSIFT_LLM_MODEL)) {
    throw new ConfigError('DOCSIFT_LLM_MODE', `${e.DOCSIFT_LLM_MODE} needs DOCSIFT_LLM_BASE_URL and DOCSIFT_LLM_MODEL`);
  }
  if (e.DOCSIFT_BLOB_STORE === 's3' && !e.S3_BUCKET) {
    throw new ConfigError('S3_BUCKET', 'is required when DOCSIFT_BLOB_STORE=s3');
  }
  return {
    host: e.DOCSIFT_HOST,
    port: e.DOCSIFT_PORT,
    dataDir: path.resolve(e.DOCSIFT_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    blobStore: e.DOCSIFT_BLOB_STORE,
    s3: {
      endpoint: e.S3_ENDPOINT,
      bucket: e.S3_BUCKET,
      region: e.S3_REGION,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    },
    setupKey: e.DOCSIFT_SETUP_KEY,
    maxUploadBytes: Math.floor(e.DOCSIFT_MAX_UPLOAD_MB * 1024 * 1024),
    maxRequestBytes: Math.floor(Math.max(e.DOCSIFT_MAX_REQUEST_MB ?? 100, e.DOCSIFT_MAX_REQUEST_MB === undefined ? e.DOCSIFT_MAX_UPLOAD_MB : 0) * 1024 * 1024),
    maxPixels: e.DOCSIFT_MAX_PIXELS,
    workerConcurrency: e.DOCSIFT_WORKER_CONCURRENCY,
    jobLeaseMs: Math.round(e.DOCSIFT_JOB_LEASE_SECONDS * 1000),
    rateLimitPerHour: e.DOCSIFT_RATE_LIMIT_PER_HOUR,
    submitLimitPerMinute: e.DOCSIFT_SUBMIT_LIMIT_PER_MINUTE,
    authFailuresPerMinute: e.DOCSIFT_AUTH_FAILURES_PER_MINUTE,
    llm: {
      baseUrl: e.DOCSIFT_LLM_BASE_URL,
      apiKey: e.DOCSIFT_LLM_API_KEY,
      model: e.DOCSIFT_LLM_MODEL,
      provider: e.DOCSIFT_LLM_PROVIDER,
      mode: e.DOCSIFT_LLM_MODE,
      timeoutMs: e.DOCSIFT_LLM_TIMEOUT_MS,
      maxRetries: e.DOCSIFT_LLM_MAX_RETRIES,
      backoffMs: e.DOCSIFT_LLM_BACKOFF_MS,
      confidenceThreshold: e.DOCSIFT_LLM_CONFIDENCE_THRESHOLD,
      chunkChars: e.DOCSIFT_LLM_CHUNK_CHARS,
      costPer1kInput: e.DOCSIFT_LLM_COST_PER_1K_INPUT,
      costPer1kOutput: e.DOCSIFT_LLM_COST_PER_1K_OUTPUT,
    },
    allowPrivateNetwork: e.DOCSIFT_ALLOW_PRIVATE_NETWORK,
    webhookMaxRetries: e.DOCSIFT_WEBHOOK_MAX_RETRIES,
    webhookBackoffMs: e.DOCSIFT_WEBHOOK_BACKOFF_MS,
    webhookTimeoutMs: e.DOCSIFT_WEBHOOK_TIMEOUT_MS,
    logLevel: e.DOCSIFT_LOG_LEVEL,
    ocrLanguages: e.DOCSIFT_OCR_LANGUAGES,
    ocrEngine: e.DOCSIFT_OCR_ENGINE,
    ocrWorkers: e.DOCSIFT_OCR_WORKERS ?? os.availableParallelism(),
  };
}
