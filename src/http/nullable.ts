import { Type, type Static, type TInteger, type TNumber, type TString, type TBoolean } from 'typebox';

/**
 * A nullable scalar for request schemas, as one schema with a type list (`["string", "null"]`).
 * Fastify validates with Ajv's type coercion on; a `Union([X, Null])` lets each branch coerce, so
 * `null` would become `""` or `0` (and `0` could become `null`). A type list is left alone when the
 * value already matches one of its types.
 */
export function nullable<T extends TString | TInteger | TNumber | TBoolean>(schema: T) {
  const { type, ...rest } = schema as unknown as { type: string } & Record<string, unknown>;
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
}
