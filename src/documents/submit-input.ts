import { errors } from '../internal/errors/errors.js';
import type { IncomingFile } from './files-service.js';

export const DETECTION_TYPES = ['auto', 'invoice', 'receipt', 'bank_statement'] as const;
export type DetectionType = (typeof DETECTION_TYPES)[number];
/** local: the built-in engine only; llm: the configured LLM; hybrid: local first, the LLM fills and arbitrates. */
export const EXTRACTION_MODES = ['local', 'llm', 'hybrid'] as const;
export type ExtractionMode = (typeof EXTRACTION_MODES)[number];

/** A submission as every surface hands it to the core, already parsed from its own wire format. */
export interface SubmitInput {
  files?: IncomingFile[];
  fileIds?: string[];
  /** Documents to download (http/https, behind the SSRF guard). */
  urls?: string[];
  text?: string;
  parserId?: string;
  parserVersion?: number | string;
  detectionType?: string;
  customFields?: unknown;
  metadata?: unknown;
  /**
   * Keys a surface stores for itself beside the client's metadata (each starting with `_`, e.g.
   * `_extraly`). Only surfaces set these; a client's own metadata may not use a leading underscore.
   */
  reservedMetadata?: Record<string, unknown>;
  webhookUrl?: string;
  pageRanges?: string;
  priority?: number;
  /** Overrides DOCSIFT_LLM_MODE for this extraction. */
  extractionMode?: string;
}

export const MAX_METADATA_BYTES = 10 * 1024;
export const MAX_DOCUMENTS_PER_EXTRACTION = 100;

/** Checks the fields every surface shares; collects all problems so the client sees them at once. */
export function validateSubmitInput(input: SubmitInput): {
  detectionType: DetectionType;
  metadata: Record<string, unknown>;
  customFields: unknown[] | null;
  priority: number;
  pageRanges: string | null;
  extractionMode: ExtractionMode | null;
} {
  const details: Record<string, string[]> = {};
  const add = (field: string, message: string) => (details[field] ??= []).push(message);

  const sources = (input.files?.length ?? 0) + (input.fileIds?.length ?? 0) + (input.urls?.length ?? 0) + (input.text !== undefined ? 1 : 0);
  if (sources === 0) add('file', 'At least one file, file_ids entry, url or text is required.');
  for (const url of input.urls ?? []) if (!/^https?:\/\/\S+$/i.test(url)) add('urls', `${url} is not an http(s) URL.`);
  if (sources > MAX_DOCUMENTS_PER_EXTRACTION) add('file', `At most ${MAX_DOCUMENTS_PER_EXTRACTION} documents per extraction.`);
  if (input.text !== undefined && input.text.trim() === '') add('text', 'text must not be empty.');

  const detectionType = (input.detectionType ?? 'auto') as DetectionType;
  if (!DETECTION_TYPES.includes(detectionType)) add('detection_type', `detection_type must be one of ${DETECTION_TYPES.join(', ')}.`);

  let metadata: Record<string, unknown> = {};
  if (input.metadata !== undefined && input.metadata !== null) {
    if (typeof input.metadata !== 'object' || Array.isArray(input.metadata)) add('metadata', 'metadata must be a JSON object.');
    else if (Buffer.byteLength(JSON.stringify(input.metadata)) > MAX_METADATA_BYTES) add('metadata', 'metadata must be at most 10 KB of JSON.');
    else if (Object.keys(input.metadata).some((k) => k.startsWith('_'))) add('metadata', 'metadata keys starting with "_" are reserved.');
    else metadata = input.metadata as Record<string, unknown>;
  }

  let customFields: unknown[] | null = null;
  if (input.customFields !== undefined && input.customFields !== null) {
    if (!Array.isArray(input.customFields)) add('custom_fields', 'custom_fields must be an array of field names or field definitions.');
    else if (input.customFields.some((f) => !isFieldSpec(f))) add('custom_fields', 'Each custom field must be a name or an object with a name.');
    else customFields = input.customFields;
  }

  const priority = input.priority ?? 50;
  if (!Number.isInteger(priority) || priority < 1 || priority > 100) add('priority', 'priority must be an integer from 1 to 100.');

  const pageRanges = input.pageRanges?.replace(/\s+/g, '') || null;
  if (pageRanges !== null && !/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(pageRanges)) add('page_ranges', 'page_ranges must look like "1-3,5".');
  else if (pageRanges?.split(',').some((r) => { const [a, b] = r.split('-').map(Number); return a < 1 || (b !== undefined && b < a); })) {
    add('page_ranges', 'page ranges start at 1 and must not run backwards.');
  }

  if (input.webhookUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(input.webhookUrl)) add('webhook_url', 'webhook_url must be an http(s) URL.');

  const extractionMode = (input.extractionMode ?? null) as ExtractionMode | null;
  if (extractionMode !== null && !EXTRACTION_MODES.includes(extractionMode)) add('extraction_mode', `extraction_mode must be one of ${EXTRACTION_MODES.join(', ')}.`);

  if (Object.keys(details).length > 0) throw errors.validation(Object.values(details)[0][0], details);
  for (const key of Object.keys(input.reservedMetadata ?? {})) {
    if (!key.startsWith('_')) throw new Error(`reserved metadata key ${key} must start with "_"`);
  }
  return { detectionType, metadata: { ...metadata, ...input.reservedMetadata }, customFields, priority, pageRanges, extractionMode };
}

function isFieldSpec(f: unknown): boolean {
  if (typeof f === 'string') return f.trim().length > 0 && f.length <= 200;
  return typeof f === 'object' && f !== null && typeof (f as { name?: unknown }).name === 'string';
}
