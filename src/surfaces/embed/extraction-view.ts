import { currentData, parseStoredResult } from '../../documents/result-view.js';
import type { DocumentRow, ExtractionRow, FileRow } from '../../internal/db/schema.js';
import type { Template } from '../../templates/template-types.js';
import { embedStatus } from './status-flow.js';
import { documentTemplateView } from './template-view.js';

/** What the embed surface records in the core extraction's metadata (the docs' `source` and `appName`). */
export interface EmbedMetadata {
  source?: string;
  appName?: string | null;
  userEmail?: string;
}

/**
 * One embed extraction: a core extraction, shown through its first document and that document's file.
 * Its template ("document") is the one chosen at upload, else the one the core matched the document to.
 */
export interface ExtractionRecord {
  extraction: ExtractionRow;
  document: DocumentRow | undefined;
  file: FileRow | undefined;
  template: Template | null;
}

/** The file's download URL on the native API (authenticated like every /v1 route). */
export function fileUrl(baseUrl: string, fileId: string): string {
  return `${baseUrl}/v1/files/${fileId}/content`;
}

function metadataOf(extraction: ExtractionRow): EmbedMetadata {
  try {
    return JSON.parse(extraction.metadata) as EmbedMetadata;
  } catch {
    return {};
  }
}

/** The chosen template, else the matched one (null while not yet identified, or when nothing matched). */
export function templateIdOf(r: Pick<ExtractionRecord, 'extraction' | 'document'>): string | null {
  return r.extraction.template_id ?? r.document?.matched_template_id ?? null;
}

/** An item of GET /api/embed/extractions. `email` is null: docsift has no mailbox integration. */
export function extractionSummary(r: ExtractionRecord, baseUrl: string) {
  const metadata = metadataOf(r.extraction);
  return {
    id: r.extraction.id,
    fileName: r.document?.filename ?? r.file?.filename ?? null,
    fileType: r.file?.media_type ?? null,
    fileSize: r.file?.size ?? null,
    fileUrl: r.file ? fileUrl(baseUrl, r.file.id) : null,
    status: embedStatus(r.extraction, r.document),
    documentId: templateIdOf(r),
    documentName: r.template?.name ?? null,
    source: typeof metadata.source === 'string' ? metadata.source : 'api',
    appName: typeof metadata.appName === 'string' ? metadata.appName : null,
    email: null,
    createdAt: r.extraction.created_at,
    updatedAt: r.extraction.updated_at,
  };
}

/** GET /api/embed/extractions/:id: the summary plus extracted data, error and the template. */
export function extractionDetail(r: ExtractionRecord, baseUrl: string) {
  const result = r.document ? parseStoredResult(r.document) : null;
  const { documentName: _name, ...summary } = extractionSummary(r, baseUrl);
  return {
    ...summary,
    extractedData: result ? currentData(result) : null,
    error: r.document?.error_message && r.document.status !== 'completed' ? r.document.error_message : null,
    document: r.template ? documentTemplateView(r.template) : null,
    documentType: r.document?.document_type ?? null,
    pages: r.document?.pages ?? null,
  };
}
