import { Type } from 'typebox';
import type { UsageRecordRow } from '../../../../internal/db/schema.js';
import type { UsageTotals } from '../../../../usage/usage-report.js';

/** JSON shapes of usage in the native API. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const totalsProperties = {
  documents: Type.Integer({ description: 'Finished documents (completed or failed).' }),
  completed: Type.Integer(),
  failed: Type.Integer(),
  pages: Type.Integer(),
  credits: Type.Integer({ description: 'Credits charged (1 page = 1 credit; a retried document is not charged again).' }),
  duration_ms: Type.Integer({ description: 'Processing time, summed.' }),
  llm_input_tokens: Type.Integer({ description: 'Tokens sent to the LLM (modes llm and hybrid), summed.' }),
  llm_output_tokens: Type.Integer(),
  llm_cost: Type.Number({ description: 'Their cost at DOCSIFT_LLM_COST_PER_1K_INPUT/OUTPUT (0 when unpriced).' }),
};

export const UsageTotalsView = Type.Object(totalsProperties);

export const UsageSummaryView = Type.Object({
  from: Nullable(Type.String()),
  to: Nullable(Type.String({ description: 'Exclusive.' })),
  totals: UsageTotalsView,
  by_day: Type.Array(Type.Object({ date: Type.String({ description: 'UTC day, YYYY-MM-DD.' }), ...totalsProperties })),
  by_tag: Type.Array(Type.Object({ tag: Type.String(), ...totalsProperties })),
  by_parser: Type.Array(
    Type.Object({
      parser_id: Nullable(Type.String({ description: 'null: built-in models without a parser.' })),
      parser_version: Nullable(Type.Integer({ description: 'null: the draft.' })),
      parser_name: Nullable(Type.String()),
      ...totalsProperties,
    }),
  ),
});

export const UsageRecordView = Type.Object({
  usage_record_id: Type.String(),
  extraction_id: Type.String(),
  document_id: Type.String(),
  api_key_id: Nullable(Type.String()),
  status: Type.Union([Type.Literal('completed'), Type.Literal('failed')]),
  pages: Type.Integer(),
  credits: Type.Integer({ description: 'Credits billed for this document (0 when refunded).' }),
  refunded_credits: Type.Integer({ description: 'Credits given back: the document failed before any page was read (a corrupt, encrypted or refused file).' }),
  duration_ms: Nullable(Type.Integer()),
  engine: Type.String({ description: '"local", or "<mode>:<provider>:<model>" when an LLM was called (modes llm, hybrid).' }),
  llm_input_tokens: Nullable(Type.Integer({ description: "Tokens sent to the LLM for this document; null when none was called." })),
  llm_output_tokens: Nullable(Type.Integer()),
  llm_cost: Nullable(Type.Number({ description: 'Cost of those tokens at DOCSIFT_LLM_COST_PER_1K_INPUT/OUTPUT; null when unpriced.' })),
  parser_id: Nullable(Type.String()),
  parser_version: Nullable(Type.Integer()),
  usage_tags: Type.Array(Type.String()),
  created_at: Type.String(),
});

export const UsageQuery = {
  from: Type.Optional(Type.String({ description: 'YYYY-MM-DD (UTC, inclusive) or an ISO-8601 date-time.' })),
  to: Type.Optional(Type.String({ description: 'YYYY-MM-DD (UTC, that day included) or an ISO-8601 date-time (exclusive).' })),
  tag: Type.Optional(Type.String({ description: 'Only documents with this usage tag.' })),
  parser_id: Type.Optional(Type.String()),
};

export function totalsView(t: UsageTotals) {
  return {
    documents: t.documents,
    completed: t.completed,
    failed: t.failed,
    pages: t.pages,
    credits: t.credits,
    duration_ms: t.durationMs,
    llm_input_tokens: t.llmInputTokens,
    llm_output_tokens: t.llmOutputTokens,
    llm_cost: t.llmCost,
  };
}

export function usageRecordView(r: UsageRecordRow) {
  return {
    usage_record_id: r.id,
    extraction_id: r.extraction_id,
    document_id: r.document_id,
    api_key_id: r.api_key_id,
    status: r.status,
    pages: r.pages,
    credits: r.credits,
    refunded_credits: r.refunded_credits,
    duration_ms: r.duration_ms,
    engine: r.engine,
    llm_input_tokens: r.llm_input_tokens,
    llm_output_tokens: r.llm_output_tokens,
    llm_cost: r.llm_cost,
    parser_id: r.parser_id,
    parser_version: r.parser_version,
    usage_tags: JSON.parse(r.tags) as string[],
    created_at: r.created_at,
  };
}
