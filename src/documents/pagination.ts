/** Page-number pagination shared by every list in the native API. */
export interface PageRequest {
  page?: number;
  per_page?: number;
}

export interface PageInfo {
  page: number;
  per_page: number;
  total: number;
  total_pages: number;
}

export const MAX_PER_PAGE = 100;

export function normalizePage(req: PageRequest, defaultPerPage = 20): { page: number; perPage: number; offset: number } {
  const page = Math.max(1, Math.floor(req.page ?? 1));
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(req.per_page ?? defaultPerPage)));
  return { page, perPage, offset: (page - 1) * perPage };
}

export function pageInfo(page: number, perPage: number, total: number): PageInfo {
  return { page, per_page: perPage, total, total_pages: Math.max(1, Math.ceil(total / perPage)) };
}
