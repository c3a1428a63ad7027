import type { DocumentRow, ExtractionRow } from '../../internal/db/schema.js';
import { errors } from '../../internal/errors/errors.js';
import type { ExtractionsService } from '../extractions-service.js';
import { documentView, extractionView } from '../result-view.js';
import { renderCsv } from './render-csv.js';
import { renderXlsx } from './render-xlsx.js';
import { renderXml } from './render-xml.js';
import { flatTable, listTable, summaryTable, tabulate, type ExportedDocument } from './tabulate.js';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'xml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A rendered export, ready to be sent as a download by any surface. */
export interface ExportFile {
  contentType: string;
  /** Suggested download name, e.g. `ext_….csv` or `invoice.xlsx` (see content-disposition.ts for the header). */
  filename: string;
  body: Buffer | string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xml: 'application/xml; charset=utf-8',
};

/** Extraction statuses after which no document changes any more. */
const FINISHED = new Set<ExtractionRow['status']>(['completed', 'failed', 'partial', 'cancelled']);

export interface RenderExportInput {
  format: ExportFormat;
  /** The download name without extension. */
  basename: string;
  /** What the json format serializes (each surface has its own JSON shape). */
  json: unknown;
  documents: ExportedDocument[];
  /** The XML root: an `<extraction>` holding the documents, or (null) the single `<document>`. */
  extraction: { id: string; status: string } | null;
}

/**
 * Renders documents in one format. Tabular formats show the current data (reviewed values when a
 * document was reviewed): CSV one row per list entry, xlsx a summary sheet plus a sheet per list.
 */
export async function renderExport(input: RenderExportInput): Promise<ExportFile> {
  const file = (body: Buffer | string): ExportFile => ({
    contentType: CONTENT_TYPES[input.format],
    filename: `${input.basename}.${input.format}`,
    body,
  });
  switch (input.format) {
    case 'json':
      return file(JSON.stringify(input.json));
    case 'csv':
      return file(renderCsv(flatTable(tabulate(input.documents))));
    case 'xml':
      return file(renderXml(input.extraction, input.documents));
    case 'xlsx': {
      const t = tabulate(input.documents);
      const sheets = [{ name: 'Summary', table: summaryTable(t) }, ...[...t.listColumns.keys()].map((list) => ({ name: list, table: listTable(t, list) }))];
      return file(await renderXlsx(sheets));
    }
  }
}

export function exportedDocument(doc: DocumentRow): ExportedDocument {
  const view = documentView(doc);
  return {
    document_id: view.document_id,
    filename: view.filename,
    status: view.status,
    document_type: view.document_type,
    error: view.error,
    data: view.data,
  };
}

/** Exports of one document or a whole extraction; json is exactly what the results endpoints answer. */
export class ExportsService {
  private readonly extractions: ExtractionsService;

  constructor(deps: { extractions: ExtractionsService }) {
    this.extractions = deps.extractions;
  }

  /** Every document of a finished extraction; failed ones appear with their error. */
  async exportExtraction(tenantId: string, input: { extractionId: string; format: ExportFormat }): Promise<ExportFile> {
    const { extraction, documents } = await this.extractions.get(tenantId, input.extractionId);
    if (!FINISHED.has(extraction.status)) {
      throw errors.conflict(`The extraction '${extraction.id}' is ${extraction.status}; it can be exported once it has finished.`);
    }
    return renderExport({
      format: input.format,
      basename: extraction.id,
      json: { extraction: extractionView(extraction, documents), documents: documents.map(documentView) },
      documents: documents.map(exportedDocument),
      extraction: { id: extraction.id, status: extraction.status },
    });
  }

  /** One completed document. */
  async exportDocument(tenantId: string, input: { extractionId: string; documentId: string; format: ExportFormat }): Promise<ExportFile> {
    const doc = await this.extractions.getDocument(tenantId, input.extractionId, input.documentId);
    if (doc.status !== 'completed') {
      throw errors.conflict(`The document '${doc.id}' is ${doc.status}; only a completed document can be exported.`);
    }
    return renderExport({
      format: input.format,
      basename: downloadBasename(doc),
      json: { document: documentView(doc) },
      documents: [exportedDocument(doc)],
      extraction: null,
    });
  }
}

/** `invoice.pdf` → `invoice`; a name with nothing usable left falls back to the document id. */
function downloadBasename(doc: DocumentRow): string {
  const stem = doc.filename.replace(/\.[^.]*$/, '').replace(/[\u0000-\u001f\u007f/\\]/g, '').trim();
  return stem || doc.id;
}
