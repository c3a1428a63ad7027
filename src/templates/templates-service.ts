import { sql } from 'kysely';
import type { Db } from '../internal/db/database.js';
import { errors } from '../internal/errors/errors.js';
import { newId, nowIso } from '../internal/ids.js';
import { countTopLevelFields, definitionFields, definitionJsonSchema } from './convert-definition.js';
import { definitionError, type DefinitionIssue } from './definition-issues.js';
import { checkDefinitionInput, parseExtractionMode, readStoredDefinition, type DefinitionInput } from './parse-definition.js';
import { checkName, checkOptionalBoolean, checkOptionalText, TEMPLATE_LIMITS } from './template-attributes.js';
import { DEFINITION_LIMITS, type ExtractionModeName, type TemplateDefinition } from './template-definition.js';
import { toTemplate, toTemplateVersion, type TemplatesDb, type VersionRow } from './template-rows.js';
import type {
  CreateTemplateInput,
  ListTemplatesOptions,
  Page,
  PageOptions,
  PublishVersionInput,
  ResolvedTemplate,
  Template,
  TemplateVersion,
  UpdateTemplateInput,
  VersionReference,
} from './template-types.js';
import { containsIgnoringCase, pageBounds } from './list-queries.js';
import { checkProcessorOptions, withProcessorOptions } from './processor-options.js';
import type { TemplateChange, TemplateListener } from './template-listener.js';
import { describeVersionSelector, nextRelease, parseVersionReference, type VersionSelector } from './version-numbers.js';
import { lockRows } from '../internal/db/row-locks.js';

/** The most templates one document is matched against. */
const MAX_MATCH_CANDIDATES = 200;

/**
 * Templates and their versions: one editable draft per template, and immutable numbered snapshots of
 * it that extractions can pin. Every query is scoped by tenant; another tenant's template is "not found".
 */
export class TemplatesService {
  private readonly db: TemplatesDb;
  private readonly listeners: TemplateListener[] = [];

  constructor(deps: { db: Db }) {
    this.db = deps.db;
  }

  /** Told of every change inside its transaction (e.g. a surface's webhook events). */
  addListener(listener: TemplateListener): void {
    this.listeners.push(listener);
  }

  private async notify(trx: TemplatesDb, tenantId: string, id: string, change: (template: Template) => TemplateChange): Promise<void> {
    if (this.listeners.length === 0) return;
    const template = toTemplate(await this.selectTemplates(tenantId, trx).where('t.id', '=', id).executeTakeFirstOrThrow());
    for (const listener of this.listeners) await listener.templateChanged(trx, tenantId, change(template));
  }

