import type { AuthContext } from '../../accounts/auth-context.js';
import type { ExtractionsService } from '../../documents/extractions-service.js';
import type { FilesService, IncomingFile } from '../../documents/files-service.js';
import type { SubmitInput } from '../../documents/submit-input.js';
import { MAX_METADATA_BYTES } from '../../documents/submit-input.js';
import type { ExtractionBatches } from '../../documents/batches.js';
import { errors } from '../../internal/errors/errors.js';
import type { NetworkPolicy } from '../../internal/net/ssrf-guard.js';
import { jsonSchemaToFields } from '../../templates/convert-definition.js';
import type { TemplatesService } from '../../templates/templates-service.js';
import type { JsonSchemaDefinition } from '../../templates/template-definition.js';
import { batchView, MAX_BATCH_INPUTS, type BatchRunView } from './batch-runs.js';
import { builtInConfig, configFromDefinition, pageRangesOf, parseExtractConfig, type ExtractConfig } from './extract-config.js';
import { DRAFT, draftVersionId } from './extractor-view.js';
import type { ExtendEvents } from './extend-events.js';
import { fetchDocument } from './fetch-document.js';
import { nextPageToken, readPageRequest } from './page-token.js';
import { CONFIG_KEY, CORE_STATUS, runSummary, runView, type RunStatus } from './run-view.js';

/** `POST /extract_runs` as the SDK sends it (unvalidated beyond the route's JSON shape). */
export interface CreateRunRequest {
  file?: unknown;
  extractor?: unknown;
  config?: unknown;
  package?: unknown;
  priority?: number;
  metadata?: Record<string, unknown>;
}

/** `POST /extract_runs/batch` (the SDK's ExtractRunsCreateBatchRequest). */
export interface CreateBatchRequest {
  extractor?: unknown;
  config?: unknown;
  inputs?: unknown;
  priority?: number;
}

export interface ListRunsQuery {
  status?: string;
  extractorId?: string;
  fileNameContains?: string;
  batchId?: string;
  source?: string;
  sourceId?: string;
  sortBy?: string;
  sortDir?: string;
  nextPageToken?: string;
  maxPageSize?: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The Extend extract-run API over the core: a run is an extraction of one document, created by the
 * core's one-transaction submit after every check (file download included) has passed, so a request
 * the SDK retries after a late failure never leaves a run behind.
 */
export class ExtractRuns {
  private readonly batches: ExtractionBatches;
  private readonly extractions: ExtractionsService;
  private readonly files: FilesService;
  private readonly templates: TemplatesService;
  private readonly policy: NetworkPolicy;
  private readonly maxUploadBytes: number;

  private readonly events: ExtendEvents;

  constructor(deps: {
    batches: ExtractionBatches;
    extractions: ExtractionsService;
    files: FilesService;
    templates: TemplatesService;
    policy: NetworkPolicy;
    maxUploadBytes: number;
    events: ExtendEvents;
  }) {
    this.events = deps.events;
    this.batches = deps.batches;
    this.extractions = deps.extractions;
    this.files = deps.files;
    this.templates = deps.templates;
    this.policy = deps.policy;
    this.maxUploadBytes = deps.maxUploadBytes;
  }

  async create(auth: AuthContext, body: CreateRunRequest, dashboardBase: string) {
    if (body.package !== undefined) throw errors.fieldInvalid('package', 'Multi-file packages are not supported; send one `file`.');
    if (body.file === undefined) throw errors.fieldInvalid('file', 'file is required: {"url"}, {"id"} or {"text"}.');
    if (body.extractor !== undefined && body.config !== undefined) {
      throw errors.fieldInvalid('extractor', 'Give extractor (a reference to an extractor) or config (an inline config), not both.');
    }
    // Neither: Extend infers a schema from the document; docsift classifies it and runs its built-in model.
    const base =
      body.extractor !== undefined ? await this.extractorInput(auth.tenantId, body.extractor, 'extractor') : this.inlineConfigInput(body.config ?? {});
    const input = await this.withFile(auth.tenantId, { ...base, priority: body.priority }, body.metadata, body.file, '');
    const created = await this.extractions.submit(auth, input);
    return this.get(auth.tenantId, created.extraction.id, dashboardBase);
  }

