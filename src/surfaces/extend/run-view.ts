import type { DocumentRow } from '../../internal/db/schema.js';
import { currentData, parseStoredResult, type Citation, type FieldResult, type StoredResult } from '../../documents/result-view.js';
import { readStoredDefinition } from '../../templates/parse-definition.js';
import { builtInConfig, configFromDefinition, type ExtractConfig } from './extract-config.js';
import { draftVersionSummary, extractorSummary, versionSummary } from './extractor-view.js';
import { fileSummary } from './file-view.js';
import type { ExtractionDetails } from '../../documents/extraction-details.js';

/**
 * An extract run is a docsift extraction of one document, under the extraction's id. Surface-only
 * attributes live in the extraction's metadata under `extend:*` keys: `extend:config` holds an inline
 * config (or an extractor's override config) as the client sent it; `extend:usage_tags` is Extend's
 * own documented key. `extend:config` is hidden from the run's `metadata`.
 */
export const CONFIG_KEY = 'extend:config';

/** Everything a run's view is built from: the extraction, its one document and the rows around it. */
type RunRecord = ExtractionDetails;

export type RunStatus = 'PENDING' | 'PROCESSING' | 'PROCESSED' | 'FAILED' | 'CANCELLED';

const STATUS: Record<DocumentRow['status'], RunStatus> = {
  queued: 'PENDING',
  processing: 'PROCESSING',
  completed: 'PROCESSED',
  failed: 'FAILED',
  cancelled: 'CANCELLED',
};

/** Extend's status filter as the core's extraction status. */
export const CORE_STATUS: Record<RunStatus, 'queued' | 'processing' | 'completed' | 'failed' | 'cancelled'> = {
  PENDING: 'queued',
  PROCESSING: 'processing',
  PROCESSED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
};

/**
 * Extend's failureReason for a document's error: the engine's precise reason first (a page range that
 * selects no page of the file is the run's `advancedOptions.pageRanges` not fitting it, i.e. an
 * incompatible configuration; everything else the engine refuses is the file), then the broad code.
 * Unknown codes are internal errors.
 */
function failureReason(code: string | null, reason: string | null): string {
  switch (reason) {
    case 'FILE_ENCRYPTED':
    case 'FILE_CORRUPT':
    case 'FILE_EMPTY':
    case 'NO_PAGES':
    case 'TOO_MANY_PAGES':
    case 'IMAGE_TOO_LARGE':
      return 'FAILED_TO_PROCESS_FILE';
    case 'INVALID_PAGE_RANGE':
      return 'INVALID_CONFIGURATION';
    case 'CANCELLED':
      return 'ABORTED';
  }
  switch (code) {
    case 'PROCESSING_ERROR':
    case 'UNSUPPORTED_FORMAT':
    case 'FILE_TOO_LARGE':
      return 'FAILED_TO_PROCESS_FILE';
    case 'INSUFFICIENT_CREDITS':
      return 'OUT_OF_CREDITS';
    case 'VALIDATION_ERROR':
      return 'INVALID_CONFIGURATION';
    default:
      return 'INTERNAL_ERROR';
  }
}

export function runStatus(r: RunRecord): RunStatus {
  if (r.document) return STATUS[r.document.status];
  return r.extraction.status === 'partial' ? 'FAILED' : STATUS[r.extraction.status];
}

function userMetadata(r: RunRecord): Record<string, unknown> | null {
  const { [CONFIG_KEY]: _config, ...rest } = JSON.parse(r.extraction.metadata) as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : null;
}

/** The config the run ran with: its own (inline or override), else its extractor version's, else the built-in models'. */
export function runConfig(r: RunRecord): ExtractConfig {
  const metadata = JSON.parse(r.extraction.metadata) as Record<string, unknown>;
  const own = metadata[CONFIG_KEY];
  if (own && typeof own === 'object') return own as ExtractConfig;
  const stored = r.version?.definition ?? r.template?.draft;
  return stored ? configFromDefinition(readStoredDefinition(stored, `run ${r.extraction.id}`)) : builtInConfig();
}

function extractorRefs(r: RunRecord) {
  if (!r.template) return { extractor: null, extractorVersion: null };
  const t = { id: r.template.id, name: r.template.name, createdAt: r.template.created_at, updatedAt: r.template.updated_at };
  return {
    extractor: extractorSummary(t),
    extractorVersion: r.version
      ? versionSummary({
          id: r.version.id,
          templateId: r.version.template_id,
          label: `${r.version.major}.${r.version.minor}`,
          description: r.version.description,
          createdAt: r.version.created_at,
        })
      : draftVersionSummary(t),
  };
}

/** A bbox [x0, y0, x1, y1] as the polygon Extend draws: its four corners, clockwise from top-left. */
function citationView(c: Citation) {
  const [x0, y0, x1, y1] = c.bbox;
  return {
    page: { number: c.page },
    referenceText: c.text,
    polygon: [
      { x: x0, y: y0 },
      { x: x1, y: y0 },
      { x: x1, y: y1 },
      { x: x0, y: y1 },
    ],
  };
}

