import type { FieldKind } from '../../extraction/extract/field-schema.js';
import { normalizeFieldSpecs } from '../../extraction/extract/field-schema.js';
import type { DocumentRow, ExtractionRow } from '../../internal/db/schema.js';
import { AppError } from '../../internal/errors/app-error.js';
import type { TemplatesService } from '../../templates/templates-service.js';
import { builtInFields } from '../../extraction/document-types/built-in-fields.js';

/** A field a reviewer may set; `any` is a field whose type the schema cannot tell (a custom field given by name only). */
export interface ReviewField {
  name: string;
  kind: FieldKind | 'any';
  children: ReviewField[];
}

/**
 * The schema a document's review is checked against, as the engine chose what to extract (see
 * extraction/extract/extract-fields.ts): the parser's fields if the extraction used one, else the
 * built-in model of the document's type; custom fields are added on top and win on a name clash.
 * Keys the stored output has beyond that (a parser edited since the run) stay reviewable, untyped.
 */
export async function resolveReviewFields(
  templates: TemplatesService,
  extraction: ExtractionRow,
  doc: DocumentRow,
  initial: Record<string, unknown>,
): Promise<ReviewField[]> {
  let base: ReviewField[] = [];
  if (extraction.template_id) {
    try {
      const template = await templates.resolveForRun(extraction.tenant_id, extraction.template_id, extraction.template_version ?? 'draft');
      base = normalizeFieldSpecs(template.definition);
    } catch (err) {
      // A parser deleted after the run: its output keys (below) are all that is left of its schema.
      if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
    }
  } else {
    base = builtInFields(doc.document_type);
  }
  const byName = new Map(base.map((f) => [f.name, f]));
  for (const field of customFields(extraction.custom_fields)) byName.set(field.name, field);
  for (const key of Object.keys(initial)) if (!byName.has(key)) byName.set(key, { name: key, kind: 'any', children: [] });
  return [...byName.values()];
}

function customFields(json: string | null): ReviewField[] {
  if (!json) return [];
  const raw = JSON.parse(json) as unknown;
  if (!Array.isArray(raw)) return [];
  // A field asked for by name only may take a built-in value of any type ("total" → total_amount).
  return raw.flatMap((entry): ReviewField[] =>
    typeof entry === 'string' ? (entry.trim() ? [{ name: entry.trim(), kind: 'any', children: [] }] : []) : normalizeFieldSpecs([entry]),
  );
}