  async create(tenantId: string, input: CreateTemplateInput): Promise<Template> {
    const issues: DefinitionIssue[] = [];
    const name = checkName(input.name, 'name', issues);
    const description = checkOptionalText(input.description, 'description', TEMPLATE_LIMITS.maxDescriptionLength, issues);
    const documentType = checkOptionalText(input.documentType, 'document_type', TEMPLATE_LIMITS.maxDocumentTypeLength, issues);
    const processorOptions = checkProcessorOptions(input.processorOptions, issues);
    const autoMatch = checkOptionalBoolean(input.autoMatch, 'auto_match', issues);
    const collected = collectDefinition(input, issues);
    if (issues.length > 0 || name === undefined || !collected) throw definitionError(issues, 'parser');
    const definition = withProcessorOptions(collected, processorOptions ?? null);

    const now = nowIso();
    const id = newId('prs');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('templates')
        .values({
          id,
          tenant_id: tenantId,
          name,
          description: description ?? null,
          document_type: documentType ?? null,
          draft: JSON.stringify(definition),
          latest_version: null,
          created_at: now,
          updated_at: now,
          auto_match: autoMatch === false ? 0 : 1,
        })
        .execute();
      await this.notify(trx, tenantId, id, (template) => ({ type: 'created', template }));
    });
    return this.get(tenantId, id);
  }

  async get(tenantId: string, id: string): Promise<Template> {
    const row = await this.selectTemplates(tenantId).where('t.id', '=', id).executeTakeFirst();
    if (!row) throw errors.notFound('parser', id);
    return toTemplate(row);
  }

  /** Newest first unless `sort`/`order` say otherwise. `name` and `search` match case-insensitive substrings. */
  async list(tenantId: string, options: ListTemplatesOptions = {}): Promise<Page<Template>> {
    const { page, perPage } = pageBounds(options);
    const conditions = [
      ...(options.name ? [containsIgnoringCase('t.name', options.name)] : []),
      ...(options.search
        ? [sql<boolean>`(${containsIgnoringCase('t.name', options.search)} or ${containsIgnoringCase('t.description', options.search)})`]
        : []),
    ];
    let counting = this.db.selectFrom('templates as t').where('t.tenant_id', '=', tenantId);
    let query = this.selectTemplates(tenantId);
    for (const condition of conditions) {
      counting = counting.where(condition);
      query = query.where(condition);
    }
    const counted = await counting.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const total = Number(counted.n);
    const order = options.order ?? 'desc';
    const rows = await query
      .orderBy(options.sort === 'updated_at' ? 't.updated_at' : 't.created_at', order)
      .orderBy('t.id', order)
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute();
    return { items: rows.map(toTemplate), page, perPage, total, totalPages: Math.ceil(total / perPage) };
  }

  /** Changes the template and its draft; published versions are untouched. */
  async update(tenantId: string, id: string, input: UpdateTemplateInput): Promise<Template> {
    const issues: DefinitionIssue[] = [];
    const name = input.name === undefined ? undefined : checkName(input.name, 'name', issues);
    const description = checkOptionalText(input.description, 'description', TEMPLATE_LIMITS.maxDescriptionLength, issues);
    const documentType = checkOptionalText(input.documentType, 'document_type', TEMPLATE_LIMITS.maxDocumentTypeLength, issues);
    const instructions = checkOptionalText(input.instructions, 'instructions', DEFINITION_LIMITS.maxInstructionsLength, issues);
    const replacesDefinition = input.fields != null || input.schema != null;
    const definition = replacesDefinition ? collectDefinition({ fields: input.fields, schema: input.schema }, issues) : undefined;
    const processorOptions = checkProcessorOptions(input.processorOptions, issues);
    const extractionMode = input.extractionMode === null ? null : parseExtractionMode(input.extractionMode, 'extraction_mode', issues);
    const autoMatch = checkOptionalBoolean(input.autoMatch, 'auto_match', issues);
    if (issues.length > 0) throw definitionError(issues, 'parser');

    await this.db.transaction().execute(async (trx) => {
      // Locked: the new draft is merged from the current one, so a concurrent update must not slip in between.
      const current = await trx
        .selectFrom('templates')
        .select(['draft'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .$call(lockRows(trx))
        .executeTakeFirst();
      if (!current) throw errors.notFound('parser', id);

      // New fields or schema keep the draft's instructions and processor options unless new ones are given, and vice versa.
      let draft: TemplateDefinition | undefined;
      if (definition || instructions !== undefined || processorOptions !== undefined || extractionMode !== undefined) {
        const previous = readStoredDefinition(current.draft, `template ${id}`);
        draft = withInstructions(definition ?? previous, instructions !== undefined ? instructions : (previous.instructions ?? null));
        draft = withProcessorOptions(draft, processorOptions !== undefined ? processorOptions : (previous.processorOptions ?? null));
        draft = withExtractionMode(draft, extractionMode !== undefined ? extractionMode : (previous.extractionMode ?? null));
      }

      await trx
        .updateTable('templates')
        .set({
          ...(name !== undefined ? { name } : {}),
          ...(description !== undefined ? { description } : {}),
          ...(documentType !== undefined ? { document_type: documentType } : {}),
          ...(draft ? { draft: JSON.stringify(draft) } : {}),
          ...(autoMatch !== undefined ? { auto_match: autoMatch ? 1 : 0 } : {}),
          updated_at: nowIso(),
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
      const attributesChanged = name !== undefined || description !== undefined || documentType !== undefined || autoMatch !== undefined;
      await this.notify(trx, tenantId, id, (template) => ({ type: 'updated', template, draftChanged: draft !== undefined, attributesChanged }));
    });
    return this.get(tenantId, id);
  }

  /** Deletes the template and all its versions. Extractions keep their results. */
  async delete(tenantId: string, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = this.listeners.length > 0 ? await this.selectTemplates(tenantId, trx).where('t.id', '=', id).executeTakeFirst() : undefined;
      const result = await trx.deleteFrom('templates').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw errors.notFound('parser', id);
      // The foreign key cascades on SQLite with foreign_keys=ON; delete explicitly so no dialect depends on it.
      await trx.deleteFrom('template_versions').where('tenant_id', '=', tenantId).where('template_id', '=', id).execute();
      if (before) for (const listener of this.listeners) await listener.templateChanged(trx, tenantId, { type: 'deleted', template: toTemplate(before) });
    });
  }

  /** Freezes the current draft as the next version: sequence number + 1, label by release type. */
  async publishVersion(tenantId: string, id: string, input: PublishVersionInput = {}): Promise<TemplateVersion> {
    const issues: DefinitionIssue[] = [];
    const description = checkOptionalText(input.description, 'description', TEMPLATE_LIMITS.maxVersionDescriptionLength, issues);
    const releaseType = input.releaseType ?? 'major';
    if (releaseType !== 'major' && releaseType !== 'minor') {
      issues.push({ path: 'release_type', message: `release_type must be 'major' or 'minor', got '${String(releaseType)}'.` });
    }
    if (issues.length > 0) throw definitionError(issues, 'version');

    const versionId = newId('prv');
    await this.db.transaction().execute(async (trx) => {
      // Locked: a concurrent publish waits and then numbers its version after this one.
      const template = await trx
        .selectFrom('templates')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .$call(lockRows(trx))
        .executeTakeFirst();
      if (!template) throw errors.notFound('parser', id);
      assertRunnable(readStoredDefinition(template.draft, `template ${id}`), 'publish');

      const previous =
        template.latest_version === null
          ? null
          : await trx
              .selectFrom('template_versions')
              .select(['major', 'minor'])
              .where('template_id', '=', id)
              .where('version', '=', template.latest_version)
              .executeTakeFirst();
      const release = nextRelease(previous ?? null, releaseType);
      const version = (template.latest_version ?? 0) + 1;
      const now = nowIso();

      // Compare-and-set on latest_version: of two concurrent publishes (possible on Postgres), one
      // moves it and the other updates no row and stops here, instead of colliding on the version number.
      const moved = await trx
        .updateTable('templates')
        .set({ latest_version: version, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where((eb) =>
          template.latest_version === null ? eb('latest_version', 'is', null) : eb('latest_version', '=', template.latest_version),
        )
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) {
        throw errors.conflict('Another version of this parser was published at the same time; retry.');
      }
      await trx
        .insertInto('template_versions')
        .values({
          id: versionId,
          tenant_id: tenantId,
          template_id: id,
          version,
          major: release.major,
          minor: release.minor,
          definition: template.draft,
          document_type: template.document_type,
          description: description ?? null,
          created_at: now,
        })
        .execute();
      if (this.listeners.length > 0) {
        const published = toTemplateVersion(await this.selectVersions(tenantId, id, trx).where('id', '=', versionId).executeTakeFirstOrThrow());
        await this.notify(trx, tenantId, id, (template) => ({ type: 'version_published', template, version: published }));
      }
    });
    const row = await this.selectVersions(tenantId, id).where('id', '=', versionId).executeTakeFirstOrThrow();
    return toTemplateVersion(row);
  }

  /** Newest first (`order: 'asc'`: oldest first). */
  async listVersions(tenantId: string, id: string, options: PageOptions & { order?: 'asc' | 'desc' } = {}): Promise<Page<TemplateVersion>> {
    await this.assertTemplateExists(tenantId, id);
    const { page, perPage } = pageBounds(options);
    const counted = await this.db
      .selectFrom('template_versions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('template_id', '=', id)
      .executeTakeFirstOrThrow();
    const total = Number(counted.n);
    const rows = await this.selectVersions(tenantId, id)
      .orderBy('version', options.order ?? 'desc')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute();
    return { items: rows.map(toTemplateVersion), page, perPage, total, totalPages: Math.ceil(total / perPage) };
  }

  /** A published version by sequence number (3, "3"), label ("1.1") or "latest". */
  async getVersion(tenantId: string, id: string, reference: VersionReference): Promise<TemplateVersion> {
    const selector = parseVersionReference(reference, 'version');
    if (selector.kind === 'draft') {
      throw errors.validation('The draft is not a published version; read it from the parser itself.', {
        version: ['use a version number, a label such as 1.0, or latest.'],
      });
    }
    const template = await this.assertTemplateExists(tenantId, id);
    const row = await this.findVersion(tenantId, id, selector, template.latest_version);
    if (!row) throw errors.notFound('parser version', describeVersionSelector(selector, reference));
    return toTemplateVersion(row);
  }

  /**
   * The definition an extraction runs with. No reference (or "latest") means the latest published
   * version, or the draft while nothing is published; "draft" always means the draft. Throws
   * NOT_FOUND for an unknown template or version and VALIDATION_ERROR for a definition with no fields.
   */
  async resolveForRun(tenantId: string, templateId: string, reference?: VersionReference): Promise<ResolvedTemplate> {
    const selector = parseVersionReference(reference, 'parser_version');
    const template = await this.db
      .selectFrom('templates')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', templateId)
      .executeTakeFirst();
    if (!template) throw errors.notFound('parser', templateId);

    const useDraft = selector.kind === 'draft' || (selector.kind === 'latest' && template.latest_version === null);
    let resolved: Omit<ResolvedTemplate, 'fields' | 'schema'>;
    if (useDraft) {
      resolved = {
        templateId,
        version: null,
        versionLabel: 'draft',
        name: template.name,
        description: template.description,
        documentType: template.document_type,
        definition: readStoredDefinition(template.draft, `template ${templateId}`),
      };
    } else {
      const row = await this.findVersion(tenantId, templateId, selector, template.latest_version);
      if (!row) throw errors.notFound('parser version', describeVersionSelector(selector, reference));
      const version = toTemplateVersion(row);
      resolved = {
        templateId,
        version: version.version,
        versionLabel: version.label,
        name: template.name,
        description: template.description,
        documentType: version.documentType,
        definition: version.definition,
      };
    }
    assertRunnable(resolved.definition, 'run');
    return { ...resolved, fields: definitionFields(resolved.definition), schema: definitionJsonSchema(resolved.definition) };
  }

  /**
   * The templates a document submitted without one may be matched to: those not opted out, each as it
   * would run (latest published version, or the draft), oldest first. A template that cannot run (no
   * fields yet) is left out. At most `MAX_MATCH_CANDIDATES`, so a tenant's long tail cannot slow every document.
   */
  async listMatchCandidates(tenantId: string): Promise<ResolvedTemplate[]> {
    const rows = await this.db
      .selectFrom('templates')
      .select(['id'])
      .where('tenant_id', '=', tenantId)
      .where('auto_match', '=', 1)
      .orderBy('created_at')
      .orderBy('id')
      .limit(MAX_MATCH_CANDIDATES)
      .execute();
    const resolved: ResolvedTemplate[] = [];
    for (const row of rows) {
      try {
        resolved.push(await this.resolveForRun(tenantId, row.id));
      } catch {
        // Deleted meanwhile, or no fields to extract: not a candidate.
      }
    }
    return resolved;
  }

  private selectTemplates(tenantId: string, db: TemplatesDb = this.db) {
    return db
      .selectFrom('templates as t')
      .leftJoin('template_versions as v', (join) =>
        join.onRef('v.template_id', '=', 't.id').onRef('v.version', '=', 't.latest_version'),
      )
      .selectAll('t')
      .select([
        'v.major as latest_major',
        'v.minor as latest_minor',
        'v.created_at as latest_created_at',
        'v.definition as latest_definition',
        'v.document_type as latest_document_type',
      ])
      .where('t.tenant_id', '=', tenantId);
  }

  private selectVersions(tenantId: string, templateId: string, db: TemplatesDb = this.db) {
    return db
      .selectFrom('template_versions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('template_id', '=', templateId);
  }

  private async findVersion(
    tenantId: string,
    templateId: string,
    selector: Exclude<VersionSelector, { kind: 'draft' }>,
    latestVersion: number | null,
  ): Promise<VersionRow | undefined> {
    const query = this.selectVersions(tenantId, templateId);
    switch (selector.kind) {
      case 'latest':
        return latestVersion === null ? undefined : query.where('version', '=', latestVersion).executeTakeFirst();
      case 'number':
        return query.where('version', '=', selector.version).executeTakeFirst();
      case 'label':
        return query.where('major', '=', selector.major).where('minor', '=', selector.minor).executeTakeFirst();
    }
  }

  private async assertTemplateExists(tenantId: string, id: string): Promise<{ latest_version: number | null }> {
    const row = await this.db
      .selectFrom('templates')
      .select(['latest_version'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw errors.notFound('parser', id);
    return row;
  }
}

function collectDefinition(input: DefinitionInput, issues: DefinitionIssue[]): TemplateDefinition | undefined {
  const result = checkDefinitionInput(input);
  if (result.ok) return result.value;
  issues.push(...result.issues);
  return undefined;
}

function withInstructions(definition: TemplateDefinition, instructions: string | null): TemplateDefinition {
  const { instructions: _previous, ...rest } = definition;
  const text = instructions?.trim() ? instructions : undefined;
  return (text !== undefined ? { ...rest, instructions: text } : rest) as TemplateDefinition;
}

function withExtractionMode(definition: TemplateDefinition, mode: ExtractionModeName | null): TemplateDefinition {
  const { extractionMode: _previous, ...rest } = definition;
  return (mode ? { ...rest, extractionMode: mode } : rest) as TemplateDefinition;
}

function assertRunnable(definition: TemplateDefinition, action: 'publish' | 'run'): void {
  if (countTopLevelFields(definition) > 0) return;
  const key = definition.format === 'fields' ? 'fields' : 'schema';
  throw errors.validation(`The parser has no fields; add fields before you ${action} it.`, {
    [key]: ['at least one field is needed.'],
  });
}
