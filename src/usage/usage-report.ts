import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { normalizePage, pageInfo, type PageInfo, type PageRequest } from '../documents/pagination.js';
import type { Database, UsageRecordRow } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';

export interface UsageFilters {
  /** A date (YYYY-MM-DD, from the start of that UTC day) or a date-time; inclusive. */
  from?: string;
  /** A date (through the end of that UTC day, inclusive) or a date-time (exclusive). */
  to?: string;
  tag?: string;
  parserId?: string;
}

export interface UsageTotals {
  documents: number;
  completed: number;
  failed: number;
  pages: number;
  credits: number;
  durationMs: number;
  /** Tokens of LLM calls and their cost (0 when no LLM was called or no price is configured). */
  llmInputTokens: number;
  llmOutputTokens: number;
  llmCost: number;
}

export interface UsageSummary {
  from: string | null;
  to: string | null;
  totals: UsageTotals;
  byDay: Array<UsageTotals & { date: string }>;
  byTag: Array<UsageTotals & { tag: string }>;
  byParser: Array<UsageTotals & { parserId: string | null; parserVersion: number | null; parserName: string | null }>;
}

type Records = ExpressionBuilder<Database, 'usage_records'>;

/** Reads a tenant's usage records: totals by day, tag and parser, and the records themselves. */
export class UsageReport {
  private readonly db: Kysely<Database>;

  constructor(deps: { db: Kysely<Database> }) {
    this.db = deps.db;
  }

  async summarize(tenantId: string, filters: UsageFilters): Promise<UsageSummary> {
    const range = dateRange(filters);
    const records = this.db.selectFrom('usage_records').where((eb) => this.matches(eb, tenantId, filters, range));
    // Days are UTC: created_at is ISO-8601 text, so its first 10 characters are the day on both dialects.
    const day = sql<string>`substr(usage_records.created_at, 1, 10)`;
    const [totals, byDay, byParser, byTag] = await Promise.all([
      records.select(totalColumns).executeTakeFirstOrThrow(),
      records.select(totalColumns).select(day.as('date')).groupBy(day).orderBy(day).execute(),
      records
        .select(totalColumns)
        .select(['usage_records.parser_id', 'usage_records.parser_version'])
        .groupBy(['usage_records.parser_id', 'usage_records.parser_version'])
        // NULLS FIRST spelled out: SQLite sorts nulls first by default, Postgres last.
        .orderBy('usage_records.parser_id', (ob) => ob.asc().nullsFirst())
        .orderBy('usage_records.parser_version', (ob) => ob.asc().nullsFirst())
        .execute(),
      records
        .innerJoin('usage_record_tags', 'usage_record_tags.usage_record_id', 'usage_records.id')
        .select(totalColumns)
        .select('usage_record_tags.tag')
        .groupBy('usage_record_tags.tag')
        .orderBy('usage_record_tags.tag')
        .execute(),
    ]);
    const parserIds = [...new Set(byParser.map((p) => p.parser_id).filter((id): id is string => id !== null))];
    const names = parserIds.length
      ? await this.db.selectFrom('templates').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', parserIds).execute()
      : [];
    return {
      from: range.from,
      to: range.to,
      totals: toTotals(totals),
      byDay: byDay.map((r) => ({ date: r.date, ...toTotals(r) })),
      byTag: byTag.map((r) => ({ tag: r.tag, ...toTotals(r) })),
      byParser: byParser.map((r) => ({
        parserId: r.parser_id,
        parserVersion: r.parser_version,
        parserName: names.find((n) => n.id === r.parser_id)?.name ?? null,
        ...toTotals(r),
      })),
    };
  }

  /** The records themselves, newest first. */
  async list(tenantId: string, filters: UsageFilters & PageRequest): Promise<{ records: UsageRecordRow[]; pagination: PageInfo }> {
    const { page, perPage, offset } = normalizePage(filters);
    const range = dateRange(filters);
    const base = this.db.selectFrom('usage_records').where((eb) => this.matches(eb, tenantId, filters, range));
    const [records, count] = await Promise.all([
      base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(perPage).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { records, pagination: pageInfo(page, perPage, Number(count.n)) };
  }

  private matches(eb: Records, tenantId: string, filters: UsageFilters, range: { from: string | null; to: string | null }) {
    const conditions = [eb('usage_records.tenant_id', '=', tenantId)];
    if (range.from) conditions.push(eb('usage_records.created_at', '>=', range.from));
    if (range.to) conditions.push(eb('usage_records.created_at', '<', range.to));
    if (filters.parserId) conditions.push(eb('usage_records.parser_id', '=', filters.parserId));
    if (filters.tag) {
      conditions.push(
        eb.exists(
          eb
            .selectFrom('usage_record_tags')
            .select('usage_record_tags.tag')
            .whereRef('usage_record_tags.usage_record_id', '=', 'usage_records.id')
            .where('usage_record_tags.tag', '=', filters.tag),
        ),
      );
    }
    return eb.and(conditions);
  }
}

function totalColumns(eb: Records) {
  const completed = eb.case().when('usage_records.status', '=', 'completed').then(1).else(0).end();
  const failed = eb.case().when('usage_records.status', '=', 'failed').then(1).else(0).end();
  return [
    eb.fn.countAll<number>().as('documents'),
    eb.fn.sum<number>(completed).as('completed'),
    eb.fn.sum<number>(failed).as('failed'),
    eb.fn.sum<number>('usage_records.pages').as('pages'),
    eb.fn.sum<number>('usage_records.credits').as('credits'),
    eb.fn.sum<number>('usage_records.duration_ms').as('duration_ms'),
    eb.fn.sum<number>('usage_records.llm_input_tokens').as('llm_input_tokens'),
    eb.fn.sum<number>('usage_records.llm_output_tokens').as('llm_output_tokens'),
    eb.fn.sum<number>('usage_records.llm_cost').as('llm_cost'),
  ];
}

/** Sums come back null over no rows, and as strings from Postgres. */
function toTotals(row: {
  documents: unknown;
  completed: unknown;
  failed: unknown;
  pages: unknown;
  credits: unknown;
  duration_ms: unknown;
  llm_input_tokens: unknown;
  llm_output_tokens: unknown;
  llm_cost: unknown;
}): UsageTotals {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    documents: n(row.documents),
    completed: n(row.completed),
    failed: n(row.failed),
    pages: n(row.pages),
    credits: n(row.credits),
    durationMs: n(row.duration_ms),
    llmInputTokens: n(row.llm_input_tokens),
    llmOutputTokens: n(row.llm_output_tokens),
    // Micro-units, as recorded: sums of floats would show noise in the last digits.
    llmCost: Math.round(n(row.llm_cost) * 1e6) / 1e6,
  };
}

/** The filters' bounds as ISO timestamps: `from` inclusive, `to` exclusive (a date `to` includes that day). */
function dateRange(filters: UsageFilters): { from: string | null; to: string | null } {
  const from = filters.from ? parseBound(filters.from, 'from', 0) : null;
  const to = filters.to ? parseBound(filters.to, 'to', 1) : null;
  if (from && to && from >= to) throw errors.fieldInvalid('to', '`to` must be after `from`.');
  return { from, to };
}

function parseBound(value: string, field: string, daysAfter: number): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const time = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) throw errors.fieldInvalid(field, `${field} must be a date (YYYY-MM-DD) or an ISO-8601 date-time.`);
  return new Date(time + (dateOnly ? daysAfter * 86_400_000 : 0)).toISOString();
}
