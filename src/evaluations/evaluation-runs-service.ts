import type { AuthContext } from '../accounts/auth-context.js';
import type { Db } from '../internal/db/database.js';
import type { EvaluationItemRow, EvaluationResultRow, EvaluationRunRow } from '../internal/db/evaluation-tables.js';
import { errors } from '../internal/errors/errors.js';
import { newId, nowIso } from '../internal/ids.js';
import type { ExtractionsService } from '../documents/extractions-service.js';
import { normalizePage, pageInfo, type PageInfo, type PageRequest } from '../documents/pagination.js';
import type { TemplatesService } from '../templates/templates-service.js';
import type { VersionReference } from '../templates/template-types.js';
import { compareRuns } from './compare-runs.js';
import type { EvaluationSetsService } from './evaluation-sets-service.js';
import { EVALUATION_METADATA_KEY } from './evaluation-run-listener.js';
import type { RunSummary } from './score-run.js';
import type { FieldScore } from './scoring/score-item.js';

export interface StartRunInput {
  parserId?: string | null;
  parserVersion?: VersionReference;
  /** 'local' | 'llm' | 'hybrid'; unset follows the parser and DOCSIFT_LLM_MODE. */
  mode?: string | null;
}

/** Documents of a run's extraction by status: the run's progress, as an extraction shows its own. */
export interface RunProgress {
  total: number;
  queued: number;
  processing: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export interface RunDetail {
  run: EvaluationRunRow;
  progress: RunProgress;
  summary: RunSummary | null;
  results: Array<{ item: EvaluationItemRow | null; result: EvaluationResultRow; fields: FieldScore[] }>;
}

/**
 * Evaluation runs: each run extracts every item of a set through one real extraction (the normal
 * queue and pipeline, its credits and its webhooks), and EvaluationRunListener scores it in the
 * transaction that finishes the extraction.
 */
export class EvaluationRunsService {
  private readonly db: Db;
  private readonly sets: EvaluationSetsService;
  private readonly extractions: ExtractionsService;
  private readonly templates: TemplatesService;

  constructor(deps: { db: Db; sets: EvaluationSetsService; extractions: ExtractionsService; templates: TemplatesService }) {
    this.db = deps.db;
    this.sets = deps.sets;
    this.extractions = deps.extractions;
    this.templates = deps.templates;
  }

  async start(auth: AuthContext, setId: string, input: StartRunInput): Promise<RunDetail> {
    const { set, items } = await this.sets.getWithItems(auth.tenantId, setId);
    if (items.length === 0) throw errors.conflict('The evaluation set has no items; add some before running it.');
    const parserId = input.parserId ?? set.parser_id;
    if (!parserId && input.parserVersion !== undefined && input.parserVersion !== null) {
      throw errors.fieldInvalid('parser_version', 'parser_version needs a parser: give parser_id, or bind the set to one.');
    }
    const resolved = parserId ? await this.templates.resolveForRun(auth.tenantId, parserId, input.parserVersion) : null;
    const now = nowIso();
    const run: EvaluationRunRow = {
      id: newId('evr'),
      tenant_id: auth.tenantId,
      set_id: set.id,
      extraction_id: null,
      status: 'queued',
      parser_id: parserId,
      parser_version: resolved?.version ?? null,
      parser_version_label: resolved?.versionLabel ?? null,
      mode: input.mode ?? null,
      detection_type: parserId ? null : (set.document_type ?? 'auto'),
      item_count: items.length,
      summary: null,
      created_at: now,
      updated_at: now,
      completed_at: null,
    };
    // The run row first: its listener finds it by the id in the extraction's metadata, however fast
    // the documents finish. A refused submission (a bad mode, 402) removes it again.
    await this.db.insertInto('evaluation_runs').values(run).execute();
    try {
      const { extraction } = await this.extractions.submit(auth, {
        fileIds: items.map((i) => i.file_id),
        parserId: parserId ?? undefined,
        parserVersion: resolved ? (resolved.version ?? 'draft') : undefined,
        detectionType: run.detection_type ?? undefined,
        extractionMode: input.mode ?? undefined,
        reservedMetadata: { [EVALUATION_METADATA_KEY]: { run_id: run.id, set_id: set.id } },
      });
      await this.db.updateTable('evaluation_runs').set({ extraction_id: extraction.id }).where('id', '=', run.id).execute();
    } catch (err) {
      await this.db.deleteFrom('evaluation_runs').where('id', '=', run.id).where('summary', 'is', null).execute();
      throw err;
    }
    return this.get(auth.tenantId, run.id);
  }

