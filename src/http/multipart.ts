import type { FastifyRequest } from 'fastify';
import type { IncomingFile } from '../documents/files-service.js';
import { AppError } from '../internal/errors/app-error.js';
import { errors } from '../internal/errors/errors.js';

export interface MultipartForm {
  files: IncomingFile[];
  /** Each text field's values, in order (a field may repeat, e.g. file_ids). */
  fields: Record<string, string[]>;
}

/**
 * Reads a multipart body: file parts are buffered up to the configured per-file limit (the parser
 * throws FILE_TOO_LARGE past it, so nothing unbounded is held), text parts are collected.
 */
export async function readMultipart(request: FastifyRequest, fileFields: string[]): Promise<MultipartForm> {
  if (!request.isMultipart()) throw errors.validation('Expected a multipart/form-data body.', { body: ['Expected multipart/form-data.'] });
  const form: MultipartForm = { files: [], fields: {} };
  try {
    await collectParts(request, fileFields, form);
  } catch (err) {
    // The multipart parser throws plain Errors for a broken body ("Unexpected end of multipart data");
    // errors with a code (size limits, our own AppErrors) already say what went wrong.
    if (err instanceof AppError || (err as { code?: unknown }).code) throw err;
    throw errors.validation(`Malformed multipart body: ${(err as Error).message}.`, { body: [(err as Error).message] });
  }
  return form;
}

async function collectParts(request: FastifyRequest, fileFields: string[], form: MultipartForm): Promise<void> {
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (!fileFields.includes(part.fieldname)) {
        throw errors.fieldInvalid(part.fieldname, `Unexpected file field '${part.fieldname}'; send files as ${fileFields.map((f) => `'${f}'`).join(' or ')}.`);
      }
      form.files.push({ filename: part.filename, bytes });
    } else {
      (form.fields[part.fieldname] ??= []).push(String(part.value));
    }
  }
}

/** The single value of a form field, or undefined. */
export function formValue(form: MultipartForm, name: string): string | undefined {
  return form.fields[name]?.[0];
}

/** A form field that holds JSON (metadata, custom_fields); a bad value is a 400 naming the field. */
export function formJson(form: MultipartForm, name: string): unknown {
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
