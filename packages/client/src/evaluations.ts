import { DocsiftPollTimeoutError } from './errors.js';
import type { HttpClient, Query, RequestOptions } from './http.js';
import { paginate } from './pagination.js';
import { prepareFile, type FileInput } from './uploads.js';
import type { PageQuery, ResponseOf, BodyOf } from './types.js';

const enc = encodeURIComponent;

export type EvaluationSet = ResponseOf<'GET /v1/evaluation-sets/{set_id}', 200>['evaluation_set'];
export type EvaluationSetSummary = ResponseOf<'GET /v1/evaluation-sets', 200>['evaluation_sets'][number];
export type EvaluationItem = ResponseOf<'POST /v1/evaluation-sets/{set_id}/items', 201>['item'];
export type EvaluationRun = ResponseOf<'GET /v1/evaluation-runs/{run_id}', 200>['evaluation_run'];
export type EvaluationRunSummary = ResponseOf<'GET /v1/evaluation-sets/{set_id}/runs', 200>['evaluation_runs'][number];
export type EvaluationComparison = ResponseOf<'GET /v1/evaluation-runs/{run_id}/compare/{other_run_id}', 200>['comparison'];
export type CreateEvaluationSetInput = BodyOf<'POST /v1/evaluation-sets'>;
export type StartEvaluationRunInput = NonNullable<BodyOf<'POST /v1/evaluation-sets/{set_id}/runs'>>;

/** An item from a reviewed document, an uploaded file's id with its expected output, or a file to upload with it. */
export type AddEvaluationItemInput =
  | { document_id: string }
  | { file_id: string; expected: Record<string, unknown> }
  | { file: FileInput; expected: Record<string, unknown> };

export interface WaitForRunOptions {
  /** Wait between two checks (default 1000 ms). */
  intervalMs?: number;
  /** Give up after this long (default 30 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (run: EvaluationRun) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Evaluation sets (documents with expected outputs) and their runs: how accurate a parser version or an
 * extraction mode is on your own documents, per field, and what changed between two runs.
 */
export class Evaluations {
  constructor(private readonly http: HttpClient) {}

  async createSet(input: CreateEvaluationSetInput, options?: RequestOptions): Promise<EvaluationSet> {
    return (await this.http.json<{ evaluation_set: EvaluationSet }>({ method: 'POST', path: '/v1/evaluation-sets', json: input, idempotent: true }, options)).evaluation_set;
  }

  listSets(query: PageQuery = {}, options?: RequestOptions): Promise<ResponseOf<'GET /v1/evaluation-sets', 200>> {
    return this.http.json({ method: 'GET', path: '/v1/evaluation-sets', query: query as Query }, options);
  }

  listSetsAll(query: PageQuery = {}): AsyncGenerator<EvaluationSetSummary, void, undefined> {
    return paginate(async (page, per_page) => {
      const r = await this.listSets({ page, per_page });
      return { items: r.evaluation_sets, pagination: r.pagination };
    }, query);
  }

  /** A set with its items and their expected outputs. */
  async getSet(setId: string, options?: RequestOptions): Promise<EvaluationSet> {
    return (await this.http.json<{ evaluation_set: EvaluationSet }>({ method: 'GET', path: `/v1/evaluation-sets/${enc(setId)}` }, options)).evaluation_set;
  }

  /** Deletes the set, its items, runs and their extractions; the documents its items came from stay. */
  deleteSet(setId: string, options?: RequestOptions): Promise<ResponseOf<'DELETE /v1/evaluation-sets/{set_id}', 200>> {
    return this.http.json({ method: 'DELETE', path: `/v1/evaluation-sets/${enc(setId)}` }, options);
  }

  /** Adds an item: `{document_id}` makes a reviewed document's reviewed output the expectation. */
  async addItem(setId: string, input: AddEvaluationItemInput, options?: RequestOptions): Promise<EvaluationItem> {
    const path = `/v1/evaluation-sets/${enc(setId)}/items`;
    if ('file' in input) {
      const prepared = await prepareFile(input.file, this.http.fetch);
      const form = () => {
        const fd = new FormData();
        fd.append('file', prepared.blob, prepared.filename);
        fd.append('expected', JSON.stringify(input.expected));
        return fd;
      };
      return (await this.http.json<{ item: EvaluationItem }>({ method: 'POST', path, form, idempotent: true }, options)).item;
    }
    return (await this.http.json<{ item: EvaluationItem }>({ method: 'POST', path, json: input, idempotent: true }, options)).item;
  }

  deleteItem(setId: string, itemId: string, options?: RequestOptions): Promise<ResponseOf<'DELETE /v1/evaluation-sets/{set_id}/items/{item_id}', 200>> {
    return this.http.json({ method: 'DELETE', path: `/v1/evaluation-sets/${enc(setId)}/items/${enc(itemId)}` }, options);
  }

  /** Starts a run (202): every item extracted with the given parser version or mode, then scored. */
  async run(setId: string, input: StartEvaluationRunInput = {}, options?: RequestOptions): Promise<EvaluationRun> {
    const path = `/v1/evaluation-sets/${enc(setId)}/runs`;
    return (await this.http.json<{ evaluation_run: EvaluationRun }>({ method: 'POST', path, json: input, idempotent: true }, options)).evaluation_run;
  }

  listRuns(setId: string, query: PageQuery = {}, options?: RequestOptions): Promise<ResponseOf<'GET /v1/evaluation-sets/{set_id}/runs', 200>> {
    return this.http.json({ method: 'GET', path: `/v1/evaluation-sets/${enc(setId)}/runs`, query: query as Query }, options);
  }

  /** A run: progress while it runs; once completed, per-field figures, calibration, ms per page and item scores. */
  async getRun(runId: string, options?: RequestOptions): Promise<EvaluationRun> {
    return (await this.http.json<{ evaluation_run: EvaluationRun }>({ method: 'GET', path: `/v1/evaluation-runs/${enc(runId)}` }, options)).evaluation_run;
  }

  /** Polls a run until it is scored (completed) or cancelled. */
  async waitForRun(runId: string, options: WaitForRunOptions = {}): Promise<EvaluationRun> {
    const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
    for (;;) {
      const run = await this.getRun(runId, { signal: options.signal });
      options.onProgress?.(run);
      if (run.status === 'completed' || run.status === 'cancelled') return run;
      if (Date.now() > deadline) throw new DocsiftPollTimeoutError(`The evaluation run ${runId} is still ${run.status} after ${options.timeoutMs ?? 1_800_000} ms.`, run);
      options.signal?.throwIfAborted();
      await sleep(options.intervalMs ?? 1000);
    }
  }

  /** Run `otherRunId` against `runId` (same set): per field better or worse, and the items that changed. */
  async compare(runId: string, otherRunId: string, options?: RequestOptions): Promise<EvaluationComparison> {
    const path = `/v1/evaluation-runs/${enc(runId)}/compare/${enc(otherRunId)}`;
    return (await this.http.json<{ comparison: EvaluationComparison }>({ method: 'GET', path }, options)).comparison;
  }
}
