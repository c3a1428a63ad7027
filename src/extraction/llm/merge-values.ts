import type { FieldValue } from '../extract/context.js';
import type { FieldSpec } from '../extract/field-schema.js';
import type { Grounded } from './ground-values.js';

export interface Warning {
  code: string;
  message: string;
}

const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);
const rowCount = (v: FieldValue | undefined) => (Array.isArray(v?.value) ? v.value.length : 0);

/**
 * Decides, field by field, between the local engine's value and the model's:
 * - `llm` mode takes the model's values (the local ones only serve the row-count check);
 * - `hybrid` takes the model's value where the local one is missing, and where they differ only
 *   when the model's value is printed in the document (an ungrounded reading never replaces one the
 *   engine found); agreeing readings keep the local citation with a confidence raised by the agreement;
 * - a model list shorter than the local engine's is reported, and in hybrid mode the longer local list kept.
 */
export function mergeWithLocal(opts: {
  mode: 'llm' | 'hybrid';
  documentType: string;
  targets: FieldSpec[];
  local: Record<string, FieldValue>;
  llm: Map<string, Grounded>;
  warnings: Warning[];
}): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = { ...opts.local };
  for (const spec of opts.targets) {
    const g = opts.llm.get(spec.name);
    if (!g) continue;
    const local = opts.local[spec.name];
    const model = g.value;
    const listy = spec.kind === 'list_object' || spec.kind === 'list_string';
    if (listy && rowCount(model) < rowCount(local)) {
      opts.warnings.push({ code: 'LLM_LIST_SHORT', message: `${spec.name}: the LLM returned ${rowCount(model)} rows, the local engine read ${rowCount(local)}${opts.mode === 'hybrid' ? '; the local rows are kept' : ''}` });
      if (opts.mode === 'hybrid') continue;
    }
    let chosen: FieldValue;
    if (opts.mode === 'llm' || !local || isEmpty(local.value)) chosen = model;
    else if (isEmpty(model.value)) chosen = local;
    else if (JSON.stringify(model.value) === JSON.stringify(local.value)) {
      chosen = { ...local, confidence: Math.max(local.confidence, 0.9), source: `${local.source}+llm` };
    } else chosen = g.ungrounded.length === 0 ? model : local;
    out[spec.name] = chosen;
    if (chosen === model) reportUngrounded(spec, g, opts.warnings);
  }
  if (opts.documentType === 'bank_statement' && out.transactions?.source === 'llm') recomputeStatementTotals(out);
  return out;
}

function reportUngrounded(spec: FieldSpec, g: Grounded, warnings: Warning[]): void {
  if (!g.ungrounded.length) return;
  if (Array.isArray(g.value.value) && spec.kind !== 'object') {
    const rows = g.ungrounded.map((p) => Number(p.split('.').pop()) + 1);
    warnings.push({
      code: 'LLM_VALUE_UNGROUNDED',
      message: `${spec.name}: row${rows.length > 1 ? 's' : ''} ${rows.join(', ')} of ${g.value.value.length} from the LLM ${rows.length > 1 ? 'were' : 'was'} not found in the document`,
    });
    return;
  }
  for (const path of g.ungrounded) {
    const shown = path === spec.name ? JSON.stringify(g.value.value) : `(${path})`;
    warnings.push({ code: 'LLM_VALUE_UNGROUNDED', message: `${spec.name}: ${shown} from the LLM was not found in the document; it may be invented` });
  }
}

/**
 * Amounts signed like the local engine's (debits negative, whatever sign the model wrote with a
 * type), and the statement's computed fields recomputed from the rows.
 */
function recomputeStatementTotals(out: Record<string, FieldValue>): void {
  const rows = (out.transactions.value as { amount?: unknown; type?: unknown }[]).filter((r) => r && typeof r.amount === 'number');
  out.transactions = {
    ...out.transactions,
    value: (out.transactions.value as Record<string, unknown>[]).map((r) => {
      if (!r || typeof r.amount !== 'number') return r;
      const amount = r.type === 'debit' ? -Math.abs(r.amount) : r.type === 'credit' ? Math.abs(r.amount) : r.amount;
      return { ...r, amount, type: r.type ?? (amount < 0 ? 'debit' : 'credit') };
    }),
  };
  const signed = rows.map((r) => (r.type === 'debit' ? -Math.abs(r.amount as number) : r.type === 'credit' ? Math.abs(r.amount as number) : (r.amount as number)));
  const round = (n: number) => Math.round(n * 100) / 100;
  const confidence = out.transactions.confidence;
  out.total_credits = { value: round(signed.filter((a) => a > 0).reduce((s, a) => s + a, 0)), confidence, citations: [], source: 'computed' };
  out.total_debits = { value: round(-signed.filter((a) => a < 0).reduce((s, a) => s + a, 0)), confidence, citations: [], source: 'computed' };
  out.transaction_count = { value: (out.transactions.value as unknown[]).length, confidence, citations: [], source: 'computed' };
}
