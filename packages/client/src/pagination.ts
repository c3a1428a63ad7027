import type { Pagination } from './types.js';

/**
 * Walks a paginated list page by page, yielding each item; stops after the last page (or an empty
 * page). `per_page` defaults to the maximum (100) to keep the number of requests low.
 */
export async function* paginate<T>(
  fetchPage: (page: number, perPage: number) => Promise<{ items: T[]; pagination: Pagination }>,
  options: { page?: number; per_page?: number } = {},
): AsyncGenerator<T, void, undefined> {
  const perPage = options.per_page ?? 100;
  for (let page = options.page ?? 1; ; page++) {
    const { items, pagination } = await fetchPage(page, perPage);
    for (const item of items) yield item;
    if (items.length === 0 || page >= pagination.total_pages) return;
  }
}
