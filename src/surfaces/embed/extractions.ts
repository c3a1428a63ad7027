import type { AuthContext } from '../../accounts/auth-context.js';
import type { ExtractionsService } from '../../documents/extractions-service.js';
import { incomingSize, sniffIncoming, type FilesService, type IncomingFile } from '../../documents/files-service.js';
import type { DocumentRow, ExtractionRow } from '../../internal/db/schema.js';
import { errors } from '../../internal/errors/errors.js';
import type { TemplatesService } from '../../templates/templates-service.js';
import type { Template } from '../../templates/template-types.js';
import { templateIdOf, type EmbedMetadata, type ExtractionRecord } from './extraction-view.js';
import { pagination, readPage, type EmbedPagination } from './pagination.js';
import { EMBED_STATUSES, EMBED_STATUS_STATES, embedStatus, RETRYABLE_STATUSES, type EmbedStatus } from './status-flow.js';

/** The docs' limit for every embed upload (the server's own limit may be larger). */
export const EMBED_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** POST /api/embed/extract takes PDFs and images only; POST /api/embed/files also text and Word. */
const EXTRACT_MEDIA_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);

export interface ExtractionListQuery {
  page?: number;
  limit?: number;
  status?: string;
  documentId?: string;
  search?: string;
}

export function checkEmbedFileSize(file: IncomingFile): void {
  const size = incomingSize(file);
  if (size > EMBED_MAX_FILE_BYTES) {
    throw errors.fieldInvalid('file', `File size exceeds the 10MB limit (${file.filename} is ${(size / 1024 / 1024).toFixed(1)}MB).`);
  }
}

/**
 * Embed extractions are core extractions of one document: submitted, listed, retried and deleted
 * through the core services. Reads join the first document and its file for the embed view.
 */
export class EmbedExtractions {
  constructor(private readonly deps: { extractions: ExtractionsService; files: FilesService; templates: TemplatesService }) {}

  async submit(
    auth: AuthContext,
    input: { file: IncomingFile; documentId?: string; metadata: EmbedMetadata },
  ): Promise<{ record: ExtractionRecord }> {
    checkEmbedFileSize(input.file);
    const format = await sniffIncoming(input.file);
    if (!format.supported || !EXTRACT_MEDIA_TYPES.has(format.mediaType)) {
      const detected = format.supported ? format.mediaType : (format.detected ?? 'unrecognized');
      throw errors.fieldInvalid('file', `Invalid file type (${detected}): /api/embed/extract accepts PDF, JPEG, PNG and WebP files.`);
    }
    const { extraction } = await this.deps.extractions.submit(auth, {
      files: [input.file],
      ...(input.documentId ? { parserId: input.documentId } : {}),
      metadata: input.metadata,
    });
    return { record: await this.get(auth.tenantId, extraction.id) };
  }

  async get(tenantId: string, id: string): Promise<ExtractionRecord> {
    const { extraction, documents } = await this.deps.extractions.get(tenantId, id);
    const [record] = await this.records(tenantId, [{ extraction, document: documents[0] }]);
    return record;
  }

  async list(tenantId: string, query: ExtractionListQuery): Promise<{ items: ExtractionRecord[]; pagination: EmbedPagination }> {
    const { page, limit } = readPage(query);
    if (query.status !== undefined && !(EMBED_STATUSES as readonly string[]).includes(query.status)) {
      throw errors.fieldInvalid('status', `status must be one of: ${EMBED_STATUSES.join(', ')}.`);
    }
    // Each extraction through its first document: the status filter is the status flow's states of it,
    // documentId the template chosen at upload or the one the document was matched to.
    const search = query.search?.trim();
    const { items, pagination: info } = await this.deps.extractions.list(tenantId, {
      page,
      per_page: limit,
      first_document: {
        ...(query.status ? { states: EMBED_STATUS_STATES[query.status as EmbedStatus] } : {}),
        ...(query.documentId ? { template_id: query.documentId } : {}),
        ...(search ? { filename: search } : {}),
      },
    });
    const pairs = items.map(({ extraction, documents }) => ({ extraction, document: documents[0] }));
    return { items: await this.records(tenantId, pairs), pagination: pagination(page, limit, info.total) };
  }

  /** Retries only the failed states of the status flow; the core requeues the failed documents. */
  async retry(tenantId: string, id: string): Promise<void> {
    const record = await this.get(tenantId, id);
    const status = embedStatus(record.extraction, record.document);
    if (!RETRYABLE_STATUSES.includes(status)) {
      throw errors.validation(`Only extractions with status analysis failed, extraction failed or failed can be retried; this one is ${status}.`, {
        status: [status],
      });
    }
    await this.deps.extractions.retry(tenantId, id);
  }

  delete(tenantId: string, id: string): Promise<void> {
    return this.deps.extractions.delete(tenantId, id);
  }

  private async records(tenantId: string, pairs: Array<{ extraction: ExtractionRow; document: DocumentRow | undefined }>): Promise<ExtractionRecord[]> {
    const fileIds = [...new Set(pairs.flatMap((p) => (p.document ? [p.document.file_id] : [])))];
    const files = await this.deps.files.findMany(tenantId, fileIds);
    const templates = new Map<string, Template | null>();
    for (const id of new Set(pairs.flatMap((p) => templateIdOf(p) ?? []))) {
      // A deleted template leaves its extractions; they show no template.
      templates.set(id, await this.deps.templates.get(tenantId, id).catch(() => null));
    }
    return pairs.map(({ extraction, document }) => ({
      extraction,
      document,
      file: files.find((f) => f.id === document?.file_id),
      template: templates.get(templateIdOf({ extraction, document }) ?? '') ?? null,
    }));
  }
}
