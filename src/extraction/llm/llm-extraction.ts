import type { ExtractionContext, FieldValue } from '../extract/context.js';
import type { FieldSpec } from '../extract/field-schema.js';
import type { LlmUsageSummary } from '../model/result.js';
import { answerSchema, checkAnswer } from './answer-schema.js';
import { chunkPages, type PageChunk, splitChunk } from './chunk-pages.js';
import { type Grounded, groundValue, listConfidence, locateRow, onPages } from './ground-values.js';
import { locateValue } from '../extract/locate-value.js';
import { LlmError, type LlmProvider } from '../../llm/llm-provider.js';
import { mergeWithLocal, type Warning } from './merge-values.js';
import { parseModelJson } from './model-output.js';
import { printedCount } from './printed-count.js';
import { buildPrompt, SYSTEM_PROMPT } from './prompt.js';

export type LlmMode = 'llm' | 'hybrid';

export interface LlmExtractionInput {
  provider: LlmProvider;
  mode: LlmMode;
  /** Hybrid: local values below this confidence are asked of the model. */
  threshold: number;
  /** Markdown characters per request. */
  chunkChars: number;
  ctx: ExtractionContext;
  /** Each page read, as markdown with its `<!-- page N -->` marker. */
  pageMarkdown: { page: number; markdown: string }[];
  documentType: string;
  specs: FieldSpec[];
  instructions?: string;
  /** The local engine's values, before validation. */
  local: Record<string, FieldValue>;
  /** The local values' failed checks (TOTAL_MISMATCH, …): their fields go to the model to settle. */
  disputes: Warning[];
  signal?: AbortSignal;
}

export interface LlmExtractionResult {
  values: Record<string, FieldValue>;
  warnings: Warning[];
  usage: LlmUsageSummary;
}

/** The fields each failed check involves (validate.ts's codes). */
const DISPUTED_FIELDS: Record<string, string[]> = {
  TOTAL_MISMATCH: ['subtotal', 'tax_amount', 'tip_amount', 'total_amount'],
  LINE_ITEMS_MISMATCH: ['line_items', 'items', 'subtotal', 'total_amount'],
  BALANCE_MISMATCH: ['opening_balance', 'closing_balance', 'transactions'],
  RUNNING_BALANCE_MISMATCH: ['transactions'],
  TRANSACTION_COUNT_MISMATCH: ['transactions'],
  DUE_DATE_BEFORE_INVOICE_DATE: ['invoice_date', 'due_date'],
};

/** Totals and closing balances are printed at the end: of several parts' readings, the last one counts. */
const READ_LAST = /(^|_)(total|subtotal|closing|amount_due|tax_amount|balance_due)/;

const isList = (s: FieldSpec) => s.kind === 'list_object' || s.kind === 'list_string';
const isEmpty = (v: FieldValue | undefined) => !v || v.value === null || (Array.isArray(v.value) && v.value.length === 0);

/**
 * Asks the model for the fields the mode calls for and merges its answer with the local engine's.
 * `llm`: every field. `hybrid`: fields the local engine missed, read with less confidence than the
 * threshold, or involved in a failed check. A document longer than one request is sent in chunks
 * of pages; lists are joined across chunks, scalars taken from the part that prints them.
 */
export async function runLlmExtraction(input: LlmExtractionInput): Promise<LlmExtractionResult> {
  const usage: LlmUsageSummary = { engine: input.provider.name, inputTokens: 0, outputTokens: 0, calls: 0 };
  try {
    return await extractWith(input, usage);
  } catch (err) {
    // Tokens spent before a failure are still spent: the error carries them to the usage record.
    if (err && typeof err === 'object') spentBy.set(err, usage);
    throw err;
  }
}

const spentBy = new WeakMap<object, LlmUsageSummary>();

