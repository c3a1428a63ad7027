import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../../internal/errors/errors.js';
import type { IdempotencyKeys, IdempotencyScope } from '../../usage/idempotency-keys.js';
import type { App } from '../app.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: this POST ignores Idempotency-Key; true: a non-POST route (PUT, PATCH) honours it too. */
    idempotency?: boolean;
  }
}

export interface IdempotencyPluginOptions {
  /**
   * The most bytes of a multipart body held in memory to hash it (default: 100 files of
   * DOCSIFT_MAX_UPLOAD_MB, what the multipart parser itself accepts).
   */
  maxMultipartBytes: number;
}

/** Response headers worth replaying; rate-limit headers and the request id are the new request's own. */
const REPLAYED_HEADERS = ['content-type', 'location', 'content-disposition'];
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/** The request holding its key, so onSend can store (or release) its response. */
const holders = new WeakMap<FastifyRequest, { scope: IdempotencyScope; lockToken: string }>();

/**
 * `Idempotency-Key` for every POST of this (encapsulated) scope; call it after the scope's auth hook.
 * A route opts out with `config: { idempotency: false }`, a PUT or PATCH opts in with `true`. Surfaces
 * register it on their own authenticated scopes the same way:
 *
 *   requireAuth(scope, core.accounts);
 *   registerIdempotency(scope, core.idempotency, { maxMultipartBytes });
 *
 * The request hash covers the method, the URL and the body: the parsed JSON with its keys sorted
 * (so a client re-serializing the same object matches), or for multipart the raw bytes with the
 * boundary masked (a client rebuilding the same form picks a new random boundary). Multipart bodies
 * are read and hashed before the handler, which then parses them from memory. Replays carry
 * `Idempotent-Replayed: true`.
 */
export function registerIdempotency(app: App, keys: IdempotencyKeys, options: IdempotencyPluginOptions): void {
  const reserve = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = idempotencyKey(request);
    if (key === undefined || !request.auth) return;
    const scope = { tenantId: request.auth.tenantId, apiKeyId: request.auth.apiKeyId, key };
    const reservation = await keys.reserve(scope, await requestHash(request, options.maxMultipartBytes));
    if (reservation.kind === 'run') {
      holders.set(request, { scope, lockToken: reservation.lockToken });
      return;
    }
    const { statusCode, headers, body } = reservation.response;
    reply.code(statusCode).headers(headers).header('idempotent-replayed', 'true').send(body);
    return reply;
  };

  const store = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const holder = holders.get(request);
    if (!holder) return payload;
    holders.delete(request);
    const storable = typeof payload === 'string' || Buffer.isBuffer(payload);
    try {
      if (reply.statusCode >= 200 && reply.statusCode < 300 && storable) {
        // Stored before the response leaves, so a retry after it always finds the response.
        await keys.complete(holder.scope, holder.lockToken, {
          statusCode: reply.statusCode,
          headers: replayedHeaders(reply),
          body: String(payload),
        });
      } else {
        await keys.release(holder.scope, holder.lockToken);
      }
    } catch (err) {
      request.log.warn({ err }, 'could not record the idempotency key');
    }
    return payload;
  };

  // Hooks only on the routes that honour the header (POSTs, and routes that opt in), so reads don't
  // run them. Routes added to this scope after this call are matched as they are added.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = route.config?.idempotency;
    if (config === false || (!methods.includes('POST') && config !== true)) return;
    route.preValidation = [...hookList(route.preValidation), reserve];
    route.onSend = [...hookList(route.onSend), store];
  });
}

function hookList<T>(hooks: T | T[] | undefined): T[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}

function idempotencyKey(request: FastifyRequest): string | undefined {
  const config = request.routeOptions.config.idempotency;
  if (config === false || (request.method !== 'POST' && config !== true)) return undefined;
  const raw = request.headers['idempotency-key'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (value === undefined) return undefined;
  if (!KEY_PATTERN.test(value)) {
    throw errors.fieldInvalid('Idempotency-Key', 'The Idempotency-Key header must be 1 to 255 printable ASCII characters (a UUID is a good choice).');
  }
  return value;
}

async function requestHash(request: FastifyRequest, maxMultipartBytes: number): Promise<string> {
  const hash = createHash('sha256').update(`${request.method}\n${request.url}\n`);
  if (request.isMultipart()) {
    const body = await bufferRawBody(request, maxMultipartBytes);
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.headers['content-type'] ?? '');
    hash.update('multipart\n');
    updateMasked(hash, body, boundary ? Buffer.from(boundary[1] ?? boundary[2]) : null);
  } else if (Buffer.isBuffer(request.body)) {
    hash.update('bytes\n').update(request.body);
  } else if (typeof request.body === 'string') {
    hash.update('text\n').update(request.body);
  } else {
    hash.update('json\n').update(canonicalJson(request.body ?? null));
  }
  return hash.digest('hex');
}

/**
 * Reads the whole multipart body (the multipart parser reads `request.raw` itself, so it can't be
 * hashed as it streams past) and puts a stream over the same bytes in its place for the handler.
 */
async function bufferRawBody(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  const original = request.raw;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of original) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw errors.fileTooLarge(maxBytes);
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  const replay = Object.assign(Readable.from([body], { objectMode: false }), {
    headers: original.headers,
    rawHeaders: original.rawHeaders,
    method: original.method,
    url: original.url,
    httpVersion: original.httpVersion,
    socket: original.socket,
  });
  (request as { raw: IncomingMessage }).raw = replay as unknown as IncomingMessage;
  return body;
}

/** Hashes `body` with every occurrence of the multipart boundary replaced by a fixed marker. */
function updateMasked(hash: ReturnType<typeof createHash>, body: Buffer, boundary: Buffer | null): void {
  if (!boundary || boundary.length === 0) {
    hash.update(body);
    return;
  }
  let from = 0;
  for (let at = body.indexOf(boundary, from); at >= 0; at = body.indexOf(boundary, from)) {
    hash.update(body.subarray(from, at)).update('\u0000boundary\u0000');
    from = at + boundary.length;
  }
  hash.update(body.subarray(from));
}

/** JSON with object keys sorted, so equal objects hash alike whatever order a client wrote them in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) out[name] = String(value);
  }
  return out;
}
