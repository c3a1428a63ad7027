import type { Db } from '../internal/db/database.js';
import type { EvaluationItemRow, EvaluationSetRow } from '../internal/db/evaluation-tables.js';
import { AppError } from '../internal/errors/app-error.js';
import { errors } from '../internal/errors/errors.js';
import { newId, nowIso } from '../internal/ids.js';
import type { ExtractionsService } from '../documents/extractions-service.js';
import type { FilesService, IncomingFile } from '../documents/files-service.js';
import { normalizePage, pageInfo, type PageInfo, type PageRequest } from '../documents/pagination.js';
import { parseStoredResult } from '../documents/result-view.js';
import { DETECTION_TYPES, MAX_DOCUMENTS_PER_EXTRACTION } from '../documents/submit-input.js';
import type { TemplatesService } from '../templates/templates-service.js';

/** A run extracts every item in one extraction, so a set holds at most as many items as one extraction. */
export const MAX_ITEMS_PER_SET = MAX_DOCUMENTS_PER_EXTRACTION;
const MAX_EXPECTED_BYTES = 1024 * 1024;

export interface CreateSetInput {
  name: string;
  description?: string | null;
  parserId?: string | null;
  documentType?: string | null;
}

/** Where an item's file and expected output come from: an upload, an uploaded file's id, or a reviewed document. */
export type NewItemInput =
  | { kind: 'upload'; file: IncomingFile; expected: unknown }
  | { kind: 'file'; fileId: string; expected: unknown }
  | { kind: 'document'; documentId: string };

export interface SetWithItems {
  set: EvaluationSetRow;
  items: EvaluationItemRow[];
}

/**
 * Evaluation sets and their items, tenant-scoped. Each item keeps its own copy of its file (origin
 * 'evaluation'), so a set and the documents it was built from never delete each other's files.
 */
export class EvaluationSetsService {
  private readonly db: Db;
  private readonly files: FilesService;
  private readonly templates: TemplatesService;
  private readonly extractions: ExtractionsService;

  constructor(deps: { db: Db; files: FilesService; templates: TemplatesService; extractions: ExtractionsService }) {
    this.db = deps.db;
    this.files = deps.files;
    this.templates = deps.templates;
    this.extractions = deps.extractions;
  }

