import { errors } from '../../internal/errors/errors.js';
import { MAX_PER_PAGE } from '../../documents/pagination.js';

/**
 * Extend pages lists with an opaque `nextPageToken`; the core pages by number. The token carries the
 * next page number and the page size it was cut with, so a client that keeps paging with the same
 * token chain sees consecutive pages even if it changes `maxPageSize` midway.
 */
interface PageCursor {
  page: number;
  perPage: number;
}

export const DEFAULT_PAGE_SIZE = 20;

export function readPageRequest(query: { nextPageToken?: string; maxPageSize?: number }): PageCursor {
  const requested = query.maxPageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(requested) || requested < 1 || requested > MAX_PER_PAGE) {
    throw errors.fieldInvalid('maxPageSize', `maxPageSize must be an integer from 1 to ${MAX_PER_PAGE}.`);
  }
  if (!query.nextPageToken) return { page: 1, perPage: requested };
  return decodeToken(query.nextPageToken);
}

/** The token of the page after `cursor`, or undefined when there is none. */
export function nextPageToken(cursor: PageCursor, total: number): string | undefined {
  if (cursor.page * cursor.perPage >= total) return undefined;
  return Buffer.from(JSON.stringify({ p: cursor.page + 1, s: cursor.perPage })).toString('base64url');
}

function decodeToken(token: string): PageCursor {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { p?: unknown; s?: unknown };
    if (Number.isInteger(value.p) && Number.isInteger(value.s) && (value.p as number) >= 1 && (value.s as number) >= 1 && (value.s as number) <= MAX_PER_PAGE) {
      return { page: value.p as number, perPage: value.s as number };
    }
  } catch {
    // fall through: any token we did not issue is refused the same way
  }
  throw errors.fieldInvalid('nextPageToken', 'nextPageToken is not a token returned by a previous list call.');
}
