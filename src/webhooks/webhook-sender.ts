import type { Db } from '../internal/db/database.js';
import type { WebhookDeliveryRow } from '../internal/db/schema.js';
import { nowIso } from '../internal/ids.js';
import { RequestTimeoutError, sendGuardedRequest } from '../internal/net/guarded-request.js';
import { BlockedAddressError, type NetworkPolicy, type ResolveHost } from '../internal/net/ssrf-guard.js';
import { PermanentJobError } from '../internal/queue/permanent-job-error.js';
import type { JobContext } from '../internal/queue/types.js';
import type { SecretSource, SigningSpec, WebhookScheme } from './delivery-types.js';
import { lockRows } from '../internal/db/row-locks.js';

const EXCERPT_BYTES = 1024;
const USER_AGENT = 'docsift-webhooks/1';

interface AttemptOutcome {
  ok: boolean;
  /** Retrying cannot help (a refused address, a deleted subscription). */
  permanent: boolean;
  statusCode: number | null;
  excerpt: string | null;
  error: string | null;
}

/**
 * Runs one attempt of a delivery (the `webhook.deliver` job's handler): signs with the secret as it is
 * now, sends through the SSRF guard (no redirects, a hard timeout), and stores the attempt and the
 * delivery's new state. A failure is thrown back to the queue, which retries with backoff until the
 * attempts run out; the delivery is marked failed on the last one.
 */
export class WebhookSender {
  private readonly db: Db;
  private readonly policy: NetworkPolicy;
  private readonly timeoutMs: number;
  private readonly schemes = new Map<string, WebhookScheme>();
  private readonly resolve: ResolveHost | undefined;

  constructor(deps: { db: Db; policy: NetworkPolicy; timeoutMs: number; schemes: WebhookScheme[]; resolve?: ResolveHost }) {
    this.db = deps.db;
    this.policy = deps.policy;
    this.timeoutMs = deps.timeoutMs;
    this.resolve = deps.resolve;
    for (const scheme of deps.schemes) this.registerScheme(scheme);
  }

  /** Adds a surface's signing scheme (its header names and signature format). */
  registerScheme(scheme: WebhookScheme): void {
    if (this.schemes.has(scheme.name)) throw new Error(`webhook scheme '${scheme.name}' is registered twice`);
    this.schemes.set(scheme.name, scheme);
  }

  async deliver(deliveryId: string, ctx: JobContext): Promise<void> {
    const delivery = await this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirst();
    // Deleted with its extraction, or already settled by an earlier run of this job (at-least-once queue).
    if (!delivery || delivery.status !== 'pending') return;

    const startedAt = nowIso();
    const started = performance.now();
    const outcome = await this.attempt(delivery, ctx);
    // The queue is stopping and handed the job back: this try did not really happen, the next run redoes it.
    if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('aborted');
    const latencyMs = Math.round(performance.now() - started);
    const last = outcome.ok || outcome.permanent || ctx.attempt >= ctx.maxAttempts;

    await this.db.transaction().execute(async (trx) => {
      // Locked: two runs of one delivery job (a lease taken over) record attempts one after the other.
      const current = await trx
        .selectFrom('webhook_deliveries')
        .select(['attempt_count', 'status'])
        .where('id', '=', deliveryId)
        .$call(lockRows(trx))
        .executeTakeFirst();
      if (!current || current.status !== 'pending') return;
      const attempt = current.attempt_count + 1;
      const now = nowIso();
      await trx
        .insertInto('webhook_attempts')
        .values({
          delivery_id: deliveryId,
          attempt,
          tenant_id: delivery.tenant_id,
          url: delivery.url,
          started_at: startedAt,
          latency_ms: latencyMs,
          status_code: outcome.statusCode,
          response_excerpt: outcome.excerpt,
          error: outcome.error,
          succeeded: outcome.ok ? 1 : 0,
        })
        .execute();
      await trx
        .updateTable('webhook_deliveries')
        .set({
          attempt_count: attempt,
          last_status_code: outcome.statusCode,
          last_error: outcome.error,
          status: outcome.ok ? 'succeeded' : last ? 'failed' : 'pending',
          updated_at: now,
          completed_at: last ? now : null,
        })
        .where('id', '=', deliveryId)
        .execute();
    });

    if (outcome.ok) return;
    const message = outcome.error ?? 'delivery failed';
    throw outcome.permanent ? new PermanentJobError(message) : new Error(message);
  }

