import { DocsiftPollTimeoutError } from './errors.js';
import { Evaluations } from './evaluations.js';
import { HttpClient, type ClientOptions, type Query, type RateLimitInfo, type RequestOptions } from './http.js';
import { paginate } from './pagination.js';
import { prepareFile, type FileInput } from './uploads.js';
import type * as T from './types.js';

const enc = encodeURIComponent;
const TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'partial', 'cancelled']);

/** `POST /v1/extractions`: files (multipart) or file_ids / urls / text (JSON), with the options. */
export type CreateExtractionParams = Omit<T.CreateExtractionJson, 'custom_fields'> & {
  /** Documents to upload: paths, URLs, Buffers, Blobs or streams (see FileInput). */
  files?: FileInput[];
  custom_fields?: T.CreateExtractionJson['custom_fields'] | Array<Record<string, unknown>>;
};

export interface PollOptions {
  /** The first wait between two status checks (default 500 ms). */
  intervalMs?: number;
  /** The longest wait between two checks (default 5000 ms). */
  maxIntervalMs?: number;
  /** Each wait is the previous one times this (default 1.5). */
  backoffFactor?: number;
  /** Give up (DocsiftPollTimeoutError) after this long (default 10 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with every status seen, e.g. to draw progress from `document_counts`. */
  onProgress?: (extraction: T.Extraction) => void;
}

export interface ExportResult {
  format: T.ExportFormat;
  contentType: string;
  /** From Content-Disposition, when the server names the file. */
  filename: string | null;
  bytes: Uint8Array;
  text(): string;
}

export interface FileContent {
  contentType: string;
  bytes: Uint8Array;
}