  /**
   * `POST /extract_runs/batch`: one extract run per input, all with the same extractor (inline config is
   * not accepted, as in Extend). Every input is checked and every file fetched before any run exists;
   * then the batch and all its runs are created in one transaction, so a refused batch leaves nothing.
   */
  async createBatch(auth: AuthContext, body: CreateBatchRequest): Promise<BatchRunView> {
    if (body.config !== undefined) throw errors.fieldInvalid('config', 'Batch runs take an extractor reference (extractor.id); inline config is not supported.');
    if (body.extractor === undefined) throw errors.fieldInvalid('extractor', 'extractor is required: {"id"}.');
    if (!Array.isArray(body.inputs) || body.inputs.length === 0 || body.inputs.length > MAX_BATCH_INPUTS) {
      throw errors.fieldInvalid('inputs', `inputs must be an array of 1 to ${MAX_BATCH_INPUTS} items.`);
    }
    const base = await this.extractorInput(auth.tenantId, body.extractor, 'extractor');
    const items: unknown[] = body.inputs;
    // Shapes first, so a malformed input is refused before any file is downloaded.
    for (const [i, item] of items.entries()) {
      if (!isObject(item)) throw errors.fieldInvalid(`inputs[${i}]`, `inputs[${i}] must be an object with a file.`);
      if (item.file === undefined) throw errors.fieldInvalid(`inputs[${i}].file`, `inputs[${i}].file is required: {"url"}, {"id"} or {"text"}.`);
    }
    // Built one by one as the core asks for them: each download is stored and let go before the next.
    const tenantId = auth.tenantId;
    const withFile = (metadata: unknown, file: unknown, prefix: string) => this.withFile(tenantId, { ...base, priority: body.priority }, metadata, file, prefix);
    async function* inputs(): AsyncGenerator<SubmitInput> {
      for (const [i, item] of items.entries()) {
        const { metadata, file } = item as Record<string, unknown>;
        yield await withFile(metadata, file, `inputs[${i}].`);
      }
    }
    const { batch, items: created } = await this.extractions.submitBatch(auth, inputs());
    return batchView({ batch, statuses: created.map((i) => i.extraction.status) });
  }

  /** `GET /batch_runs/{id}`: another tenant's batch is not found. */
  async getBatch(tenantId: string, id: string): Promise<BatchRunView> {
    const found = await this.batches.find(tenantId, id);
    if (!found) throw errors.notFound('batch run', id);
    return batchView(found);
  }

  /** What a run with an extractor reference submits: the extractor, its version, an override config. */
  private async extractorInput(tenantId: string, ref: unknown, path: string): Promise<SubmitInput> {
    if (!isObject(ref) || typeof ref.id !== 'string' || ref.id === '') throw errors.fieldInvalid(`${path}.id`, `${path}.id is required.`);
    if (ref.version !== undefined && typeof ref.version !== 'string') throw errors.fieldInvalid(`${path}.version`, `${path}.version must be a string such as "latest", "draft" or "1.0".`);
    const input: SubmitInput = { parserId: ref.id };
    input.parserVersion = await this.versionReference(tenantId, ref.id, ref.version as string | undefined);
    // Resolving now answers 404 for an unknown extractor or version before any file is fetched.
    const resolved = await this.templates.resolveForRun(tenantId, ref.id, input.parserVersion);
    let definition = resolved.definition;
    if (ref.overrideConfig !== undefined) {
      const parsed = parseExtractConfig(ref.overrideConfig, { path: `${path}.overrideConfig`, requireSchema: false });
      definition = parsed.definition ?? (parsed.instructions !== undefined ? { ...resolved.definition, instructions: parsed.instructions ?? undefined } : resolved.definition);
      // Only the settings the override gives replace the extractor's.
      const options = { ...(resolved.definition.processorOptions ?? {}), ...parsed.options };
      definition = { ...definition, ...(Object.keys(options).length > 0 ? { processorOptions: options } : {}) };
      if (parsed.definition) input.customFields = jsonSchemaToFields((parsed.definition as JsonSchemaDefinition).schema);
      input.metadata = { [CONFIG_KEY]: configFromDefinition(definition) };
    }
    input.pageRanges = pageRangesOf(configFromDefinition(definition));
    return input;
  }