  /**
   * The delivery's job died without a try that ended (deliver-webhook-job.ts, onDead): the worker of
   * its last try was killed or stalled past its lease. Nothing else will settle it, so it fails here,
   * and a redelivery can send it again.
   */
  async abandon(deliveryId: string): Promise<void> {
    const now = nowIso();
    await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', last_error: 'the worker delivering it stopped (killed or stalled) on its last try', updated_at: now, completed_at: now })
      .where('id', '=', deliveryId)
      .where('status', '=', 'pending')
      .execute();
  }

  private async attempt(delivery: WebhookDeliveryRow, ctx: JobContext): Promise<AttemptOutcome> {
    const failed = (error: string, permanent = false, statusCode: number | null = null, excerpt: string | null = null): AttemptOutcome => ({
      ok: false,
      permanent,
      statusCode,
      excerpt,
      error,
    });
    const signing = JSON.parse(delivery.signing) as SigningSpec;
    const scheme = this.schemes.get(signing.scheme);
    if (!scheme) return failed(`unknown signing scheme '${signing.scheme}'`, true);
    const secrets = await this.secretsFor(delivery.tenant_id, signing.secret);
    if (!secrets) return failed('the webhook subscription was deleted', true);

    const attempt = delivery.attempt_count + 1;
    const headers: Record<string, string | undefined> = {
      ...(JSON.parse(delivery.headers) as Record<string, string>),
      'user-agent': USER_AGENT,
      ...scheme.headers({
        secrets,
        body: delivery.body,
        timestamp: Math.floor(Date.now() / 1000),
        deliveryId: delivery.id,
        event: { id: delivery.event_id, type: delivery.event_type },
        attempt,
      }),
    };
    try {
      const res = await sendGuardedRequest({
        url: delivery.url,
        method: 'POST',
        headers: Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined)),
        body: delivery.body,
        policy: this.policy,
        timeoutMs: this.timeoutMs,
        signal: ctx.signal,
        maxResponseBytes: EXCERPT_BYTES,
        resolve: this.resolve,
      });
      const excerpt = res.body.length > 0 ? res.body.toString('utf8') : null;
      if (res.status >= 200 && res.status < 300) return { ok: true, permanent: false, statusCode: res.status, excerpt, error: null };
      if (res.status >= 300 && res.status < 400) {
        const location = typeof res.headers.location === 'string' ? ` to ${res.headers.location.slice(0, 500)}` : '';
        return failed(`HTTP ${res.status}: redirect${location} not followed`, false, res.status, excerpt);
      }
      return failed(`HTTP ${res.status}`, false, res.status, excerpt);
    } catch (err) {
      if (err instanceof BlockedAddressError) return failed(`refused: ${err.message}`, true);
      if (err instanceof RequestTimeoutError) return failed(`timeout: ${err.message}`);
      const code = (err as NodeJS.ErrnoException).code;
      return failed(`${code ? `${code}: ` : ''}${err instanceof Error ? err.message : String(err)}`.slice(0, 1000));
    }
  }

  /** The secrets to sign with, current first; null when the subscription no longer exists. */
  private async secretsFor(tenantId: string, source: SecretSource): Promise<string[] | null> {
    if (source.kind === 'literal') return [source.secret];
    if (source.kind === 'tenant') {
      const tenant = await this.db.selectFrom('tenants').select('webhook_secret').where('id', '=', tenantId).executeTakeFirst();
      return tenant ? [tenant.webhook_secret] : null;
    }
    const row = await this.db
      .selectFrom('webhooks')
      .select(['secret', 'previous_secret', 'previous_secret_expires_at'])
      .where('id', '=', source.webhookId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!row) return null;
    const overlap = row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at > nowIso();
    return overlap ? [row.secret, row.previous_secret!] : [row.secret];
  }
}