  async create(tenantId: string, input: CreateSetInput): Promise<EvaluationSetRow> {
    const name = input.name.trim();
    if (!name) throw errors.fieldInvalid('name', 'The name must not be empty.');
    if (input.documentType && !(DETECTION_TYPES as readonly string[]).includes(input.documentType)) {
      throw errors.fieldInvalid('document_type', `document_type must be one of ${DETECTION_TYPES.join(', ')}.`);
    }
    if (input.parserId) await this.templates.get(tenantId, input.parserId);
    const now = nowIso();
    const row: EvaluationSetRow = {
      id: newId('evs'),
      tenant_id: tenantId,
      name,
      description: input.description ?? null,
      parser_id: input.parserId ?? null,
      document_type: input.documentType ?? null,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('evaluation_sets').values(row).execute();
    return row;
  }

  async get(tenantId: string, id: string): Promise<EvaluationSetRow> {
    const row = await this.db.selectFrom('evaluation_sets').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw errors.notFound('evaluation set', id);
    return row;
  }

  async getWithItems(tenantId: string, id: string): Promise<SetWithItems> {
    const set = await this.get(tenantId, id);
    return { set, items: await this.items(tenantId, id) };
  }

  async items(tenantId: string, setId: string): Promise<EvaluationItemRow[]> {
    return this.db
      .selectFrom('evaluation_items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('set_id', '=', setId)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
  }

  /** Sets newest first, each with its item count. */
  async list(tenantId: string, req: PageRequest): Promise<{ sets: Array<EvaluationSetRow & { item_count: number }>; pagination: PageInfo }> {
    const { page, perPage, offset } = normalizePage(req);
    const base = this.db.selectFrom('evaluation_sets').where('tenant_id', '=', tenantId);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(perPage).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const counts = rows.length
      ? await this.db
          .selectFrom('evaluation_items')
          .select(['set_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('set_id', 'in', rows.map((r) => r.id))
          .groupBy('set_id')
          .execute()
      : [];
    const bySet = new Map(counts.map((c) => [c.set_id, Number(c.n)]));
    return { sets: rows.map((r) => ({ ...r, item_count: bySet.get(r.id) ?? 0 })), pagination: pageInfo(page, perPage, Number(count.n)) };
  }

  /** Adds one item; a reviewed document's reviewed output becomes the expectation. */
  async addItem(tenantId: string, setId: string, input: NewItemInput): Promise<EvaluationItemRow> {
    await this.get(tenantId, setId);
    // Not atomic with the insert: two concurrent adds may pass at 99; the run's extraction still refuses
    // more than MAX_DOCUMENTS_PER_EXTRACTION with a clear 400.
    const count = await this.db
      .selectFrom('evaluation_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('set_id', '=', setId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ITEMS_PER_SET) throw errors.conflict(`An evaluation set holds at most ${MAX_ITEMS_PER_SET} items.`);

    let source: { file: IncomingFile; expected: Record<string, unknown>; documentId: string | null; extractionId: string | null };
    if (input.kind === 'document') {
      source = await this.fromDocument(tenantId, input.documentId);
    } else if (input.kind === 'file') {
      const file = await this.files.get(tenantId, input.fileId).catch((err: unknown) => {
        throw isNotFound(err) ? errors.fieldInvalid('file_id', `The file '${input.fileId}' does not exist.`) : err;
      });
      source = { file: { filename: file.filename, bytes: await this.files.bytes(file) }, expected: checkExpected(input.expected), documentId: null, extractionId: null };
    } else {
      source = { file: input.file, expected: checkExpected(input.expected), documentId: null, extractionId: null };
    }
    // The item's own copy of the bytes: checked like any upload (415 for an unsupported format).
    const prepared = await this.files.prepare([source.file]);
    try {
      return await this.db.transaction().execute(async (trx) => {
        const [file] = await this.files.insert(trx, tenantId, prepared, 'evaluation');
        const item: EvaluationItemRow = {
          id: newId('evi'),
          tenant_id: tenantId,
          set_id: setId,
          file_id: file.id,
          filename: file.filename,
          expected: JSON.stringify(source.expected),
          source_document_id: source.documentId,
          source_extraction_id: source.extractionId,
          created_at: nowIso(),
        };
        await trx.insertInto('evaluation_items').values(item).execute();
        await trx.updateTable('evaluation_sets').set({ updated_at: item.created_at }).where('id', '=', setId).execute();
        return item;
      });
    } catch (err) {
      await this.files.discard(prepared);
      throw err;
    }
  }

  private async fromDocument(tenantId: string, documentId: string) {
    const doc = await this.db.selectFrom('documents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', documentId).executeTakeFirst();
    if (!doc) throw errors.notFound('document', documentId);
    const review = doc.status === 'completed' ? parseStoredResult(doc)?.review : undefined;
    if (!review) {
      throw errors.conflict(`The document '${documentId}' has not been reviewed; review it first (PUT /v1/extractions/:id/documents/:document_id/review), its reviewed output becomes the expected output.`);
    }
    const file = await this.files.get(tenantId, doc.file_id);
    return { file: { filename: doc.filename, bytes: await this.files.bytes(file) }, expected: review.data, documentId: doc.id, extractionId: doc.extraction_id };
  }

  async deleteItem(tenantId: string, setId: string, itemId: string): Promise<void> {
    await this.get(tenantId, setId);
    const item = await this.db
      .selectFrom('evaluation_items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('set_id', '=', setId)
      .where('id', '=', itemId)
      .executeTakeFirst();
    if (!item) throw errors.notFound('evaluation item', itemId);
    await this.assertNoRunInProgress(setId);
    const file = await this.db.selectFrom('files').selectAll().where('id', '=', item.file_id).execute();
    await this.db.deleteFrom('evaluation_items').where('id', '=', itemId).execute();
    await this.files.deleteRows(file);
  }

  /**
   * Deletes the set, its items and their file copies, its runs, their results and the extractions the
   * runs made. The documents its items were made from stay as they are.
   */
  async delete(tenantId: string, id: string): Promise<void> {
    await this.get(tenantId, id);
    const runs = await this.db.selectFrom('evaluation_runs').select(['id', 'extraction_id']).where('tenant_id', '=', tenantId).where('set_id', '=', id).execute();
    for (const run of runs) {
      // A run's extraction the user already deleted is simply gone.
      if (run.extraction_id) {
        await this.extractions.delete(tenantId, run.extraction_id).catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
        });
      }
    }
    const items = await this.items(tenantId, id);
    const files = items.length
      ? await this.db.selectFrom('files').selectAll().where('id', 'in', items.map((i) => i.file_id)).where('origin', '=', 'evaluation').execute()
      : [];
    await this.db.transaction().execute(async (trx) => {
      if (runs.length) await trx.deleteFrom('evaluation_results').where('run_id', 'in', runs.map((r) => r.id)).execute();
      await trx.deleteFrom('evaluation_runs').where('set_id', '=', id).execute();
      await trx.deleteFrom('evaluation_items').where('set_id', '=', id).execute();
      await trx.deleteFrom('evaluation_sets').where('id', '=', id).execute();
    });
    await this.files.deleteRows(files);
  }

  /** A run whose extraction is still queued or processing uses the items' files. */
  private async assertNoRunInProgress(setId: string): Promise<void> {
    const running = await this.db
      .selectFrom('evaluation_runs')
      .innerJoin('extractions', 'extractions.id', 'evaluation_runs.extraction_id')
      .select('evaluation_runs.id')
      .where('evaluation_runs.set_id', '=', setId)
      .where('evaluation_runs.summary', 'is', null)
      .where('extractions.status', 'in', ['queued', 'processing'])
      .executeTakeFirst();
    if (running) throw errors.conflict(`The run '${running.id}' of this set is in progress; change its items when it has finished.`);
  }
}

/** An expected output is a JSON object of field values (a form field arrives as JSON text). */
export function checkExpected(value: unknown): Record<string, unknown> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw errors.fieldInvalid('expected', 'expected must be a JSON object of field values.');
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw errors.fieldInvalid('expected', 'expected must be a JSON object of field values, e.g. {"total_amount": 120}.');
  }
  if (JSON.stringify(parsed).length > MAX_EXPECTED_BYTES) throw errors.fieldInvalid('expected', 'expected is larger than 1 MB.');
  return parsed as Record<string, unknown>;
}

function isNotFound(err: unknown): boolean {
  return err instanceof AppError && err.code === 'NOT_FOUND';
}
