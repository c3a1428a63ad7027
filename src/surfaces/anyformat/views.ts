import { currentData, documentErrorView, parseStoredResult } from '../../documents/result-view.js';
import type { DocumentRow, ExtractionRow } from '../../internal/db/schema.js';
import { definitionFields } from '../../templates/convert-definition.js';
import type { Template } from '../../templates/template-types.js';
import { toWorkflowFields } from './workflow-fields.js';

/** A workflow is a docsift template (parser): same id, on /v1/parsers too. */
export function workflowView(template: Template) {
  return {
    id: template.id,
    name: template.name,
    description: template.description ?? '',
    fields: toWorkflowFields(definitionFields(template.draft)),
    created_at: template.createdAt,
    updated_at: template.updatedAt,
  };
}

/**
 * A job is a docsift extraction (same id, on /v1/extractions too). anyformat's finished state is
 * `processed`; the others keep docsift's names (queued, processing, failed, cancelled).
 */
export function jobStatus(status: ExtractionRow['status']): string {
  if (status === 'completed') return 'processed';
  if (status === 'partial') return 'failed';
  return status;
}

export function jobView(extraction: ExtractionRow, documents: DocumentRow[]) {
  const doc = documents[0];
  const result = doc?.status === 'completed' ? parseStoredResult(doc) : null;
  return {
    id: extraction.id,
    extraction_id: extraction.id,
    workflow_id: extraction.template_id,
    status: jobStatus(extraction.status),
    file_name: doc?.filename ?? null,
    file_id: doc?.file_id ?? null,
    results: result ? currentData(result) : null,
    error: doc ? documentErrorView(doc) : null,
    created_at: extraction.created_at,
    updated_at: extraction.updated_at,
    completed_at: extraction.completed_at,
  };
}

/** Django REST framework's page envelope, which anyformat's list endpoints use. */
export function pageEnvelope<T>(options: { results: T[]; count: number; page: number; perPage: number; url: string }) {
  const link = (page: number) => {
    // The request URL is a path; URL needs a base to parse it, and only path and query are kept.
    const u = new URL(options.url, 'http://relative.invalid');
    u.searchParams.set('page', String(page));
    return `${u.pathname}${u.search}`;
  };
  const last = Math.max(1, Math.ceil(options.count / options.perPage));
  return {
    count: options.count,
    next: options.page < last ? link(options.page + 1) : null,
    previous: options.page > 1 ? link(options.page - 1) : null,
    results: options.results,
  };
}
