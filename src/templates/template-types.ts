import type { FieldDefinition, JsonSchema, TemplateDefinition } from './template-definition.js';
import type { ReleaseType } from './version-numbers.js';

/** A published version as listed on its template. */
export interface TemplateVersionRef {
  version: number;
  /** "major.minor", e.g. "1.1". */
  label: string;
  createdAt: string;
}

/** A template with its editable draft. Surfaces call it parser, extractor, workflow or document. */
export interface Template {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  documentType: string | null;
  draft: TemplateDefinition;
  latestVersion: TemplateVersionRef | null;
  /** The draft (definition or document type) differs from the latest published version. */
  hasUnpublishedChanges: boolean;
  /** Documents submitted without a template may be matched to this one (default true). */
  autoMatch: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An immutable snapshot of a template's draft. */
export interface TemplateVersion {
  id: string;
  templateId: string;
  /** Sequence number: 1, 2, 3… */
  version: number;
  major: number;
  minor: number;
  /** "major.minor", e.g. "1.1". */
  label: string;
  /** Release notes given at publish time. */
  description: string | null;
  documentType: string | null;
  definition: TemplateDefinition;
  createdAt: string;
}

export interface CreateTemplateInput {
  name: string;
  description?: string | null;
  documentType?: string | null;
  /** Typed fields (unvalidated client JSON); give this or `schema`. */
  fields?: unknown;
  /** A JSON Schema (unvalidated client JSON); give this or `fields`. */
  schema?: unknown;
  instructions?: string | null;
  /** See TemplateDefinition.extractionMode. */
  extractionMode?: string | null;
  /** See TemplateDefinition.processorOptions (an object of at most 20 KB of JSON). */
  processorOptions?: Record<string, unknown> | null;
  /** See Template.autoMatch; default true. */
  autoMatch?: unknown;
}

/**
 * Changes to a template; omitted keys stay as they are, null clears. Giving `fields` or `schema`
 * replaces the draft's definition (and may switch its form); published versions never change.
 */
export interface UpdateTemplateInput {
  name?: string;
  description?: string | null;
  documentType?: string | null;
  fields?: unknown;
  schema?: unknown;
  instructions?: string | null;
  /** Replaces the draft's extraction mode; null clears it (DOCSIFT_LLM_MODE then applies). */
  extractionMode?: string | null;
  /** Replaces the draft's processor options; null clears them. */
  processorOptions?: Record<string, unknown> | null;
  /** See Template.autoMatch. */
  autoMatch?: unknown;
}

export interface PublishVersionInput {
  description?: string | null;
  /** Defaults to major, so sequence numbers and labels agree (version 2 is "2.0"). */
  releaseType?: ReleaseType;
}

export interface PageOptions {
  /** 1-based; default 1. */
  page?: number;
  /** 1 to 100; default 20. */
  perPage?: number;
}

export interface ListTemplatesOptions extends PageOptions {
  /** Case-insensitive substring of the name. */
  name?: string;
  /** Case-insensitive substring of the name or the description. */
  search?: string;
  /** Default: created_at, desc (newest first). */
  sort?: 'created_at' | 'updated_at';
  order?: 'asc' | 'desc';
}

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
  totalPages: number;
}

/** What an extraction runs with: a pinned version or the draft, in both forms. */
export interface ResolvedTemplate {
  templateId: string;
  /** The published version's sequence number, or null for the draft. */
  version: number | null;
  /** "1.1", or "draft". */
  versionLabel: string;
  name: string;
  description: string | null;
  documentType: string | null;
  definition: TemplateDefinition;
  fields: FieldDefinition[];
  schema: JsonSchema;
}

/** A version reference as surfaces receive it: 3, "3", "1.1", "latest" or "draft". */
export type VersionReference = number | string | null | undefined;
