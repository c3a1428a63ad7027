import { createHash, type Hash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { IncomingFile } from '../documents/files-service.js';
import { AppError } from '../internal/errors/app-error.js';
import { errors } from '../internal/errors/errors.js';
import { reserveMultipartIdempotency } from './plugins/idempotency.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** DOCSIFT_MAX_UPLOAD_MB per file and DOCSIFT_MAX_REQUEST_MB for all files of one request, in bytes. */
    uploadLimits: { perFile: number; perRequest: number };
  }
}

export interface MultipartForm {
  files: IncomingFile[];
  /** Each text field's values, in order (a field may repeat, e.g. file_ids). */
  fields: Record<string, string[]>;
}

/**
 * Reads a multipart body: file parts are buffered up to the per-file limit and, together, the
 * per-request limit (413 the moment either is passed, so one request holds at most DOCSIFT_MAX_REQUEST_MB;
 * 100 parts of 20 MB each were 2 GB), text parts are collected. The parts are hashed as they stream
 * past: that fingerprint, not the body, is what an Idempotency-Key is checked against.
 */
export async function readMultipart(request: FastifyRequest, fileFields: string[]): Promise<MultipartForm> {
  if (!request.isMultipart()) throw errors.validation('Expected a multipart/form-data body.', { body: ['Expected multipart/form-data.'] });
  const form: MultipartForm = { files: [], fields: {} };
  const fingerprint = createHash('sha256').update(`${request.method}\n${request.url}\nmultipart\n`);
  try {
    await collectParts(request, fileFields, form, fingerprint);
  } catch (err) {
    // The multipart parser throws plain Errors for a broken body ("Unexpected end of multipart data");
    // errors with a code (size limits, our own AppErrors) already say what went wrong.
    if (err instanceof AppError || (err as { code?: unknown }).code) throw err;
    throw errors.validation(`Malformed multipart body: ${(err as Error).message}.`, { body: [(err as Error).message] });
  }
  await reserveMultipartIdempotency(request, fingerprint.digest('hex'));
  return form;
}

async function collectParts(request: FastifyRequest, fileFields: string[], form: MultipartForm, fingerprint: Hash): Promise<void> {
  const limits = request.server.uploadLimits;
  let total = 0;
  for await (const part of request.parts()) {
    // Lengths before contents, so no two different forms hash alike.
    const tag = (...values: string[]) => fingerprint.update(values.map((v) => `${Buffer.byteLength(v)}:${v}`).join('') + '\n');
    if (part.type === 'file') {
      if (!fileFields.includes(part.fieldname)) {
        throw errors.fieldInvalid(part.fieldname, `Unexpected file field '${part.fieldname}'; send files as ${fileFields.map((f) => `'${f}'`).join(' or ')}.`);
      }
      tag('file', part.fieldname, part.filename ?? '', part.mimetype ?? '');
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) {
        total += (chunk as Buffer).length;
        if (total > limits.perRequest) throw errors.requestTooLarge(limits.perRequest);
        fingerprint.update(chunk as Buffer);
        chunks.push(chunk as Buffer);
      }
      if (part.file.truncated) throw errors.fileTooLarge(limits.perFile);
      form.files.push({ filename: part.filename, bytes: Buffer.concat(chunks) });
    } else {
      tag('field', part.fieldname, String(part.value));
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
