import type { Kysely } from 'kysely';
import type { Database, DocumentRow, ExtractionRow, FileRow, TemplateRow, TemplateVersionRow } from '../../internal/db/schema.js';

/**
 * Everything an extract run's view needs, read in a few queries for a page of runs. Takes a Kysely
 * handle rather than services so that the webhook listener can build a run inside the transaction
 * that finishes its document (a query outside it would wait on that transaction's lock).
 */
export interface RunRecord {
  extraction: ExtractionRow;
  /** An extract run is one document; the first is the run's file. */
  document: DocumentRow | undefined;
  file: FileRow | undefined;
  template: TemplateRow | undefined;
  version: TemplateVersionRow | undefined;
  /** Credits charged for the document at submit, or null when no charge was recorded. */
  credits: number | null;
}

export async function loadRunRecords(
  db: Kysely<Database>,
  items: Array<{ extraction: ExtractionRow; documents: DocumentRow[] }>,
): Promise<RunRecord[]> {
  if (items.length === 0) return [];
  const tenantId = items[0].extraction.tenant_id;
  const docs = items.map((i) => i.documents[0]).filter((d): d is DocumentRow => d !== undefined);
  const fileIds = [...new Set(docs.map((d) => d.file_id))];
  const templateIds = [...new Set(items.map((i) => i.extraction.template_id).filter((id): id is string => id !== null))];
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
  return items.map(({ extraction, documents }) => {
    const document = documents[0];
    return {
      extraction,
      document,
      file: files.find((f) => f.id === document?.file_id),
      template: templates.find((t) => t.id === extraction.template_id),
      version:
        extraction.template_version === null
          ? undefined
          : versions.find((v) => v.template_id === extraction.template_id && v.version === extraction.template_version),
      credits: charges.find((c) => c.document_id === document?.id)?.credits ?? null,
    };
  });
}