  /** What a run with an inline JSON Schema config submits. */
  private inlineConfigInput(config: unknown): SubmitInput {
    const parsed = parseExtractConfig(config, { path: 'config', requireSchema: false });
    if (!parsed.definition) {
      // No schema: the built-in model's fields, with the settings and rules given kept for the echo.
      const inferred = { ...builtInConfig(), ...parsed.options, ...(parsed.instructions ? { extractionRules: parsed.instructions } : {}) };
      return { metadata: { [CONFIG_KEY]: inferred }, pageRanges: pageRangesOf(inferred as ExtractConfig) };
    }
    const definition = parsed.definition as JsonSchemaDefinition;
    const fields = jsonSchemaToFields(definition.schema);
    if (fields.length === 0) throw errors.fieldInvalid('config.schema', 'config.schema must define at least one property.');
    const runConfig = configFromDefinition(definition);
    return { customFields: fields, metadata: { [CONFIG_KEY]: runConfig }, pageRanges: pageRangesOf(runConfig) };
  }

  /** The run's own metadata beside the surface's keys, and its file (downloaded now when given by URL). */
  private async withFile(tenantId: string, base: SubmitInput, metadata: unknown, file: unknown, prefix: string): Promise<SubmitInput> {
    const own = metadata ?? {};
    if (!isObject(own)) throw errors.fieldInvalid(`${prefix}metadata`, `${prefix}metadata must be an object.`);
    if (Buffer.byteLength(JSON.stringify(own)) > MAX_METADATA_BYTES) throw errors.fieldInvalid(`${prefix}metadata`, `${prefix}metadata must be at most 10KB.`);
    if (CONFIG_KEY in own) throw errors.fieldInvalid(`${prefix}metadata`, `The metadata key '${CONFIG_KEY}' is reserved.`);
    const input: SubmitInput = { ...base, metadata: { ...own, ...(base.metadata as Record<string, unknown> | undefined) } };
    const read = await this.readFile(tenantId, file, `${prefix}file`);
    if ('fileId' in read) input.fileIds = [read.fileId];
    else input.files = [read];
    return input;
  }

  /**
   * `POST /extract` (Extract File (Sync)): creates the run and answers it once finished. Past
   * `maxWaitMs` the run is answered as it stands (still in progress, 200), never as a 5xx the SDK
   * would retry into a second run.
   */
  async extract(auth: AuthContext, body: CreateRunRequest, dashboardBase: string, options: { maxWaitMs?: number; signal?: AbortSignal } = {}) {
    const created = await this.create(auth, body, dashboardBase);
    const deadline = Date.now() + (options.maxWaitMs ?? 280_000);
    let run = created;
    while ((run.status === 'PENDING' || run.status === 'PROCESSING') && Date.now() < deadline && !options.signal?.aborted) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      run = await this.get(auth.tenantId, created.id, dashboardBase);
    }
    return run;
  }

  async get(tenantId: string, id: string, dashboardBase: string) {
    const item = await this.extractions.get(tenantId, id);
    const [record] = await this.extractions.details([item]);
    return runView(record, dashboardBase);
  }