/** Only the schema's properties, in its order (the engine may also read a built-in model's fields). */
function project<T>(values: Record<string, T>, keys: string[] | null): Record<string, T | null> {
  if (!keys) return values;
  return Object.fromEntries(keys.map((k) => [k, values[k] ?? null]));
}

function outputOf(data: Record<string, unknown>, fields: Record<string, FieldResult>, keys: string[] | null, withCitations: boolean) {
  const metadata: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(project(fields, keys))) {
    metadata[name] = {
      logprobsConfidence: field?.confidence ?? 0,
      ...(withCitations ? { citations: (field?.citations ?? []).map(citationView) } : {}),
    };
  }
  return { value: project(data, keys), metadata };
}

/** `advancedOptions.citationsEnabled: false` leaves citations out of the output's metadata, as Extend does. */
function outputs(result: StoredResult | null, keys: string[] | null, withCitations: boolean) {
  if (!result) return { output: null, initialOutput: null, reviewedOutput: null, reviewed: false, edited: false, edits: null };
  const initial = outputOf(result.data, result.fields, keys, withCitations);
  const review = result.review;
  if (!review) return { output: initial, initialOutput: null, reviewedOutput: null, reviewed: false, edited: false, edits: null };
  const reviewedFields: Record<string, FieldResult> = { ...result.fields };
  const reviewed = outputOf(currentData(result), reviewedFields, keys, withCitations);
  const edits = Object.fromEntries(review.edits.map((e) => [e.path, { originalValue: e.before, editedValue: e.after }]));
  return {
    output: reviewed,
    initialOutput: initial,
    reviewedOutput: reviewed,
    reviewed: true,
    edited: review.edits.length > 0,
    edits: review.edits.length > 0 ? edits : null,
  };
}

function common(r: RunRecord, dashboardBase: string) {
  const status = runStatus(r);
  const failed = status === 'FAILED';
  return {
    object: 'extract_run' as const,
    id: r.extraction.id,
    status,
    failureReason: failed ? failureReason(r.document?.error_code ?? null, r.document?.error_reason ?? null) : null,
    failureMessage: failed ? (r.document?.error_message ?? 'The run failed.') : null,
    metadata: userMetadata(r),
    file: r.file ? fileSummary(r.file, r.document?.pages) : null,
    files: null,
    parseRunId: null,
    dashboardUrl: `${dashboardBase}/v1/extractions/${r.extraction.id}`,
    createdAt: r.extraction.created_at,
    updatedAt: r.extraction.updated_at,
  };
}

/** `GET /extract_runs/{id}`: the whole run. */
export function runView(r: RunRecord, dashboardBase: string) {
  const base = common(r, dashboardBase);
  const config = runConfig(r);
  const keys = Object.keys(config.schema.properties ?? {});
  const result = r.document?.status === 'completed' ? parseStoredResult(r.document) : null;
  const out = outputs(result, keys.length > 0 ? keys : null, config.advancedOptions?.citationsEnabled !== false);
  const credits = r.credits ?? r.document?.pages ?? 1;
  return {
    object: base.object,
    id: base.id,
    status: base.status,
    output: out.output,
    initialOutput: out.initialOutput,
    reviewedOutput: out.reviewedOutput,
    failureReason: base.failureReason,
    failureMessage: base.failureMessage,
    metadata: base.metadata,
    reviewed: out.reviewed,
    edited: out.edited,
    edits: out.edits,
    config,
    ...extractorRefs(r),
    file: base.file,
    files: base.files,
    parseRunId: base.parseRunId,
    dashboardUrl: base.dashboardUrl,
    usage: base.status === 'PROCESSED' ? { credits, totalCredits: credits, breakdown: [{ object: 'extract_run', id: base.id, credits }] } : null,
    createdAt: base.createdAt,
    updatedAt: base.updatedAt,
  };
}

/** A run in `GET /extract_runs`: no output and no config. */
export function runSummary(r: RunRecord, dashboardBase: string) {
  const base = common(r, dashboardBase);
  const result = r.document?.status === 'completed' ? parseStoredResult(r.document) : null;
  const credits = r.credits ?? r.document?.pages ?? 1;
  return {
    object: base.object,
    id: base.id,
    ...extractorRefs(r),
    status: base.status,
    failureReason: base.failureReason,
    failureMessage: base.failureMessage,
    metadata: base.metadata,
    reviewed: result?.review !== undefined,
    edited: (result?.review?.edits.length ?? 0) > 0,
    file: base.file,
    files: base.files,
    parseRunId: base.parseRunId,
    dashboardUrl: base.dashboardUrl,
    usage: base.status === 'PROCESSED' ? { credits, totalCredits: credits } : null,
    createdAt: base.createdAt,
    updatedAt: base.updatedAt,
  };
}
