import { randomBytes } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database, IdempotencyKeyRow } from '../internal/db/schema.js';
import { AppError } from '../internal/errors/app-error.js';
import { errors } from '../internal/errors/errors.js';

/** Who sent a request with an Idempotency-Key: keys are scoped to the tenant and the API key. */
export interface IdempotencyScope {
  tenantId: string;
  apiKeyId: string;
  key: string;
}

export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** What to do with a request: run it (and complete or release the key afterwards), or replay. */
export type Reservation = { kind: 'run'; lockToken: string } | { kind: 'replay'; response: StoredResponse };

export interface IdempotencyOptions {
  /** How long a completed key replays its response (24 h). */
  ttlMs?: number;
  /** How long a second request waits for a concurrent first one with the same key before 409 (10 s). */
  waitMs?: number;
  /** A pending key whose request never finished (its process died) can be taken over after this (2 min). */
  lockMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const POLL_MS = 50;
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Idempotency keys in the database, so they hold across processes. A request reserves its key by
 * inserting a row (the primary key lets exactly one concurrent request win), runs, then stores its
 * response on the row; later requests with the same key and the same request hash get that response
 * replayed. The same key with another request is refused (422). A concurrent duplicate waits for the
 * first request to finish and then replays it, or gets 409 if it takes longer than `waitMs`.
 *
 * Only successful (2xx) responses are remembered: a failed request created nothing, so its key is
 * released and the client may retry with the same key (after topping up credits, say).
 */
export class IdempotencyKeys {
  private readonly db: Kysely<Database>;
  private readonly ttlMs: number;
  private readonly waitMs: number;
  private readonly lockMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private lastPurge = 0;

  constructor(deps: { db: Kysely<Database> } & IdempotencyOptions) {
    this.db = deps.db;
    this.ttlMs = deps.ttlMs ?? 24 * 3600_000;
    this.waitMs = deps.waitMs ?? 10_000;
    this.lockMs = deps.lockMs ?? 120_000;
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Reserves the key for this request, or returns the response to replay; throws 422 or 409. */
  async reserve(scope: IdempotencyScope, requestHash: string): Promise<Reservation> {
    this.purgeExpiredSometimes();
    const deadline = this.now() + this.waitMs;
    for (;;) {
      const now = this.now();
      const lockToken = randomBytes(16).toString('hex');
      const inserted = await this.db
        .insertInto('idempotency_keys')
        .values({
          tenant_id: scope.tenantId,
          api_key_id: scope.apiKeyId,
          idempotency_key: scope.key,
          request_hash: requestHash,
          state: 'pending',
          lock_token: lockToken,
          locked_until: iso(now + this.lockMs),
          status_code: null,
          response_headers: null,
          response_body: null,
          created_at: iso(now),
          expires_at: iso(now + this.ttlMs),
        })
        .onConflict((oc) => oc.doNothing())
        .returning('lock_token')
        .executeTakeFirst();
      if (inserted) return { kind: 'run', lockToken };

      const row = await this.db.selectFrom('idempotency_keys').selectAll().where(matchesKey(scope)).executeTakeFirst();
      if (!row) continue; // released or purged between the two statements: try to take it again
      if (row.expires_at <= iso(now)) {
        // An expired key is gone for good (purged lazily, here): remove it and take the key afresh.
        await this.db.deleteFrom('idempotency_keys').where(matchesKey(scope)).where('expires_at', '<=', iso(now)).execute();
        continue;
      }
      if (row.request_hash !== requestHash) throw errors.idempotencyMismatch();
      if (row.state === 'completed') return { kind: 'replay', response: storedResponse(row) };
      if (row.locked_until <= iso(now)) {
        // Its request died without finishing: take the key over (only one taker can match the old token).
        const taken = await this.db
          .updateTable('idempotency_keys')
          .where(matchesKey(scope))
          .set({ lock_token: lockToken, locked_until: iso(now + this.lockMs) })
          .where('state', '=', 'pending')
          .where('lock_token', '=', row.lock_token)
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) === 1) return { kind: 'run', lockToken };
        continue;
      }
      if (this.now() >= deadline) {
        throw new AppError(
          'CONFLICT',
          'A request with this Idempotency-Key is still being processed; retry shortly to get its response.',
        );
      }
      await this.sleep(POLL_MS);
    }
  }

  /** Stores the response of the request holding the key, for replays. */
  async complete(scope: IdempotencyScope, lockToken: string, response: StoredResponse): Promise<void> {
    await this.db
      .updateTable('idempotency_keys')
      .where(matchesKey(scope))
      .set({
        state: 'completed',
        status_code: response.statusCode,
        response_headers: JSON.stringify(response.headers),
        response_body: response.body,
      })
      .where('lock_token', '=', lockToken)
      .where('state', '=', 'pending')
      .execute();
  }

  /** Frees the key after a failed request, so the client can retry with it. */
  async release(scope: IdempotencyScope, lockToken: string): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where(matchesKey(scope))
      .where('lock_token', '=', lockToken)
      .where('state', '=', 'pending')
      .execute();
  }

  /** Deletes every expired key now (also done lazily, at most every 10 minutes per process). */
  async purgeExpired(): Promise<number> {
    const result = await this.db.deleteFrom('idempotency_keys').where('expires_at', '<=', iso(this.now())).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private purgeExpiredSometimes(): void {
    if (this.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = this.now();
    // Off the request's path; a failure (database closing, busy) just leaves it for the next purge.
    void this.purgeExpired().catch(() => undefined);
  }
}

/** The key's row: keys are scoped to the tenant and the API key. */
function matchesKey(scope: IdempotencyScope) {
  return (eb: ExpressionBuilder<Database, 'idempotency_keys'>) =>
    eb.and([eb('tenant_id', '=', scope.tenantId), eb('api_key_id', '=', scope.apiKeyId), eb('idempotency_key', '=', scope.key)]);
}

function storedResponse(row: IdempotencyKeyRow): StoredResponse {
  return {
    statusCode: row.status_code ?? 200,
    headers: row.response_headers ? (JSON.parse(row.response_headers) as Record<string, string>) : {},
    body: row.response_body ?? '',
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
