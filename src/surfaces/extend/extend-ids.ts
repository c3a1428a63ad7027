/**
 * Extend's ids carry their own prefixes (the docs and the `extend-ai` SDK's examples): extractors `ex_`,
 * extract runs `exr_`, extractor versions `exv_`, files `file_`. docsift's objects keep their one core id
 * (`prs_`, `ext_`, `prv_`, `fil_` + 20 base32 characters); the Extend surface shows each under the
 * Extend prefix with the same random part, and takes either form, so ids handed out before the surface
 * translated them (and ids read from the native API) keep working.
 */
const CORE_TO_EXTEND: Record<string, string> = { prs: 'ex', ext: 'exr', prv: 'exv', fil: 'file' };
const EXTEND_TO_CORE: Record<string, string> = Object.fromEntries(Object.entries(CORE_TO_EXTEND).map(([core, extend]) => [extend, core]));

const RANDOM = '[a-z2-7]{20}';
/** A whole core id; an extractor's draft version is `<extractor id>_draft`, shown as `exv_<random>_draft`. */
const CORE_ID = new RegExp(`^(prs|ext|prv|fil)_(${RANDOM})(_draft)?$`);
const EXTEND_ID = new RegExp(`^(ex|exr|exv|file)_(${RANDOM})(_draft)?$`);

export function toExtendId(id: string): string {
  const m = CORE_ID.exec(id);
  if (!m) return id;
  if (m[3]) return m[1] === 'prs' ? `exv_${m[2]}_draft` : id;
  return `${CORE_TO_EXTEND[m[1]]}_${m[2]}`;
}

export function fromExtendId(id: string): string {
  const m = EXTEND_ID.exec(id);
  if (!m) return id;
  // A draft version id names its extractor: `exv_X_draft` and `ex_X_draft` both mean `prs_X_draft`.
  if (m[3]) return m[1] === 'exv' || m[1] === 'ex' ? `prs_${m[2]}_draft` : id;
  return `${EXTEND_TO_CORE[m[1]]}_${m[2]}`;
}

/** Every string of a JSON value that is a whole id, translated; other strings (URLs, messages, data) are left alone. */
export function mapIds<T>(value: T, translate: (id: string) => string): T {
  if (typeof value === 'string') return translate(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapIds(v, translate)) as T;
  // Plain objects only (the router's params are a NullObject: a prototype without one); dates, buffers and the like pass as they are.
  const proto = value !== null && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null || (proto !== undefined && Object.getPrototypeOf(proto) === null)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mapIds(v, translate)])) as T;
  }
  return value;
}
