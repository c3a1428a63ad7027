import { sql, type RawBuilder } from 'kysely';
import type { PageOptions } from './template-types.js';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

/** Page and page size from client options: page ≥ 1, 1 ≤ perPage ≤ 100. */
export function pageBounds(options: PageOptions): { page: number; perPage: number } {
  const page = Number.isSafeInteger(options.page) && (options.page as number) >= 1 ? (options.page as number) : 1;
  const requested = Number.isSafeInteger(options.perPage) ? (options.perPage as number) : DEFAULT_PER_PAGE;
  return { page, perPage: Math.min(Math.max(requested, 1), MAX_PER_PAGE) };
}

/**
 * `lower(column) LIKE '%text%'` with LIKE's wildcards in the text escaped, so "100%_off" matches only
 * itself. lower() on both sides makes it case-insensitive the same way on SQLite and Postgres.
 */
export function containsIgnoringCase(column: string, text: string): RawBuilder<boolean> {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`lower(${sql.ref(column)}) like ${`%${escaped}%`} escape '\\'`;
}