function isTerminal(status: string): boolean {
  return TERMINAL.has(status);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

abstract class Resource {
  constructor(protected readonly http: HttpClient) {}
}

export class Extractions extends Resource {
  /** Submits documents; answers at once with the queued extraction (202). Sends a fresh Idempotency-Key unless told otherwise. */
  async create(params: CreateExtractionParams, options?: RequestOptions): Promise<T.Extraction> {
    const { files, ...rest } = params;
    if (files && files.length > 0) {
      const prepared = await Promise.all(files.map((f, i) => prepareFile(f, this.http.fetch, i)));
      const form = () => {
        const fd = new FormData();
        for (const p of prepared) fd.append('file', p.blob, p.filename);
        for (const [k, v] of Object.entries(rest)) {
          if (v === undefined || v === null) continue;
          if (k === 'file_ids' || k === 'urls') (v as string[]).forEach((item) => fd.append(k, item));
          else if (typeof v === 'object') fd.append(k, JSON.stringify(v));
          else fd.append(k, String(v));
        }
        return fd;
      };
      const res = await this.http.json<T.ResponseOf<'POST /v1/extractions', 202>>({ method: 'POST', path: '/v1/extractions', form, idempotent: true }, options);
      return res.extraction;
    }
    const res = await this.http.json<T.ResponseOf<'POST /v1/extractions', 202>>({ method: 'POST', path: '/v1/extractions', json: rest, idempotent: true }, options);
    return res.extraction;
  }

  /** Submits, waits until the extraction is finished (completed, failed, partial or cancelled), then answers its results. */
  async createAndPoll(params: CreateExtractionParams, poll: PollOptions = {}, options?: RequestOptions): Promise<T.ExtractionResults> {
    const created = await this.create(params, { ...options, signal: options?.signal ?? poll.signal });
    poll.onProgress?.(created);
    await this.waitFor(created.extraction_id, poll, isTerminal(created.status) ? created : undefined);
    return this.results(created.extraction_id, { signal: poll.signal });
  }

  /** Polls `GET /v1/extractions/:id` with growing intervals until the extraction is finished; answers its last status. */
  async waitFor(extractionId: string, poll: PollOptions = {}, known?: T.Extraction): Promise<T.Extraction> {
    const deadline = Date.now() + (poll.timeoutMs ?? 600_000);
    let interval = poll.intervalMs ?? 500;
    let last = known ?? (await this.get(extractionId, { signal: poll.signal }));
    if (!known) poll.onProgress?.(last);
    while (!isTerminal(last.status)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new DocsiftPollTimeoutError(`extraction ${extractionId} still ${last.status} after ${poll.timeoutMs ?? 600_000} ms`, last);
      await sleep(Math.min(interval, left), poll.signal);
      interval = Math.min(poll.maxIntervalMs ?? 5000, interval * (poll.backoffFactor ?? 1.5));
      last = await this.get(extractionId, { signal: poll.signal });
      poll.onProgress?.(last);
    }
    return last;
  }

  list(query: T.ListExtractionsQuery = {}, options?: RequestOptions): Promise<T.ResponseOf<'GET /v1/extractions', 200>> {
    return this.http.json({ method: 'GET', path: '/v1/extractions', query: query as Query }, options);
  }

  /** Every extraction matching the filters, across pages. */
  listAll(query: T.ListExtractionsQuery = {}): AsyncGenerator<T.Extraction, void, undefined> {
    return paginate(async (page, per_page) => {
      const r = await this.list({ ...query, page, per_page });
      return { items: r.extractions, pagination: r.pagination };
    }, query);
  }

  async get(extractionId: string, options?: RequestOptions): Promise<T.Extraction> {
    return (await this.http.json<T.ResponseOf<'GET /v1/extractions/{extraction_id}', 200>>({ method: 'GET', path: `/v1/extractions/${enc(extractionId)}` }, options)).extraction;
  }

  results(extractionId: string, options?: RequestOptions): Promise<T.ExtractionResults> {
    return this.http.json({ method: 'GET', path: `/v1/extractions/${enc(extractionId)}/results` }, options);
  }

  async document(extractionId: string, documentId: string, options?: RequestOptions): Promise<T.DocumentResult> {
    const path = `/v1/extractions/${enc(extractionId)}/documents/${enc(documentId)}`;
    return (await this.http.json<T.ResponseOf<'GET /v1/extractions/{extraction_id}/documents/{document_id}', 200>>({ method: 'GET', path }, options)).document;
  }

  /** The results as a file: json, csv, xlsx or xml; of one document with `document_id`. */
  async export(extractionId: string, params: { format?: T.ExportFormat; document_id?: string } = {}, options?: RequestOptions): Promise<ExportResult> {
    const format = params.format ?? 'json';
    const path = `/v1/extractions/${enc(extractionId)}${params.document_id ? `/documents/${enc(params.document_id)}` : ''}/export`;
    const res = await this.http.raw({ method: 'GET', path, query: { format } }, { ...options, headers: { accept: '*/*', ...options?.headers } });
    const disposition = res.headers.get('content-disposition') ?? '';
    const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
    const bytes = res.bytes;
    return { format, contentType: res.headers.get('content-type') ?? '', filename, bytes, text: () => new TextDecoder().decode(bytes) };
  }

  async cancel(extractionId: string, options?: RequestOptions): Promise<T.Extraction> {
    return (await this.http.json<{ extraction: T.Extraction }>({ method: 'POST', path: `/v1/extractions/${enc(extractionId)}/cancel`, idempotent: true }, options)).extraction;
  }

  /** Re-runs the failed documents. */
  async retry(extractionId: string, options?: RequestOptions): Promise<T.Extraction> {
    return (await this.http.json<{ extraction: T.Extraction }>({ method: 'POST', path: `/v1/extractions/${enc(extractionId)}/retry`, idempotent: true }, options)).extraction;
  }

  async retryDocument(extractionId: string, documentId: string, options?: RequestOptions): Promise<T.Extraction> {
    const path = `/v1/extractions/${enc(extractionId)}/documents/${enc(documentId)}/retry`;
    return (await this.http.json<{ extraction: T.Extraction }>({ method: 'POST', path, idempotent: true }, options)).extraction;
  }

  delete(extractionId: string, options?: RequestOptions): Promise<T.ResponseOf<'DELETE /v1/extractions/{extraction_id}', 200>> {
    return this.http.json({ method: 'DELETE', path: `/v1/extractions/${enc(extractionId)}` }, options);
  }

  /** Stores a human-reviewed output (whole `data`, or `edits` by path); the original is kept. */
  async review(extractionId: string, documentId: string, input: T.ReviewInput, options?: RequestOptions): Promise<T.DocumentResult> {
    const path = `/v1/extractions/${enc(extractionId)}/documents/${enc(documentId)}/review`;
    return (await this.http.json<{ document: T.DocumentResult }>({ method: 'PUT', path, json: input }, options)).document;
  }
}

export class Files extends Resource {
  /** Uploads a file without extracting it; use its `file_id` in `extractions.create({file_ids})`. */
  async upload(input: FileInput, options?: RequestOptions): Promise<T.FileObject> {
    const p = await prepareFile(input, this.http.fetch);
    const form = () => {
      const fd = new FormData();
      fd.append('file', p.blob, p.filename);
      return fd;
    };
    return (await this.http.json<T.ResponseOf<'POST /v1/files', 201>>({ method: 'POST', path: '/v1/files', form, idempotent: true }, options)).file;
  }

  list(query: T.PageQuery = {}, options?: RequestOptions): Promise<T.ResponseOf<'GET /v1/files', 200>> {
    return this.http.json({ method: 'GET', path: '/v1/files', query: query as Query }, options);
  }

  listAll(query: T.PageQuery = {}): AsyncGenerator<T.FileObject, void, undefined> {
    return paginate(async (page, per_page) => {
      const r = await this.list({ page, per_page });
      return { items: r.files, pagination: r.pagination };
    }, query);
  }

  async get(fileId: string, options?: RequestOptions): Promise<T.FileObject> {
    return (await this.http.json<{ file: T.FileObject }>({ method: 'GET', path: `/v1/files/${enc(fileId)}` }, options)).file;
  }

  async content(fileId: string, options?: RequestOptions): Promise<FileContent> {
    const res = await this.http.raw({ method: 'GET', path: `/v1/files/${enc(fileId)}/content` }, { ...options, headers: { accept: '*/*', ...options?.headers } });
    return { contentType: res.headers.get('content-type') ?? 'application/octet-stream', bytes: res.bytes };
  }

  /** A PDF's or image's pages with their sizes in points (the unit of citation boxes). */
  pages(fileId: string, options?: RequestOptions): Promise<T.ResponseOf<'GET /v1/files/{file_id}/pages', 200>> {
    return this.http.json({ method: 'GET', path: `/v1/files/${enc(fileId)}/pages` }, options);
  }

  /** One page (1-based) as a PNG image: a PDF page rendered at 144 dpi, or the image itself. */
  async pageImage(fileId: string, page: number, options?: RequestOptions): Promise<FileContent> {
    const res = await this.http.raw({ method: 'GET', path: `/v1/files/${enc(fileId)}/pages/${page}` }, { ...options, headers: { accept: '*/*', ...options?.headers } });
    return { contentType: res.headers.get('content-type') ?? 'image/png', bytes: res.bytes };
  }

  delete(fileId: string, options?: RequestOptions): Promise<T.ResponseOf<'DELETE /v1/files/{file_id}', 200>> {
    return this.http.json({ method: 'DELETE', path: `/v1/files/${enc(fileId)}` }, options);
  }
}

export class ParserVersions extends Resource {
  /** Publishes the parser's current draft as a new immutable version. */
  async publish(parserId: string, input: T.PublishVersionInput = {}, options?: RequestOptions): Promise<T.ParserVersion> {
    const path = `/v1/parsers/${enc(parserId)}/versions`;
    return (await this.http.json<{ version: T.ParserVersion }>({ method: 'POST', path, json: input, idempotent: true }, options)).version;
  }

  list(parserId: string, query: T.PageQuery = {}, options?: RequestOptions): Promise<T.ResponseOf<'GET /v1/parsers/{parser_id}/versions', 200>> {
    return this.http.json({ method: 'GET', path: `/v1/parsers/${enc(parserId)}/versions`, query: query as Query }, options);
  }

  listAll(parserId: string, query: T.PageQuery = {}): AsyncGenerator<T.ParserVersion, void, undefined> {
    return paginate(async (page, per_page) => {
      const r = await this.list(parserId, { page, per_page });
      return { items: r.versions, pagination: r.pagination };
    }, query);
  }

  /** One version by number (`1`) or label (`"1.0"`), or `"latest"`/`"draft"` where the server supports it. */
  async get(parserId: string, version: number | string, options?: RequestOptions): Promise<T.ParserVersion> {
    const path = `/v1/parsers/${enc(parserId)}/versions/${enc(String(version))}`;
    return (await this.http.json<{ version: T.ParserVersion }>({ method: 'GET', path }, options)).version;
  }
}

export class Parsers extends Resource {
  readonly versions = new ParserVersions(this.http);

  async create(input: T.CreateParserInput, options?: RequestOptions): Promise<T.Parser> {
    return (await this.http.json<{ parser: T.Parser }>({ method: 'POST', path: '/v1/parsers', json: input, idempotent: true }, options)).parser;
  }

  list(query: T.PageQuery & { name?: string; search?: string } = {}, options?: RequestOptions): Promise<T.ResponseOf<'GET /v1/parsers', 200>> {
    return this.http.json({ method: 'GET', path: '/v1/parsers', query: query as Query }, options);
  }

  listAll(query: T.PageQuery & { name?: string; search?: string } = {}): AsyncGenerator<T.Parser, void, undefined> {
    return paginate(async (page, per_page) => {
      const r = await this.list({ ...query, page, per_page });
      return { items: r.parsers, pagination: r.pagination };
    }, query);
  }

  async get(parserId: string, options?: RequestOptions): Promise<T.Parser> {
    return (await this.http.json<{ parser: T.Parser }>({ method: 'GET', path: `/v1/parsers/${enc(parserId)}` }, options)).parser;
  }

  async update(parserId: string, input: T.UpdateParserInput, options?: RequestOptions): Promise<T.Parser> {
    return (await this.http.json<{ parser: T.Parser }>({ method: 'PUT', path: `/v1/parsers/${enc(parserId)}`, json: input }, options)).parser;
  }

  delete(parserId: string, options?: RequestOptions): Promise<T.ResponseOf<'DELETE /v1/parsers/{parser_id}', 200>> {
    return this.http.json({ method: 'DELETE', path: `/v1/parsers/${enc(parserId)}` }, options);
  }
}

export class WebhookDeliveries extends Resource {
  /** Deliveries of every subscription (filter by status, event, extraction, webhook). */
  list(query: T.ListDeliveriesQuery = {}, options?: RequestOptions): Promise<T.ResponseOf<'GET /v1/webhooks/deliveries', 200>> {
    return this.http.json({ method: 'GET', path: '/v1/webhooks/deliveries', query: query as Query }, options);
  }

  listAll(query: T.ListDeliveriesQuery = {}): AsyncGenerator<T.WebhookDelivery, void, undefined> {
    return paginate(async (page, per_page) => {
      const r = await this.list({ ...query, page, per_page });
      return { items: r.deliveries, pagination: r.pagination };
    }, query);
  }

  /** Deliveries of one subscription. */
  listFor(webhookId: string, query: Omit<T.ListDeliveriesQuery, 'webhook_id'> = {}, options?: RequestOptions): Promise<T.ResponseOf<'GET /v1/webhooks/{webhook_id}/deliveries', 200>> {
    return this.http.json({ method: 'GET', path: `/v1/webhooks/${enc(webhookId)}/deliveries`, query: query as Query }, options);
  }

  async get(deliveryId: string, options?: RequestOptions): Promise<T.WebhookDeliveryDetail> {
    return (await this.http.json<{ delivery: T.WebhookDeliveryDetail }>({ method: 'GET', path: `/v1/webhooks/deliveries/${enc(deliveryId)}` }, options)).delivery;
  }

  async redeliver(deliveryId: string, options?: RequestOptions): Promise<T.WebhookDelivery> {
    const path = `/v1/webhooks/deliveries/${enc(deliveryId)}/redeliver`;
    return (await this.http.json<{ delivery: T.WebhookDelivery }>({ method: 'POST', path, idempotent: true }, options)).delivery;
  }
}

export class Webhooks extends Resource {
  readonly deliveries = new WebhookDeliveries(this.http);

  /** Creates a subscription; the answer carries its `secret` (shown once). */
  async create(input: T.CreateWebhookInput, options?: RequestOptions): Promise<T.WebhookWithSecret> {
    return (await this.http.json<{ webhook: T.WebhookWithSecret }>({ method: 'POST', path: '/v1/webhooks', json: input, idempotent: true }, options)).webhook;
  }

  list(query: T.PageQuery = {}, options?: RequestOptions): Promise<T.ResponseOf<'GET /v1/webhooks', 200>> {
    return this.http.json({ method: 'GET', path: '/v1/webhooks', query: query as Query }, options);
  }

  listAll(query: T.PageQuery = {}): AsyncGenerator<T.Webhook, void, undefined> {
    return paginate(async (page, per_page) => {
      const r = await this.list({ page, per_page });
      return { items: r.webhooks, pagination: r.pagination };
    }, query);
  }

  async get(webhookId: string, options?: RequestOptions): Promise<T.Webhook> {
    return (await this.http.json<{ webhook: T.Webhook }>({ method: 'GET', path: `/v1/webhooks/${enc(webhookId)}` }, options)).webhook;
  }

  async update(webhookId: string, input: T.UpdateWebhookInput, options?: RequestOptions): Promise<T.Webhook> {
    return (await this.http.json<{ webhook: T.Webhook }>({ method: 'PATCH', path: `/v1/webhooks/${enc(webhookId)}`, json: input }, options)).webhook;
  }

  delete(webhookId: string, options?: RequestOptions): Promise<T.ResponseOf<'DELETE /v1/webhooks/{webhook_id}', 200>> {
    return this.http.json({ method: 'DELETE', path: `/v1/webhooks/${enc(webhookId)}` }, options);
  }

  /** A new secret (answered once); the previous one stays valid for `previous_secret_expires_in` seconds. */
  async rotateSecret(webhookId: string, input: NonNullable<T.BodyOf<'POST /v1/webhooks/{webhook_id}/rotate-secret'>> = {}, options?: RequestOptions): Promise<T.WebhookWithSecret> {
    const path = `/v1/webhooks/${enc(webhookId)}/rotate-secret`;
    return (await this.http.json<{ webhook: T.WebhookWithSecret }>({ method: 'POST', path, json: input, idempotent: true }, options)).webhook;
  }

  /** Sends a signed test event to the subscription. */
  async test(webhookId: string, options?: RequestOptions): Promise<T.WebhookDelivery> {
    return (await this.http.json<{ delivery: T.WebhookDelivery }>({ method: 'POST', path: `/v1/webhooks/${enc(webhookId)}/test`, idempotent: true }, options)).delivery;
  }
}

export class ApiKeys extends Resource {
  /** Creates a key; the answer carries the secret `key`, shown only once. */
  async create(input: T.CreateApiKeyInput, options?: RequestOptions): Promise<T.ApiKeyWithSecret> {
    return (await this.http.json<{ api_key: T.ApiKeyWithSecret }>({ method: 'POST', path: '/v1/api-keys', json: input, idempotent: true }, options)).api_key;
  }

  async list(options?: RequestOptions): Promise<T.ApiKey[]> {
    return (await this.http.json<T.ResponseOf<'GET /v1/api-keys', 200>>({ method: 'GET', path: '/v1/api-keys' }, options)).api_keys;
  }

  async get(apiKeyId: string, options?: RequestOptions): Promise<T.ApiKey> {
    return (await this.http.json<{ api_key: T.ApiKey }>({ method: 'GET', path: `/v1/api-keys/${enc(apiKeyId)}` }, options)).api_key;
  }

  async update(apiKeyId: string, input: T.UpdateApiKeyInput, options?: RequestOptions): Promise<T.ApiKey> {
    return (await this.http.json<{ api_key: T.ApiKey }>({ method: 'PATCH', path: `/v1/api-keys/${enc(apiKeyId)}`, json: input }, options)).api_key;
  }

  /** Revokes the key. */
  delete(apiKeyId: string, options?: RequestOptions): Promise<T.ResponseOf<'DELETE /v1/api-keys/{api_key_id}', 200>> {
    return this.http.json({ method: 'DELETE', path: `/v1/api-keys/${enc(apiKeyId)}` }, options);
  }
}

export class Users extends Resource {
  async create(input: T.CreateUserInput, options?: RequestOptions): Promise<T.User> {
    return (await this.http.json<{ user: T.User }>({ method: 'POST', path: '/v1/users', json: input, idempotent: true }, options)).user;
  }

  list(query: T.PageQuery & { search?: string } = {}, options?: RequestOptions): Promise<T.ResponseOf<'GET /v1/users', 200>> {
    return this.http.json({ method: 'GET', path: '/v1/users', query: query as Query }, options);
  }

  listAll(query: T.PageQuery & { search?: string } = {}): AsyncGenerator<T.User, void, undefined> {
    return paginate(async (page, per_page) => {
      const r = await this.list({ ...query, page, per_page });
      return { items: r.users, pagination: r.pagination };
    }, query);
  }

  async get(userId: string, options?: RequestOptions): Promise<T.User> {
    return (await this.http.json<{ user: T.User }>({ method: 'GET', path: `/v1/users/${enc(userId)}` }, options)).user;
  }

  async update(userId: string, input: T.UpdateUserInput, options?: RequestOptions): Promise<T.User> {
    return (await this.http.json<{ user: T.User }>({ method: 'PATCH', path: `/v1/users/${enc(userId)}`, json: input }, options)).user;
  }

  delete(userId: string, options?: RequestOptions): Promise<T.ResponseOf<'DELETE /v1/users/{user_id}', 200>> {
    return this.http.json({ method: 'DELETE', path: `/v1/users/${enc(userId)}` }, options);
  }
}

export class Usage extends Resource {
  /** Totals and breakdowns (by day, tag, parser) over a period, with the credit balance. */
  get(query: T.UsageQuery = {}, options?: RequestOptions): Promise<T.UsageReport> {
    return this.http.json({ method: 'GET', path: '/v1/usage', query: query as Query }, options);
  }

  records(query: T.UsageQuery & T.PageQuery = {}, options?: RequestOptions): Promise<T.ResponseOf<'GET /v1/usage/records', 200>> {
    return this.http.json({ method: 'GET', path: '/v1/usage/records', query: query as Query }, options);
  }

  recordsAll(query: T.UsageQuery & T.PageQuery = {}): AsyncGenerator<T.UsageRecord, void, undefined> {
    return paginate(async (page, per_page) => {
      const r = await this.records({ ...query, page, per_page });
      return { items: r.usage_records, pagination: r.pagination };
    }, query);
  }
}

export class Admin extends Resource {
  /** Operator call (needs `setupKey`). */
  getTenant(tenantId: string, options?: RequestOptions): Promise<T.AdminTenant> {
    return this.http.json({ method: 'GET', path: `/v1/admin/tenants/${enc(tenantId)}`, setupAuth: true }, options);
  }

  /** Operator call (needs `setupKey`): sets the tenant's credit balance (`null`: unlimited). */
  setCredits(tenantId: string, balance: number | null, options?: RequestOptions): Promise<T.ResponseOf<'PUT /v1/admin/tenants/{tenant_id}/credits', 200>> {
    return this.http.json({ method: 'PUT', path: `/v1/admin/tenants/${enc(tenantId)}/credits`, json: { balance }, setupAuth: true }, options);
  }

  /**
   * Operator call (needs `setupKey`): a new API key for the tenant's owner (the earliest, or the one
   * with `email`), for when every owner key is lost or disabled. The full `key` is in this answer only.
   */
  async createOwnerKey(tenantId: string, input: { name?: string; email?: string } = {}, options?: RequestOptions): Promise<T.ApiKeyWithSecret> {
    const r = await this.http.json<{ api_key: T.ApiKeyWithSecret }>({ method: 'POST', path: `/v1/admin/tenants/${enc(tenantId)}/api-keys`, json: input, setupAuth: true }, options);
    return r.api_key;
  }
}

/**
 * The docsift native API (`/v1`). Every call throws DocsiftApiError (status, code, details) on an error
 * answer and DocsiftNetworkError when no answer came; 429 and 503 are retried honouring Retry-After.
 *
 *   const docsift = new DocsiftClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.DOCSIFT_API_KEY });
 *   const { documents } = await docsift.extractions.createAndPoll({ files: ['invoice.pdf'] });
 */
export class DocsiftClient {
  readonly http: HttpClient;
  readonly extractions: Extractions;
  readonly files: Files;
  readonly parsers: Parsers;
  readonly webhooks: Webhooks;
  readonly apiKeys: ApiKeys;
  readonly users: Users;
  readonly usage: Usage;
  readonly admin: Admin;
  /** Evaluation sets and runs (evaluations.ts). */
  readonly evaluations: Evaluations;
  readonly tenant: { get(options?: RequestOptions): Promise<T.Tenant> };
  readonly auth: { token(input: { email: string }, options?: RequestOptions): Promise<T.AccessToken> };

  constructor(options: ClientOptions) {
    this.http = new HttpClient(options);
    this.extractions = new Extractions(this.http);
    this.files = new Files(this.http);
    this.parsers = new Parsers(this.http);
    this.webhooks = new Webhooks(this.http);
    this.apiKeys = new ApiKeys(this.http);
    this.users = new Users(this.http);
    this.usage = new Usage(this.http);
    this.admin = new Admin(this.http);
    this.evaluations = new Evaluations(this.http);
    this.tenant = {
      get: async (options) => (await this.http.json<{ tenant: T.Tenant }>({ method: 'GET', path: '/v1/tenant' }, options)).tenant,
    };
    this.auth = {
      token: async (input, options) => (await this.http.json<{ data: T.AccessToken }>({ method: 'POST', path: '/v1/auth/token', json: input }, options)).data,
    };
  }

  /** Creates a tenant with its owner and an API key (needs `setupKey`; the server needs DOCSIFT_SETUP_KEY). */
  onboard(input: T.OnboardInput, options?: RequestOptions): Promise<T.OnboardResult> {
    return this.http.json({ method: 'POST', path: '/v1/onboard', json: input, setupAuth: true }, options);
  }

  /** The X-RateLimit-* values of the last response that carried them. */
  get rateLimit(): RateLimitInfo | null {
    return this.http.lastRateLimit;
  }
}
