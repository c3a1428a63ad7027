import type { ExtractionContext, FieldValue } from '../extract/context.js';
import { normalizeFieldSpecs, type FieldSpec } from '../extract/field-schema.js';
import { renderMarkdown } from '../layout/markdown.js';
import type { Extracted, LlmUsageSummary } from '../model/result.js';
import { builtInFields, COMPUTED_FIELDS } from '../document-types/built-in-fields.js';
import { validateFields } from '../validate/validate.js';
import { AppError } from '../../internal/errors/app-error.js';
import { LlmError, type LlmProvider } from '../../llm/llm-provider.js';
import type { LlmSettings } from '../../llm/llm-settings.js';
import { carryLlmUsage, llmUsageOf, runLlmExtraction } from './llm-extraction.js';

/** The codes validateFields emits: re-derived after the LLM's values are merged. */
const CHECK_CODES = new Set([
  'IBAN_CHECKSUM_INVALID',
  'TOTAL_MISMATCH',
  'LINE_ITEMS_MISMATCH',
  'BALANCE_MISMATCH',
  'RUNNING_BALANCE_MISMATCH',
  'TRANSACTION_COUNT_MISMATCH',
  'DUE_DATE_BEFORE_INVOICE_DATE',
]);

/** Failures that may pass if the document's job is tried again later (the queue retries it). */
const TRANSIENT = new Set(['timeout', 'rate_limited', 'server_error', 'network']);

/**
 * The fields the LLM is asked for: the template's, or the built-in model's (less the ones computed
 * from others, which merge-values.ts computes again from the model's rows), plus custom fields.
 */
export function targetSpecs(documentType: string, schema: unknown, customFields: unknown): FieldSpec[] {
  const base = schema !== undefined && schema !== null ? normalizeFieldSpecs(schema) : builtInFields(documentType).filter((s) => !COMPUTED_FIELDS.has(s.name));
  const extra = customFields !== undefined && customFields !== null ? normalizeFieldSpecs(customFields) : [];
  const names = new Set(base.map((s) => s.name));
  return [...base, ...extra.filter((s) => !names.has(s.name))];
}

/**
 * The LLM stage, after the local engine: merges the model's values into the local result and runs
 * the cross-field checks again on the merged values. In hybrid mode an LLM that cannot be used
 * leaves the local result, with a warning; in llm mode it fails the document (transient failures as
 * plain errors, so the queue tries the document again; a model's unusable answer as PROCESSING_ERROR).
 */
export async function applyLlm(opts: {
  llm: LlmSettings & { provider: LlmProvider };
  ctx: ExtractionContext;
  documentType: string;
  schema: unknown;
  customFields: unknown;
  extracted: Extracted;
  signal?: AbortSignal;
}): Promise<{ extracted: Extracted; usage: LlmUsageSummary | null }> {
  const { llm, ctx, extracted } = opts;
  if (llm.mode === 'local') return { extracted, usage: null };
  const specs = targetSpecs(opts.documentType, opts.schema, opts.customFields);
  const local: Record<string, FieldValue> = Object.fromEntries(
    Object.entries(extracted.fields).map(([k, f]) => [k, { value: f.value, confidence: f.confidence, citations: f.citations, source: f.source ?? 'page' }]),
  );
  let result;
  try {
    result = await runLlmExtraction({
      provider: llm.provider,
      mode: llm.mode,
      threshold: llm.threshold,
      chunkChars: llm.chunkChars,
      ctx,
      pageMarkdown: ctx.doc.pages.map((p) => ({ page: p.number, markdown: renderMarkdown([p]) })),
      documentType: opts.documentType,
      specs,
      instructions: instructionsOf(opts.schema),
      local,
      disputes: extracted.warnings.filter((w) => CHECK_CODES.has(w.code)),
      signal: opts.signal,
    });
  } catch (err) {
    if (!(err instanceof LlmError) || err.kind === 'aborted') throw err;
    if (llm.mode === 'hybrid') {
      // The tokens the failed calls used are still reported (and recorded).
      const spent = llmUsageOf(err);
      const warning = { code: 'LLM_FAILED', message: `the LLM could not be used (${err.message}); the values are the local engine's` };
      return { extracted: { ...extracted, warnings: [...extracted.warnings, warning] }, usage: spent && spent.calls > 0 ? spent : null };
    }
    if (TRANSIENT.has(err.kind)) throw err;
    const failure = new AppError('PROCESSING_ERROR', `LLM extraction failed: ${err.message}`, { reason: 'LLM_FAILED', llm_error: err.kind });
    carryLlmUsage(err, failure);
    throw failure;
  }
  if (result.usage.calls === 0) return { extracted, usage: null };
  // Checks run on a copy, so local values are not doubted or confirmed a second time; the values
  // the LLM gave take the confidence the checks give them.
  const checked = structuredClone(result.values);
  const checkWarnings = validateFields(opts.documentType, checked);
  const fields: Extracted['fields'] = {};
  const data: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(result.values)) {
    const confidence = v.source.includes('llm') ? checked[name].confidence : v.confidence;
    data[name] = v.value;
    fields[name] = { value: v.value, confidence: v.value === null ? 0 : Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100, citations: v.citations, source: v.source };
  }
  const warnings = [...extracted.warnings.filter((w) => !CHECK_CODES.has(w.code)), ...result.warnings, ...checkWarnings];
  return { extracted: { data, fields, warnings }, usage: result.usage };
}

function instructionsOf(schema: unknown): string | undefined {
  const text = (schema as { instructions?: unknown } | null | undefined)?.instructions;
  return typeof text === 'string' && text.trim() ? text : undefined;
}
