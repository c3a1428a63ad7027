import { Type } from 'typebox';

export const TAGS = ['embed'];

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/** page / limit of every embed list (default 1 / 20, at most 100 per page). */
export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  search: Type.Optional(Type.String({ maxLength: 200 })),
};

/** Credentials an iframe passes in the query string; accepted on every embed route. */
export const AuthQuery = {
  apiKey: Type.Optional(Type.String()),
  userEmail: Type.Optional(Type.String()),
  appName: Type.Optional(Type.String()),
};

/** `{data, error: null}`: every embed success body. */
export function ok<T>(data: T): { data: T; error: null } {
  return { data, error: null };
}
