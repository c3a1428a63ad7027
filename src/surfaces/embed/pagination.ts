/** The embed docs' `pagination` block (page / limit, 1-based, default 20 per page). */
export interface EmbedPagination {
  page: number;
  limit: number;
  totalCount: number;
  totalPages: number;
  hasNextPage: boolean;
  hasPrevPage: boolean;
}

export const MAX_LIMIT = 100;

export function readPage(query: { page?: number; limit?: number }): { page: number; limit: number; offset: number } {
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(query.limit ?? 20)));
  return { page, limit, offset: (page - 1) * limit };
}

export function pagination(page: number, limit: number, totalCount: number): EmbedPagination {
  const totalPages = Math.ceil(totalCount / limit);
  return { page, limit, totalCount, totalPages, hasNextPage: page < totalPages, hasPrevPage: page > 1 };
}