  async get(tenantId: string, id: string): Promise<RunDetail> {
    const found = await this.db.selectFrom('evaluation_runs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!found) throw errors.notFound('evaluation run', id);
    const run = found.summary ? found : await this.refresh(found);
    const summary = run.summary ? (JSON.parse(run.summary) as RunSummary) : null;
    if (!summary) return { run, progress: await this.progress(run), summary: null, results: [] };
    const [rows, items] = await Promise.all([
      this.db.selectFrom('evaluation_results').selectAll().where('run_id', '=', id).execute(),
      this.sets.items(tenantId, run.set_id),
    ]);
    const byId = new Map(items.map((i) => [i.id, i]));
    // In the set's item order; items deleted since keep their results, after the rest.
    const order = new Map(items.map((i, n) => [i.id, n]));
    rows.sort((x, y) => (order.get(x.item_id) ?? Infinity) - (order.get(y.item_id) ?? Infinity) || x.item_id.localeCompare(y.item_id));
    const { completed, failed, total } = summary.items;
    return {
      run,
      progress: { total, queued: 0, processing: 0, completed, failed, cancelled: 0 },
      summary,
      results: rows.map((result) => ({ item: byId.get(result.item_id) ?? null, result, fields: JSON.parse(result.fields) as FieldScore[] })),
    };
  }

  /** An unscored run follows its extraction; one cancelled or deleted before it finished is cancelled. */
  private async refresh(run: EvaluationRunRow): Promise<EvaluationRunRow> {
    if (!run.extraction_id) return run;
    const extraction = await this.db.selectFrom('extractions').select('status').where('id', '=', run.extraction_id).executeTakeFirst();
    const status: EvaluationRunRow['status'] =
      !extraction || !['queued', 'processing'].includes(extraction.status) ? 'cancelled' : (extraction.status as 'queued' | 'processing');
    if (status === run.status) return run;
    if (status === 'cancelled') {
      // The extraction is final: either it was cancelled or deleted, or it just finished and its listener
      // scored the run after the read above. Read again, so a scored run is never shown as cancelled.
      const again = await this.db.selectFrom('evaluation_runs').selectAll().where('id', '=', run.id).executeTakeFirst();
      if (again?.summary) return again;
    }
    const now = nowIso();
    const changes = { status, updated_at: now, completed_at: status === 'cancelled' ? now : null };
    await this.db.updateTable('evaluation_runs').set(changes).where('id', '=', run.id).where('summary', 'is', null).execute();
    return { ...run, ...changes };
  }

  private async progress(run: EvaluationRunRow): Promise<RunProgress> {
    const progress: RunProgress = { total: run.item_count, queued: 0, processing: 0, completed: 0, failed: 0, cancelled: 0 };
    if (!run.extraction_id) {
      progress.queued = run.item_count;
      return progress;
    }
    const docs = await this.db.selectFrom('documents').select('status').where('extraction_id', '=', run.extraction_id).execute();
    for (const d of docs) progress[d.status]++;
    return progress;
  }

  /** A set's runs, newest first. */
  async list(tenantId: string, setId: string, req: PageRequest): Promise<{ runs: EvaluationRunRow[]; pagination: PageInfo }> {
    await this.sets.get(tenantId, setId);
    const { page, perPage, offset } = normalizePage(req);
    const base = this.db.selectFrom('evaluation_runs').where('tenant_id', '=', tenantId).where('set_id', '=', setId);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(perPage).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const runs = await Promise.all(rows.map((r) => (r.summary ? r : this.refresh(r))));
    return { runs, pagination: pageInfo(page, perPage, Number(count.n)) };
  }

  /** Run b against run a (same set, both scored): per field better or worse, and the items that changed. */
  async compare(tenantId: string, aId: string, bId: string) {
    const [a, b] = await Promise.all([this.get(tenantId, aId), this.get(tenantId, bId)]);
    if (a.run.set_id !== b.run.set_id) throw errors.conflict('Only runs of the same evaluation set can be compared.');
    for (const r of [a, b]) {
      if (!r.summary) throw errors.conflict(`The run '${r.run.id}' is ${r.run.status}; only scored runs can be compared.`);
    }
    const scores = (r: RunDetail) => r.results.map((x) => ({ itemId: x.result.item_id, filename: x.item?.filename ?? x.result.item_id, fields: x.fields }));
    return { a, b, comparison: compareRuns({ fields: a.summary!.fields, items: scores(a) }, { fields: b.summary!.fields, items: scores(b) }) };
  }
}
