import type { Extracted, FieldResult, PipelineWarning } from '../model/result.js';
import { type ExtractionContext, type FieldValue } from './context.js';
import { type BuiltInType, extractBuiltIn } from './run-extraction.js';
import { validateFields } from '../validate/validate.js';
import { mergeEmbeddedInvoice } from '../einvoice/merge.js';
import { extractCustomFields } from './custom-fields.js';

export interface ExtractOptions {
  ctx: ExtractionContext;
  documentType: string;
  schema?: unknown;
  customFields?: unknown;
  useEmbeddedInvoice: boolean;
}

/**
 * Scalar values read by OCR with less confidence than this are returned as null: on devdata's
 * scanned receipts, names and addresses under 0.5 were right 3 times in 56, and a wrong value
 * costs a user more than a missing one. Text-layer values keep their (better calibrated) reads.
 * A receipt's total is the exception: under 0.5 it was still right 13 times in 27 (often a garbled
 * total line), so it is returned with its low confidence.
 */
const MIN_OCR_CONFIDENCE = 0.5;
const MIN_OCR_CONFIDENCE_BY_FIELD: Record<string, number> = { total_amount: 0 };

const BUILT_IN = new Set(['invoice', 'receipt', 'bank_statement']);

/**
 * Chooses what to extract: a template's schema replaces the built-in model; custom fields add to
 * it. Values then pass validation (which adjusts confidence and adds warnings) before they are
 * split into `data` (plain values) and `fields` (value, confidence, citations, source).
 */
export function extractFields(opts: ExtractOptions): Extracted {
  const warnings: PipelineWarning[] = [];
  let values: Record<string, FieldValue> = {};
  if (opts.schema !== undefined && opts.schema !== null) {
    values = extractCustomFields(opts.ctx, opts.schema, opts.documentType);
  } else if (BUILT_IN.has(opts.documentType)) {
    values = extractBuiltIn(opts.documentType as BuiltInType, opts.ctx);
    if (opts.documentType === 'invoice' && opts.useEmbeddedInvoice && opts.ctx.doc.embedded.length) {
      values = mergeEmbeddedInvoice(opts.ctx, values, opts.ctx.doc.embedded, warnings);
    }
  }
  if (opts.customFields !== undefined && opts.customFields !== null) {
    Object.assign(values, extractCustomFields(opts.ctx, opts.customFields, opts.documentType, values));
  }
  warnings.push(...opts.ctx.warnings, ...validateFields(opts.documentType, values));
  const data: Record<string, unknown> = {};
  const fields: Record<string, FieldResult> = {};
  const ocrPages = new Set(opts.ctx.doc.pages.filter((p) => p.source === 'ocr').map((p) => p.number));
  for (const [name, raw] of Object.entries(values)) {
    // Below this an OCR reading is more often wrong than right: better reported as not found.
    const fromOcr = raw.citations.some((c) => ocrPages.has(c.page));
    const v = fromOcr && !raw.calibrated && raw.value !== null && !Array.isArray(raw.value) && raw.confidence < (MIN_OCR_CONFIDENCE_BY_FIELD[name] ?? MIN_OCR_CONFIDENCE) ? { ...raw, value: null, citations: [] } : raw;
    data[name] = v.value;
    fields[name] = { value: v.value, confidence: v.value === null ? 0 : round2(v.confidence), citations: v.citations, source: v.source };
  }
  return { data, fields, warnings };
}

function round2(n: number): number {
  return Math.round(Math.min(1, Math.max(0, n)) * 100) / 100;
}
