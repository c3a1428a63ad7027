import { classify } from './classify/classify.js';
import { documentTerms, matchTemplate, type TemplateDescription } from './classify/match-template.js';
import { createContext } from './extract/context.js';
import { extractFields } from './extract/extract-fields.js';
import { mergeReadings, needsSecondReading } from './extract/second-reading.js';
import { throwIfAborted } from './extraction-errors.js';
import { renderMarkdown } from './layout/markdown.js';
import { applyLlm } from './llm/llm-step.js';
import type { DocumentModel } from './model/document.js';
import type { DetectionType, LlmUsageSummary, PipelineResult, TemplateMatch } from './model/result.js';
import type { OcrEngine } from './ocr/ocr-engine.js';
import { sharedOcrEngine } from './ocr/shared-engine.js';
import { warmUpPdf } from './parse/pdf-document.js';
import { countPages as countDocumentPages, readDocument } from './parse/read-document.js';
import type { LlmSettings } from '../llm/llm-settings.js';

/** Pages are read one at a time, so memory does not grow with this; time and credits do. Submits past it are refused. */
export const DEFAULT_MAX_PAGES = 1000;

export type PipelineStage = 'parsing' | 'classifying' | 'extracting';

export interface PipelineInput {
  bytes: Buffer;
  /** 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff' | 'image/webp' | DOCX | 'text/plain'. */
  mediaType: string;
  filename: string;
  detectionType?: DetectionType;
  /** Extra fields wanted, by name (`["vat_number"]`) or as typed field definitions. */
  customFields?: unknown;
  /** A template: `{fields: [...]}` typed fields or `{schema: <JSON Schema>}`. */
  schema?: unknown;
  /**
   * Without a `schema`: the tenant's templates to match the document against after classifying it
   * (`classify/match-template.ts`); the one picked is extracted with, and named in `template_match`.
   */
  templates?: ReadonlyArray<TemplateCandidate>;
  /** Told what the document was identified as, before extraction starts. */
  onIdentified?: (identified: Identified) => void;
  /** e.g. "1-3,5". */
  pageRanges?: string;
  signal?: AbortSignal;
  onStage?: (stage: PipelineStage) => void;
  /** Told each time pages were read: a document that fails before any was read is refunded. */
  onPagesRead?: (count: number) => void;
  /** Refuse documents with more pages than this (TOO_MANY_PAGES); default 1000. */
  maxPages?: number;
  /** The most pixels a page is rendered or decoded at (DOCSIFT_MAX_PIXELS; default 40 M): larger pages are scaled down. */
  maxPixels?: number;
  /** Read a Factur-X / ZUGFeRD XML attachment as a second source (default true). */
  useEmbeddedInvoice?: boolean;
  /**
   * Read a scan a second time, larger, when its key fields came out missing or doubtful. Off by
   * default: on devdata it lifts receipt F1 by under a point for about twice the OCR time.
   */
  secondReading?: boolean;
  /** OCR engine to use; defaults to the process-wide one (`ocr/shared-engine.ts`). */
  ocr?: OcrEngine;
  /** Width in pixels small scans are enlarged to before OCR (default 1200; 0: never enlarge). */
  ocrTargetWidth?: number;
  /** An LLM to fill and arbitrate fields (modes llm, hybrid); absent, mode local or no provider: the local engine alone. */
  llm?: LlmSettings;
}

/** A template offered for matching: its words, and the definition to extract with when it is picked. */
export interface TemplateCandidate extends TemplateDescription {
  definition: unknown;
}

export interface Identified {
  document_type: string;
  document_type_confidence: number;
  template_match: TemplateMatch | null;
}

/**
 * Runs one document through the stages: parse (text layer or OCR) → classify → extract → validate.
 * Every failure the document itself causes is an AppError (PROCESSING_ERROR with `details.reason`,
 * or UNSUPPORTED_FORMAT); anything else is a bug and propagates as is.
 */
