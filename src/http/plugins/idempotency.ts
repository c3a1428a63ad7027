import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../../internal/errors/errors.js';
import type { IdempotencyKeys, IdempotencyScope } from '../../usage/idempotency-keys.js';
import type { App } from '../app-type.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: this POST ignores Idempotency-Key; true: a non-POST route (PUT, PATCH) honours it too. */
    idempotency?: boolean;
  }
}

/** Response headers worth replaying; rate-limit headers and the request id are the new request's own. */
const REPLAYED_HEADERS = ['content-type', 'location', 'content-disposition'];
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/** The request holding its key, so onSend can store (or release) its response. */
const holders = new WeakMap<FastifyRequest, { scope: IdempotencyScope; lockToken: string }>();
/** A multipart request whose key is reserved once its parts are read (readMultipart). */
const deferred = new WeakMap<FastifyRequest, { scope: IdempotencyScope; keys: IdempotencyKeys }>();

/** Thrown by readMultipart when the key was already answered: the error handler sends the stored response. */
export class IdempotentReplay extends Error {
  constructor(readonly response: { statusCode: number; headers: Record<string, string>; body: string }) {
    super('idempotent replay');
    this.name = 'IdempotentReplay';
  }
}

/**
 * For a multipart request with an Idempotency-Key: reserves the key with the fingerprint of its parts
 * (hashed as they were read, so the body is never held twice), or throws IdempotentReplay with the
 * first response. Call it after the parts are read and before anything is created.
 */
export async function reserveMultipartIdempotency(request: FastifyRequest, fingerprint: string): Promise<void> {
  const pending = deferred.get(request);
  if (!pending) return;
  deferred.delete(request);
  const reservation = await pending.keys.reserve(pending.scope, fingerprint);
  if (reservation.kind === 'run') {
    holders.set(request, { scope: pending.scope, lockToken: reservation.lockToken });
    return;
  }
  throw new IdempotentReplay(reservation.response);
}

/**
 * `Idempotency-Key` for every POST of this (encapsulated) scope; call it after the scope's auth hook.
 * A route opts out with `config: { idempotency: false }`, a PUT or PATCH opts in with `true`. Surfaces
 * register it on their own authenticated scopes the same way:
 *
 *   requireAuth(scope, core.accounts);
 *   registerIdempotency(scope, core.idempotency);
 *
 * The request hash covers the method, the URL and the body: the parsed JSON with its keys sorted
 * (so a client re-serializing the same object matches), or for multipart its parts (names, file
 * names, types, bytes), hashed by readMultipart as they stream in: the boundary a client picks does
 * not matter, and only the fingerprint is kept, never the body. Replays carry `Idempotent-Replayed: true`.
 */
export function registerIdempotency(app: App, keys: IdempotencyKeys): void {
  const reserve = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = idempotencyKey(request);
    if (key === undefined || !request.auth) return;
    const scope = { tenantId: request.auth.tenantId, apiKeyId: request.auth.apiKeyId, key };
    if (request.isMultipart()) {
      deferred.set(request, { scope, keys });
      return;
    }
    const reservation = await keys.reserve(scope, requestHash(request));
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

function requestHash(request: FastifyRequest): string {
  const hash = createHash('sha256').update(`${request.method}\n${request.url}\n`);
  if (Buffer.isBuffer(request.body)) {
    hash.update('bytes\n').update(request.body);
  } else if (typeof request.body === 'string') {
    hash.update('text\n').update(request.body);
  } else {
    hash.update('json\n').update(canonicalJson(request.body ?? null));
  }
  return hash.digest('hex');
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