/** The LLM usage of a failed extraction, when the failure came from (or through) runLlmExtraction. */
export function llmUsageOf(err: unknown): LlmUsageSummary | null {
  return err && typeof err === 'object' ? (spentBy.get(err) ?? null) : null;
}

/** Lets an error that replaces another (a typed AppError for an LlmError) keep the usage it carried. */
export function carryLlmUsage(from: unknown, to: object): void {
  const usage = llmUsageOf(from);
  if (usage) spentBy.set(to, usage);
}

async function extractWith(input: LlmExtractionInput, usage: LlmUsageSummary): Promise<LlmExtractionResult> {
  const warnings: Warning[] = [];
  const targets = chooseTargets(input);
  if (!targets.length) return { values: input.local, warnings, usage };

  const pageMarkdown = new Map(input.pageMarkdown.map((p) => [p.page, p.markdown]));
  const chunks = chunkPages(input.pageMarkdown, input.chunkChars);
  const disputes = input.disputes.filter((w) => DISPUTED_FIELDS[w.code]).map((w) => `${w.code}: ${w.message}`);
  const answers: { chunk: PageChunk; values: Record<string, unknown> }[] = [];
  const hasLists = targets.some(isList);

  // Chunks in order, one at a time: a model server is usually the bottleneck, and order matters for lists.
  const queue = [...chunks];
  while (queue.length) {
    const chunk = queue.shift()!;
    const answer = await ask(input, targets, chunk, { index: answers.length + 1, count: answers.length + 1 + queue.length, disputes }, usage, warnings);
    const halves = answer.truncated && hasLists ? splitChunk(chunk, pageMarkdown) : null;
    if (halves) {
      // A cut-off answer lost rows: ask again for each half of the pages rather than keep a short list.
      queue.unshift(...halves);
      continue;
    }
    if (answer.truncated) {
      warnings.push({ code: 'LLM_OUTPUT_TRUNCATED', message: `the LLM's answer for page ${chunk.pages.join(', ')} was cut off at its output limit and repaired; rows after the cut may be missing` });
    }
    answers.push({ chunk, values: answer.values });
  }

  const grounded = new Map<string, Grounded>();
  for (const spec of targets) grounded.set(spec.name, isList(spec) ? joinList(input.ctx, spec, answers) : pickScalar(input.ctx, spec, answers));
  const values = mergeWithLocal({ mode: input.mode, documentType: input.documentType, targets, local: input.local, llm: grounded, warnings });
  for (const spec of targets.filter(isList)) {
    const rows = Array.isArray(values[spec.name]?.value) ? (values[spec.name].value as unknown[]).length : 0;
    const printed = printedCount(input.ctx, spec.name);
    if (printed !== null && rows < printed) {
      warnings.push({ code: 'LLM_LIST_SHORT', message: `${spec.name}: the document states ${printed} rows, ${rows} were read` });
    }
  }
  return { values, warnings, usage };
}

function chooseTargets(input: LlmExtractionInput): FieldSpec[] {
  if (input.mode === 'llm') return input.specs;
  const disputed = new Set(input.disputes.flatMap((w) => DISPUTED_FIELDS[w.code] ?? (w.code === 'IBAN_CHECKSUM_INVALID' ? ['iban'] : [])));
  return input.specs.filter((s) => {
    const local = input.local[s.name];
    return isEmpty(local) || local!.confidence < input.threshold || disputed.has(s.name);
  });
}

