import type { Db } from '../internal/db/database.js';
import type { DocumentRow, ExtractionRow, FileRow, TemplateRow, TemplateVersionRow } from '../internal/db/schema.js';

/**
 * An extraction shown through its first document, with the rows around it that a surface's view needs,
 * read in a few queries for a page of extractions. These functions take a database handle rather than
 * being service methods so that a document listener can read them inside the transaction that
 * finishes the document (a query outside it would wait on that transaction's lock).
 */
export interface ExtractionDetails {
  extraction: ExtractionRow;
  /** The first document: for a one-document extraction (an Extend run, an embed extraction), the document. */
  document: DocumentRow | undefined;
  /** The first document's file. */
  file: FileRow | undefined;
  /** The template chosen at submit (see `templateOf`). */
  template: TemplateRow | undefined;
  /** The template version the extraction ran with, if it named one. */
  version: TemplateVersionRow | undefined;
  /** Credits charged for the first document at submit, or null when no charge was recorded. */
  credits: number | null;
}

/** The extractions' details; only each one's first document (`documents[0]`) is read from `documents`. */
export async function loadExtractionDetails(
  db: Db,
  items: Array<{ extraction: ExtractionRow; documents: DocumentRow[] }>,
  /** Which template to show: by default the one chosen at submit; a surface may show a matched one instead. */
  templateOf: (item: { extraction: ExtractionRow; document: DocumentRow | undefined }) => string | null = (i) => i.extraction.template_id,
): Promise<ExtractionDetails[]> {
  if (items.length === 0) return [];
  const tenantId = items[0].extraction.tenant_id;
  const pairs = items.map(({ extraction, documents }) => ({ extraction, document: documents[0] as DocumentRow | undefined }));
  const docs = pairs.map((p) => p.document).filter((d): d is DocumentRow => d !== undefined);
  const fileIds = [...new Set(docs.map((d) => d.file_id))];
  const templateIds = [...new Set(pairs.map(templateOf).filter((id): id is string => id !== null))];
  const [files, templates, versions, charges] = await Promise.all([
    fileIds.length ? db.selectFrom('files').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', fileIds).execute() : [],
    templateIds.length ? db.selectFrom('templates').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', templateIds).execute() : [],
    templateIds.length
      ? db.selectFrom('template_versions').selectAll().where('tenant_id', '=', tenantId).where('template_id', 'in', templateIds).execute()
      : [],
    docs.length
      ? db.selectFrom('credit_charges').select(['document_id', 'credits']).where('document_id', 'in', docs.map((d) => d.id)).execute()
      : [],
  ]);
  return pairs.map((pair) => {
    const { extraction, document } = pair;
    const templateId = templateOf(pair);
    return {
      extraction,
      document,
      file: files.find((f) => f.id === document?.file_id),
      template: templates.find((t) => t.id === templateId),
      version:
        extraction.template_version === null
          ? undefined
          : versions.find((v) => v.template_id === templateId && v.version === extraction.template_version),
      credits: charges.find((c) => c.document_id === document?.id)?.credits ?? null,
    };
  });
}