  async list(tenantId: string, query: ListRunsQuery, dashboardBase: string) {
    const cursor = readPageRequest(query);
    let status: (typeof CORE_STATUS)[RunStatus] | undefined;
    if (query.status !== undefined) {
      status = CORE_STATUS[query.status as RunStatus];
      if (!status) throw errors.fieldInvalid('status', `status must be one of ${Object.keys(CORE_STATUS).join(', ')}.`);
    }
    if (query.sortBy !== undefined && query.sortBy !== 'createdAt' && query.sortBy !== 'updatedAt') {
      throw errors.fieldInvalid('sortBy', 'sortBy must be createdAt or updatedAt.');
    }
    if (query.sortDir !== undefined && query.sortDir !== 'asc' && query.sortDir !== 'desc') {
      throw errors.fieldInvalid('sortDir', 'sortDir must be asc or desc.');
    }
    // Runs here come from the API or from a batch (whose id is their sourceId); no other source makes runs.
    const source = query.source;
    if ((source !== undefined && source !== 'API' && source !== 'BATCH_PROCESSOR_RUN') || (source === 'API' && query.sourceId !== undefined)) {
      return { object: 'list' as const, data: [] };
    }
    const batchId = query.batchId ?? query.sourceId;
    if (query.batchId !== undefined && query.sourceId !== undefined && query.batchId !== query.sourceId) return { object: 'list' as const, data: [] };
    const { items, pagination } = await this.extractions.list(tenantId, {
      page: cursor.page,
      per_page: cursor.perPage,
      status,
      parser_id: query.extractorId,
      filename: query.fileNameContains,
      batch_id: batchId,
      in_batch: source === undefined ? undefined : source === 'BATCH_PROCESSOR_RUN',
      sort: query.sortBy === 'updatedAt' ? 'updated_at' : 'created_at',
      order: query.sortDir ?? 'desc',
    });
    const records = await this.extractions.details(items);
    const token = nextPageToken(cursor, pagination.total);
    return { object: 'list' as const, data: records.map((r) => runSummary(r, dashboardBase)), ...(token ? { nextPageToken: token } : {}) };
  }

  /** Only a run still in progress can be cancelled; Extend answers 400 otherwise. */
  async cancel(tenantId: string, id: string, dashboardBase: string) {
    const { extraction } = await this.extractions.get(tenantId, id);
    if (extraction.status !== 'queued' && extraction.status !== 'processing') {
      throw errors.validation(`The extract run is already ${runStatusWord(extraction.status)} and cannot be cancelled.`, { id: ['not in progress'] });
    }
    await this.extractions.cancel(tenantId, id);
    // A cancellation finishes no document, so no listener hears it: the batch's last run may be this one.
    if (extraction.batch_id) {
      await this.batches.finishIfDone(extraction.batch_id, (trx, finished) => this.events.batchFinished(trx, tenantId, finished, extraction.template_id));
    }
    return this.get(tenantId, id, dashboardBase);
  }

  async delete(tenantId: string, id: string): Promise<{ id: string }> {
    await this.extractions.delete(tenantId, id);
    return { id };
  }

  /** extractor.version: "latest" (default), "draft", a label ("1.0"), or a version id (`prv_…`, `<id>_draft`). */
  private async versionReference(tenantId: string, extractorId: string, version: string | undefined): Promise<string | number | undefined> {
    if (version === undefined || version === 'latest') return undefined;
    if (version === DRAFT || version === draftVersionId(extractorId)) return DRAFT;
    if (/^prv_/.test(version)) {
      for (let page = 1; ; page++) {
        const versions = await this.templates.listVersions(tenantId, extractorId, { page, perPage: 100 });
        const found = versions.items.find((v) => v.id === version);
        if (found) return found.version;
        if (page >= versions.totalPages) break;
      }
      throw errors.notFound('extractor version', version);
    }
    return version;
  }

  private async readFile(tenantId: string, file: unknown, path = 'file'): Promise<IncomingFile | { fileId: string }> {
    if (!isObject(file)) throw errors.fieldInvalid(path, `${path} must be an object: {"url"}, {"id"} or {"text"}.`);
    const name = typeof file.name === 'string' && file.name.trim() !== '' ? file.name : undefined;
    if (typeof file.url === 'string') {
      return fetchDocument({ url: file.url, name, policy: this.policy, maxBytes: this.maxUploadBytes, field: `${path}.url` });
    }
    if (typeof file.id === 'string') {
      await this.files.get(tenantId, file.id);
      return { fileId: file.id };
    }
    if (typeof file.text === 'string') {
      if (file.text.trim() === '') throw errors.fieldInvalid(`${path}.text`, `${path}.text must not be empty.`);
      return { filename: name ?? 'text.txt', bytes: Buffer.from(file.text, 'utf8') };
    }
    throw errors.fieldInvalid(path, `${path} needs one of url, id or text.`);
  }
}

function runStatusWord(status: string): string {
  return { completed: 'processed', failed: 'failed', cancelled: 'cancelled', partial: 'failed' }[status] ?? status;
}
