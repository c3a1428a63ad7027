import { errors } from '../errors/errors.js';

/**
 * A multipart form once read from a request: its file parts and each text field's values, in order (a
 * field may repeat, e.g. file_ids). Transport-neutral, so a surface translates a form without knowing
 * the web framework that read it (http/multipart.ts reads it from a Fastify request).
 */
export interface SubmittedForm<File> {
  files: File[];
  fields: Record<string, string[]>;
}

type FormFields = Pick<SubmittedForm<unknown>, 'fields'>;

/** The single value of a form field, or undefined. */
export function formValue(form: FormFields, name: string): string | undefined {
  return form.fields[name]?.[0];
}

/** A form field that holds JSON (metadata, custom_fields); a bad value is a 400 naming the field. */
export function formJson(form: FormFields, name: string): unknown {
  const raw = formValue(form, name);
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    // custom_fields may also come as a comma-separated list of names.
    if (name === 'custom_fields') return raw.split(',').map((s) => s.trim()).filter(Boolean);
    throw errors.fieldInvalid(name, `${name} must be valid JSON.`);
  }
}