export async function runPipeline(input: PipelineInput): Promise<PipelineResult> {
  input.onStage?.('parsing');
  const read = (ocrTargetWidth?: number) =>
    readDocument({
      bytes: input.bytes,
      mediaType: input.mediaType,
      filename: input.filename,
      pageRanges: input.pageRanges,
      maxPages: input.maxPages ?? DEFAULT_MAX_PAGES,
      maxPixels: input.maxPixels,
      signal: input.signal,
      onPagesRead: input.onPagesRead,
      ocr: () => input.ocr ?? sharedOcrEngine(),
      ocrTargetWidth,
    });
  const model: DocumentModel = await read(input.ocrTargetWidth);
  throwIfAborted(input.signal);
  input.onStage?.('classifying');
  const classification = classify(model);
  const forced = input.detectionType && input.detectionType !== 'auto' ? input.detectionType : null;
  const documentType = forced ?? classification.type;
  const documentTypeConfidence = forced ? 1 : classification.confidence;
  let schema = input.schema;
  let templateMatch: TemplateMatch | null = null;
  if (schema === undefined && input.templates && input.templates.length > 0) {
    templateMatch = matchTemplate({ document: documentTerms(model), classification: forced ? { type: forced, confidence: 1 } : classification, templates: input.templates }).match;
    const picked = templateMatch && input.templates.find((t) => t.id === templateMatch?.template_id);
    if (picked) schema = picked.definition;
  }
  input.onIdentified?.({ document_type: documentType, document_type_confidence: documentTypeConfidence, template_match: templateMatch });
  input.onStage?.('extracting');
  const extract = (m: DocumentModel) =>
    extractFields({
      ctx: createContext(m),
      documentType,
      schema,
      customFields: input.customFields,
      useEmbeddedInvoice: input.useEmbeddedInvoice !== false,
    });
  const extracted = extract(model);
  // A one-page photo or scan whose key fields came out missing or doubtful is read once more at a
  // larger scale; the readings are merged field by field.
  if (input.secondReading === true && input.mediaType.startsWith('image/') && model.pages.length === 1 && needsSecondReading(extracted.fields)) {
    throwIfAborted(input.signal);
    const again = extract(await read(1800));
    extracted.fields = mergeReadings(extracted.fields, again.fields);
    extracted.data = Object.fromEntries(Object.entries(extracted.fields).map(([k, v]) => [k, v.value]));
  }
  let final = extracted;
  let llmUsage: LlmUsageSummary | null = null;
  const llm = input.llm;
  if (llm && llm.mode !== 'local' && llm.provider) {
    throwIfAborted(input.signal);
    const applied = await applyLlm({
      llm: { ...llm, provider: llm.provider },
      ctx: createContext(model),
      documentType,
      schema,
      customFields: input.customFields,
      extracted,
      signal: input.signal,
    });
    final = applied.extracted;
    llmUsage = applied.usage;
  }
  return {
    pages: model.pageCount,
    document_type: documentType,
    document_type_confidence: documentTypeConfidence,
    data: final.data,
    fields: final.fields,
    warnings: [...model.warnings, ...final.warnings],
    text: renderMarkdown(model.pages),
    ...(llmUsage ? { llm: llmUsage } : {}),
    template_match: templateMatch,
    ...(model.ocrEngines?.length ? { ocr_engine: model.ocrEngines.join('+') } : {}),
  };
}

/**
 * Runs one small text PDF through the pipeline, so a process pays its start-up costs before its first
 * real document: the first PDF a process opens loads pdfjs's worker module (several MB of JavaScript to
 * parse and compile) and the first run compiles the rest of the pipeline. That is about 0.5 s alone but
 * took each of four fresh worker processes starting together on 2 cores over 10 s, which is what made
 * bench:scale's 4-worker Postgres runs slow. The entry points call this before they report ready.
 */
export async function warmUpPipeline(): Promise<void> {
  await runPipeline({ bytes: warmUpPdf(), mediaType: 'application/pdf', filename: 'warm-up.pdf' });
}

/** Counts a document's pages without reading them (for credits at submit time). */
export async function countPages(bytes: Buffer, mediaType: string): Promise<number> {
  return countDocumentPages(bytes, mediaType);
}

export { countFilePages } from './parse/count-file-pages.js';

export { closeSharedOcrEngine } from './ocr/shared-engine.js';
