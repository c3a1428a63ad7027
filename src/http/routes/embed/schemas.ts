import { Type } from 'typebox';
import { errors } from '../../../internal/errors/errors.js';

export const TAGS = ['embed'];

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/** page / limit of every embed list (default 1 / 20, at most 100 per page). */
export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  search: Type.Optional(Type.String({ maxLength: 200 })),
};

/**
 * The embed docs answer 400 for "Invalid document ID or extraction ID format". docsift ids are a
 * three-letter prefix, an underscore and lower-case letters and digits (`ext_…`, `prs_…`); anything
 * else (a Mongo ObjectId from the docs' examples, a path fragment) cannot name an object here. A
 * well-formed id that names nothing of the caller's stays a 404.
 */
const ID_FORMAT = /^[a-z]{3}_[a-z0-9]{1,64}$/;

export function checkIdFormat(kind: 'extraction' | 'document', id: string, field = 'id'): string {
  if (!ID_FORMAT.test(id)) throw errors.fieldInvalid(field, `Invalid ${kind} ID format: ${JSON.stringify(id.slice(0, 64))}.`);
  return id;
}

/** `{data, error: null}`: every embed success body. */
export function ok<T>(data: T): { data: T; error: null } {
  return { data, error: null };
}
