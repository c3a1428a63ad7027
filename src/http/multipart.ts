import { createHash, randomBytes, type Hash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { IncomingFile, SpooledFile } from '../documents/files-service.js';
import { AppError } from '../internal/errors/app-error.js';
import { errors } from '../internal/errors/errors.js';
import { formJson, formValue, type SubmittedForm } from '../internal/web/form-fields.js';
import { MEMORY_PART_BYTES, MEMORY_REQUEST_BYTES, PartSink, releasePartMemory, reservePartMemory } from './part-sink.js';
import { reserveMultipartIdempotency } from './plugins/idempotency.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * DOCSIFT_MAX_UPLOAD_MB per file and DOCSIFT_MAX_REQUEST_MB for all files of one request, in bytes,
     * and the directory file parts are spooled to (`<data dir>/uploads`).
     */
    uploadLimits: { perFile: number; perRequest: number; spoolDir: string };
  }
}

/** A request's form: its files spooled to disk, its text fields (the shape lives in internal/web for surfaces). */
export type MultipartForm = SubmittedForm<IncomingFile>;

export { formJson, formValue };

/**
 * Each request's spooled parts' temp files and the bytes of the process's memory budget its held parts
 * took: the files removed and the bytes given back when its response is sent (`removeSpooledFiles`).
 */
const uploadsOf = new WeakMap<FastifyRequest, { paths: string[]; heldBytes: number }>();
const uploads = (request: FastifyRequest) => {
  let found = uploadsOf.get(request);
  if (!found) uploadsOf.set(request, (found = { paths: [], heldBytes: 0 }));
  return found;
};

/**
 * Reads a multipart body: each file part is held in memory up to a bound (PartSink: 1 MB a part, 4 MB a
 * request, 64 MB for all requests in flight), else streams to a temp file (hashed while it is written), up to
 * the per-file limit and, together, the per-request limit (413 the moment either is passed; 100 parts
 * of 20 MB each were once 2 GB held in memory), text parts are collected. The parts are also hashed
 * into one fingerprint as they stream past: that, not the body, is what an Idempotency-Key is checked
 * against. The temp files go when the response is sent.
 */
export async function readMultipart(request: FastifyRequest, fileFields: string[]): Promise<MultipartForm> {
  if (!request.isMultipart()) throw errors.validation('Expected a multipart/form-data body.', { body: ['Expected multipart/form-data.'] });
  const form: MultipartForm = { files: [], fields: {} };
  const fingerprint = createHash('sha256').update(`${request.method}\n${request.url}\nmultipart\n`);
  try {
    await collectParts(request, fileFields, form, fingerprint);
  } catch (err) {
    await removeSpooledFiles(request);
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
  let memoryLeft = MEMORY_REQUEST_BYTES;
  for await (const part of request.parts()) {
    // Lengths before contents, so no two different forms hash alike.
    const tag = (...values: string[]) => fingerprint.update(values.map((v) => `${Buffer.byteLength(v)}:${v}`).join('') + '\n');
    if (part.type === 'file') {
      if (!fileFields.includes(part.fieldname)) {
        throw errors.fieldInvalid(part.fieldname, `Unexpected file field '${part.fieldname}'; send files as ${fileFields.map((f) => `'${f}'`).join(' or ')}.`);
      }
      tag('file', part.fieldname, part.filename ?? '', part.mimetype ?? '');
      const file = path.join(limits.spoolDir, `${randomBytes(16).toString('hex')}.upload`);
      // Reserved before the part arrives, so requests in flight never hold more than the process's budget together.
      const reserved = reservePartMemory(Math.min(MEMORY_PART_BYTES, memoryLeft));
      uploads(request).heldBytes += reserved;
      const received = await receive(part.file, file, reserved, {
        onChunk: (chunk) => {
          total += chunk.length;
          if (total > limits.perRequest) throw errors.requestTooLarge(limits.perRequest);
          fingerprint.update(chunk);
        },
        onSpill: (spilled) => uploads(request).paths.push(spilled),
      });
      if (part.file.truncated) throw errors.fileTooLarge(limits.perFile);
      const used = 'bytes' in received ? received.bytes.length : 0;
      releasePartMemory(reserved - used);
      uploads(request).heldBytes -= reserved - used;
      memoryLeft -= used;
      form.files.push({ filename: part.filename, ...received });
    } else {
      tag('field', part.fieldname, String(part.value));
      (form.fields[part.fieldname] ??= []).push(String(part.value));
    }
  }
}

/**
 * Receives a part: held in memory while it fits in `memoryBytes`, else written to `file` (0600) as it
 * arrives (PartSink), its sha256 computed on the way; `onChunk` may throw to stop it.
 */
async function receive(
  source: Readable,
  file: string,
  memoryBytes: number,
  on: { onChunk: (chunk: Buffer) => void; onSpill: (file: string) => void },
): Promise<{ bytes: Buffer } | { spooled: SpooledFile }> {
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        on.onChunk(chunk);
      } catch (err) {
        done(err as Error);
        return;
      }
      size += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const sink = new PartSink(file, memoryBytes, on.onSpill);
  await pipeline(source, counter, sink);
  const received = sink.received;
  return 'bytes' in received ? received : { spooled: { path: received.file, size, sha256: hash.digest('hex') } };
}

/** Removes a request's spooled parts and gives back what its held parts took (after its response, or when reading the body failed). */
export async function removeSpooledFiles(request: FastifyRequest): Promise<void> {
  const found = uploadsOf.get(request);
  if (!found) return;
  uploadsOf.delete(request);
  releasePartMemory(found.heldBytes);
  await Promise.all(found.paths.map((p) => fsp.rm(p, { force: true }).catch(() => undefined)));
}
