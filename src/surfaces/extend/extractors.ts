import { errors } from '../../internal/errors/errors.js';
import type { TemplatesService } from '../../templates/templates-service.js';
import type { TemplateDefinition } from '../../templates/template-definition.js';
import { definitionJsonSchema } from '../../templates/convert-definition.js';
import { parseExtractConfig } from './extract-config.js';
import { DRAFT, draftVersionId, draftVersionView, extractorSummary, extractorView, versionSummary, versionView } from './extractor-view.js';
import { nextPageToken, readPageRequest } from './page-token.js';

const EMPTY_SCHEMA = { type: 'object', properties: {} };

type DefinitionParts = { schema?: unknown; fields?: unknown; instructions: string | null; processorOptions?: Record<string, unknown> | null };

/** The parts of a template definition the core's create and update take. */
function definitionInput(definition: TemplateDefinition): DefinitionParts {
  const common = { instructions: definition.instructions ?? null, processorOptions: definition.processorOptions ?? null };
  return definition.format === 'json_schema' ? { schema: definition.schema, ...common } : { fields: definition.fields, ...common };
}

/** The processor options after a config: the given keys replace the draft's, the others stay. */
function mergedOptions(draft: TemplateDefinition, given: Record<string, unknown>): { processorOptions?: Record<string, unknown> } {
  return Object.keys(given).length > 0 ? { processorOptions: { ...(draft.processorOptions ?? {}), ...given } } : {};
}

/** Extend's extractors and extractor versions over the core's templates (same ids, same versions). */
export class Extractors {
  constructor(private readonly templates: TemplatesService) {}

  async create(tenantId: string, body: { name?: unknown; config?: unknown; cloneExtractorId?: unknown; generate?: unknown }) {
    if (typeof body.name !== 'string') throw errors.fieldInvalid('name', 'name is required.');
    if (body.generate !== undefined) throw errors.fieldInvalid('generate', 'Generating a schema from files is not supported; give config.schema.');
    if (body.config !== undefined && body.cloneExtractorId !== undefined) {
      throw errors.fieldInvalid('config', 'Give config or cloneExtractorId, not both.');
    }
    let input: DefinitionParts = { schema: EMPTY_SCHEMA, instructions: null };
    if (body.config !== undefined) {
      const parsed = parseExtractConfig(body.config, { path: 'config', requireSchema: false });
      input = parsed.definition
        ? definitionInput(parsed.definition)
        : { schema: EMPTY_SCHEMA, instructions: parsed.instructions ?? null, processorOptions: parsed.options };
    } else if (typeof body.cloneExtractorId === 'string') {
      input = definitionInput((await this.templates.get(tenantId, body.cloneExtractorId)).draft);
    }
    const template = await this.templates.create(tenantId, { name: body.name, ...input });
    return extractorView(template);
  }

  async get(tenantId: string, id: string) {
    return extractorView(await this.templates.get(tenantId, id));
  }

  /** `POST /extractors/{id}`: a new name and/or a new draft config; published versions never change. */
  async update(tenantId: string, id: string, body: { name?: unknown; config?: unknown }) {
    const current = await this.templates.get(tenantId, id);
    if (body.name !== undefined && typeof body.name !== 'string') throw errors.fieldInvalid('name', 'name must be a string.');
    const parsed = body.config !== undefined ? parseExtractConfig(body.config, { path: 'config', requireSchema: false }) : undefined;
    const template = await this.templates.update(tenantId, id, {
      ...(typeof body.name === 'string' ? { name: body.name } : {}),
      ...(parsed?.definition ? { schema: definitionJsonSchema(parsed.definition) } : {}),
      ...(parsed && parsed.instructions !== undefined ? { instructions: parsed.instructions } : {}),
      ...(parsed ? mergedOptions(current.draft, parsed.options) : {}),
    });
    return extractorView(template);
  }

  async list(tenantId: string, query: { nextPageToken?: string; maxPageSize?: number; sortBy?: string; sortDir?: 'asc' | 'desc' }) {
    const cursor = readPageRequest(query);
    if (query.sortBy !== undefined && query.sortBy !== 'createdAt' && query.sortBy !== 'updatedAt') {
      throw errors.fieldInvalid('sortBy', 'sortBy must be createdAt or updatedAt.');
    }
    const sort = query.sortBy === 'updatedAt' ? 'updated_at' : 'created_at';
    const page = await this.templates.list(tenantId, { page: cursor.page, perPage: cursor.perPage, sort, order: query.sortDir });
    const token = nextPageToken(cursor, page.total);
    return { object: 'list' as const, data: page.items.map(extractorSummary), ...(token ? { nextPageToken: token } : {}) };
  }

  /** Publishes the draft (after applying `config` to it, if given) as the next major or minor version. */
  async createVersion(tenantId: string, id: string, body: { releaseType?: unknown; description?: unknown; config?: unknown }) {
    const current = await this.templates.get(tenantId, id);
    if (body.releaseType !== 'major' && body.releaseType !== 'minor') throw errors.fieldInvalid('releaseType', 'releaseType must be "major" or "minor".');
    if (body.description !== undefined && body.description !== null && typeof body.description !== 'string') {
      throw errors.fieldInvalid('description', 'description must be a string.');
    }
    if (body.config !== undefined) {
      const parsed = parseExtractConfig(body.config, { path: 'config', requireSchema: false });
      await this.templates.update(tenantId, id, {
        ...(parsed.definition ? { schema: definitionJsonSchema(parsed.definition) } : {}),
        ...(parsed.instructions !== undefined ? { instructions: parsed.instructions } : {}),
        ...mergedOptions(current.draft, parsed.options),
      });
    }
    const version = await this.templates.publishVersion(tenantId, id, {
      releaseType: body.releaseType,
      description: (body.description as string | null | undefined) ?? null,
    });
    return versionView(version);
  }

  /** A version by id (`prv_…`), label ("1.0"), "latest", or the draft ("draft", `<id>_draft`). */
  async getVersion(tenantId: string, id: string, versionId: string) {
    if (versionId === DRAFT || versionId === draftVersionId(id)) return draftVersionView(await this.templates.get(tenantId, id));
    if (/^prv_/.test(versionId)) {
      for (let p = 1; ; p++) {
        const page = await this.templates.listVersions(tenantId, id, { page: p, perPage: 100 });
        const found = page.items.find((v) => v.id === versionId);
        if (found) return versionView(found);
        if (p >= page.totalPages) throw errors.notFound('extractor version', versionId);
      }
    }
    if (!/^(latest|\d+\.\d+)$/.test(versionId)) throw errors.notFound('extractor version', versionId);
    return versionView(await this.templates.getVersion(tenantId, id, versionId));
  }

  /** Published versions, newest first (the draft is on the extractor as `draftVersion`). */
  async listVersions(tenantId: string, id: string, query: { nextPageToken?: string; maxPageSize?: number; sortDir?: string }) {
    const cursor = readPageRequest(query);
    const order = query.sortDir === 'asc' ? 'asc' : 'desc';
    const page = await this.templates.listVersions(tenantId, id, { page: cursor.page, perPage: cursor.perPage, order });
    const token = nextPageToken(cursor, page.total);
    return { object: 'list' as const, data: page.items.map(versionSummary), ...(token ? { nextPageToken: token } : {}) };
  }
}