/** One request for one chunk; an answer that is empty or not JSON is asked for once more. */
async function ask(
  input: LlmExtractionInput,
  targets: FieldSpec[],
  chunk: PageChunk,
  part: { index: number; count: number; disputes: string[] },
  usage: LlmUsageSummary,
  warnings: Warning[],
): Promise<{ values: Record<string, unknown>; truncated: boolean }> {
  const prompt = buildPrompt({
    documentType: input.documentType,
    specs: targets,
    markdown: chunk.markdown,
    instructions: input.instructions,
    part: { index: part.index, count: part.count, pages: chunk.pages },
    disputes: part.disputes,
  });
  for (let attempt = 1; ; attempt++) {
    const response = await input.provider.complete({ system: SYSTEM_PROMPT, prompt, schema: answerSchema(targets), schemaName: 'record_extraction', signal: input.signal });
    usage.calls += response.attempts;
    usage.inputTokens += response.usage.inputTokens;
    usage.outputTokens += response.usage.outputTokens;
    try {
      const parsed = response.json !== undefined ? { value: response.json, repaired: false } : parseModelJson(response.text);
      // Broken JSON the model did not run out of tokens for: ask once more before settling for the repair.
      if (parsed.repaired && !response.truncated && attempt < 2) continue;
      if (parsed.repaired && !response.truncated) {
        warnings.push({ code: 'LLM_OUTPUT_REPAIRED', message: `the LLM's answer for page ${chunk.pages.join(', ')} was invalid JSON twice; the repaired second answer was used and may miss values` });
      }
      const checked = checkAnswer(targets, parsed.value, input.ctx.dateOrder);
      for (const problem of checked.problems) warnings.push({ code: 'LLM_VALUE_INVALID', message: `${problem} (from the LLM; left out)` });
      return { values: checked.values, truncated: response.truncated };
    } catch (err) {
      const retryable = err instanceof LlmError && (err.kind === 'empty_output' || err.kind === 'invalid_output');
      if (!retryable || attempt >= 2) throw err;
    }
  }
}

/** A scalar from the part that shows it: grounded readings first; the first part's, or the last's for totals. */
function pickScalar(ctx: ExtractionContext, spec: FieldSpec, answers: { chunk: PageChunk; values: Record<string, unknown> }[]): Grounded {
  const readings = answers
    .filter((a) => a.values[spec.name] !== null && a.values[spec.name] !== undefined)
    .map((a) => groundValue(onPages(ctx, answers.length > 1 ? a.chunk.pages : null), spec, a.values[spec.name]));
  if (READ_LAST.test(spec.name)) readings.reverse();
  return readings.find((r) => r.ungrounded.length === 0) ?? readings[0] ?? groundValue(ctx, spec, null);
}

/**
 * A list joined over the parts in page order, each row cited where its own part prints it. A row
 * the model repeated from the previous part (a carried-over row, a repeated header line) is dropped
 * when it equals a row of that part and is not printed on this part's own pages.
 */
function joinList(ctx: ExtractionContext, spec: FieldSpec, answers: { chunk: PageChunk; values: Record<string, unknown> }[]): Grounded {
  const rows: unknown[] = [];
  const citations: Grounded['value']['citations'] = [];
  const ungrounded: string[] = [];
  let previous: string[] = [];
  for (const a of answers) {
    const part = Array.isArray(a.values[spec.name]) ? (a.values[spec.name] as unknown[]) : [];
    const own = onPages(ctx, a.chunk.pages);
    const keys: string[] = [];
    for (const row of part) {
      // A row the schema check emptied (not an object at all) carries nothing to keep.
      if (row === null || (spec.kind === 'list_object' && typeof row !== 'object')) continue;
      const key = JSON.stringify(row);
      const here = spec.kind === 'list_object' ? locateRow(own, spec, row) : locateValue(own, row);
      if (previous.includes(key) && !here) continue;
      // Not on its part's pages: maybe the model placed it in the wrong part; look in the whole document.
      const citation = here ?? (spec.kind === 'list_object' ? locateRow(ctx, spec, row) : locateValue(ctx, row));
      keys.push(key);
      if (citation) citations.push(citation);
      else ungrounded.push(`${spec.name}.${rows.length}`);
      rows.push(row);
    }
    previous = keys;
  }
  return { value: { ...groundValue(ctx, spec, []).value, value: rows, confidence: listConfidence(rows.length, citations.length), citations }, ungrounded };
}
