import type { Kysely, Selectable } from 'kysely';
import type { Database, TemplatesTable, TemplateVersionsTable } from '../internal/db/schema.js';
import { readStoredDefinition } from './parse-definition.js';
import type { Template, TemplateVersion } from './template-types.js';
import { formatVersionLabel } from './version-numbers.js';

export type TemplatesDb = Kysely<Database>;

export type VersionRow = Selectable<TemplateVersionsTable>;

/** A template row joined with the few columns of its latest version that a Template shows. */
export type TemplateWithLatestRow = Selectable<TemplatesTable> & {
  latest_major: number | null;
  latest_minor: number | null;
  latest_created_at: string | null;
  latest_definition: string | null;
  latest_document_type: string | null;
};

export function toTemplate(row: TemplateWithLatestRow): Template {
  const hasLatest = row.latest_version !== null && row.latest_major !== null && row.latest_minor !== null;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    description: row.description,
    documentType: row.document_type,
    draft: readStoredDefinition(row.draft, `template ${row.id}`),
    latestVersion: hasLatest
      ? {
          version: row.latest_version as number,
          label: formatVersionLabel({ major: row.latest_major as number, minor: row.latest_minor as number }),
          createdAt: row.latest_created_at ?? row.updated_at,
        }
      : null,
    // Publishing copies the draft text verbatim, so comparing the stored text is exact.
    hasUnpublishedChanges:
      !hasLatest || row.latest_definition !== row.draft || row.latest_document_type !== row.document_type,
    autoMatch: row.auto_match !== 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toTemplateVersion(row: VersionRow): TemplateVersion {
  return {
    id: row.id,
    templateId: row.template_id,
    version: row.version,
    major: row.major,
    minor: row.minor,
    label: formatVersionLabel(row),
    description: row.description,
    documentType: row.document_type,
    definition: readStoredDefinition(row.definition, `template version ${row.id}`),
    createdAt: row.created_at,
  };
}
