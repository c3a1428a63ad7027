import type { Kysely } from 'kysely';
import { newWebhookSecret } from '../accounts/tenants.js';
import { normalizePage, pageInfo, type PageInfo, type PageRequest } from '../documents/pagination.js';
import type { Db } from '../internal/db/database.js';
import type { Database, WebhookRow } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';
import { newId, nowIso } from '../internal/ids.js';
import { assertAllowedUrl, BlockedAddressError, type NetworkPolicy, type ResolveHost } from '../internal/net/ssrf-guard.js';
import { NATIVE_EVENT_TYPES, OPT_IN_EVENT_TYPES } from './event-types.js';

export interface SubscriptionInput {
  name?: string;
  url: string;
  /** Default: every event type of the surface. */
  events?: string[];
  scope?: 'all' | 'selected';
  /** Template (parser) ids, required when scope is 'selected'. */
  templateIds?: string[];
  active?: boolean;
}

export type SubscriptionPatch = Partial<SubscriptionInput>;

/** A subscription with its secret in clear: only answered by create and rotate. */
export interface SubscriptionWithSecret {
  webhook: WebhookRow;
  secret: string;
}

const MAX_URL_LENGTH = 2048;
const MAX_ROTATION_OVERLAP_SECONDS = 7 * 24 * 3600;

/**
 * Tenant webhook subscriptions: CRUD, secret rotation and the lookup of who receives an event. The
 * `surface` says whose payloads a subscription receives (the native API's, or another surface's that
 * manages its own subscriptions through this service); every method is scoped to a tenant and surface.
 */
export class WebhookSubscriptions {
  private readonly db: Db;
  private readonly policy: NetworkPolicy;
  private readonly resolve: ResolveHost | undefined;
  private readonly eventTypes: Record<string, readonly string[]>;

  constructor(deps: { db: Db; policy: NetworkPolicy; resolve?: ResolveHost; eventTypes?: Record<string, readonly string[]> }) {
    this.db = deps.db;
    this.policy = deps.policy;
    this.resolve = deps.resolve;
    this.eventTypes = { native: NATIVE_EVENT_TYPES, ...deps.eventTypes };
  }

  /** The same subscriptions, told another surface's event names too (a surface managing its own). */
  withEventTypes(eventTypes: Record<string, readonly string[]>): WebhookSubscriptions {
    return new WebhookSubscriptions({ db: this.db, policy: this.policy, resolve: this.resolve, eventTypes: { ...this.eventTypes, ...eventTypes } });
  }

  async create(tenantId: string, input: SubscriptionInput, surface = 'native'): Promise<SubscriptionWithSecret> {
    const url = await this.checkUrl(input.url);
    const events = this.checkEvents(surface, input.events);
    const scope = input.scope ?? 'all';
    const templateIds = await this.checkTemplates(tenantId, scope, input.templateIds ?? []);
    const now = nowIso();
    const secret = newWebhookSecret();
    const row: WebhookRow = {
      id: newId('whk'),
      tenant_id: tenantId,
      surface,
      name: checkName(input.name ?? new URL(url).host),
      url,
      events: JSON.stringify(events),
      scope,
      template_ids: JSON.stringify(templateIds),
      active: input.active === false ? 0 : 1,
      secret,
      previous_secret: null,
      previous_secret_expires_at: null,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('webhooks').values(row).execute();
    return { webhook: row, secret };
  }

  /** Newest first unless `order` says otherwise; `active` keeps only enabled (true) or disabled (false) ones. */
  async list(
    tenantId: string,
    req: PageRequest & { active?: boolean; order?: 'asc' | 'desc' },
    surface = 'native',
  ): Promise<{ items: WebhookRow[]; page: PageInfo }> {
    const { page, perPage, offset } = normalizePage(req);
    let base = this.db.selectFrom('webhooks').where('tenant_id', '=', tenantId).where('surface', '=', surface);
    if (req.active !== undefined) base = base.where('active', '=', req.active ? 1 : 0);
    const order = req.order ?? 'desc';
    const [items, count] = await Promise.all([
      base.selectAll().orderBy('created_at', order).orderBy('id', order).limit(perPage).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, page: pageInfo(page, perPage, Number(count.n)) };
  }

  async get(tenantId: string, id: string, surface = 'native'): Promise<WebhookRow> {
    const row = await this.db
      .selectFrom('webhooks')
      .selectAll()
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .where('surface', '=', surface)
      .executeTakeFirst();
    if (!row) throw errors.notFound('webhook', id);
    return row;
  }

  async update(tenantId: string, id: string, patch: SubscriptionPatch, surface = 'native'): Promise<WebhookRow> {
    const current = await this.get(tenantId, id, surface);
    const set: Partial<WebhookRow> = { updated_at: nowIso() };
    if (patch.name !== undefined) set.name = checkName(patch.name);
    if (patch.url !== undefined) set.url = await this.checkUrl(patch.url);
    if (patch.events !== undefined) set.events = JSON.stringify(this.checkEvents(surface, patch.events));
    if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
    if (patch.scope !== undefined || patch.templateIds !== undefined) {
      const scope = patch.scope ?? current.scope;
      const ids = patch.templateIds ?? (scope === 'selected' ? (JSON.parse(current.template_ids) as string[]) : []);
      set.scope = scope;
      set.template_ids = JSON.stringify(await this.checkTemplates(tenantId, scope, ids));
    }
    await this.db.updateTable('webhooks').set(set).where('id', '=', id).where('tenant_id', '=', tenantId).execute();
    return this.get(tenantId, id, surface);
  }

  /** Deletes the subscription. Its deliveries stay listed; pending ones fail, having no secret to sign with. */
  async delete(tenantId: string, id: string, surface = 'native'): Promise<void> {
    const result = await this.db
      .deleteFrom('webhooks')
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .where('surface', '=', surface)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw errors.notFound('webhook', id);
  }

  /**
   * Issues a new secret. With an overlap, the old secret keeps signing beside the new one (two v1
   * values in the header) until it expires, so receivers can switch without dropping deliveries.
   */
  async rotateSecret(tenantId: string, id: string, options: { overlapSeconds?: number } = {}, surface = 'native'): Promise<SubscriptionWithSecret> {
    const current = await this.get(tenantId, id, surface);
    const overlap = options.overlapSeconds ?? 0;
    if (!Number.isInteger(overlap) || overlap < 0 || overlap > MAX_ROTATION_OVERLAP_SECONDS) {
      throw errors.fieldInvalid('previous_secret_expires_in', `The overlap is a whole number of seconds from 0 to ${MAX_ROTATION_OVERLAP_SECONDS}.`);
    }
    const secret = newWebhookSecret();
    const now = new Date();
    await this.db
      .updateTable('webhooks')
      .set({
        secret,
        previous_secret: overlap > 0 ? current.secret : null,
        previous_secret_expires_at: overlap > 0 ? new Date(now.getTime() + overlap * 1000).toISOString() : null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .execute();
    return { webhook: await this.get(tenantId, id, surface), secret };
  }

  /**
   * Active subscriptions of a surface that want this event for this template (inside the caller's
   * transaction). Within one transaction the tenant's subscriptions are read once, for every surface:
   * a finishing document asks once per listener and event (native, Extend, embed, evaluations), and
   * this keeps that to one statement. A subscription changed meanwhile by another transaction is then
   * seen as it was at the first read, as if the change had committed a moment later.
   */
  async matching(
    db: Kysely<Database>,
    query: { tenantId: string; surface: string; eventType: string; templateId: string | null },
  ): Promise<WebhookRow[]> {
    const rows = await activeSubscriptions(db, query.tenantId);
    return rows.filter((row) => {
      if (row.surface !== query.surface) return false;
      if (!(JSON.parse(row.events) as string[]).includes(query.eventType)) return false;
      if (row.scope === 'all') return true;
      return query.templateId !== null && (JSON.parse(row.template_ids) as string[]).includes(query.templateId);
    });
  }

  private async checkUrl(url: string): Promise<string> {
    if (url.length > MAX_URL_LENGTH) throw errors.fieldInvalid('url', `The URL has at most ${MAX_URL_LENGTH} characters.`);
    try {
      return (await assertAllowedUrl(url, this.policy, this.resolve)).toString();
    } catch (err) {
      if (err instanceof BlockedAddressError) throw errors.fieldInvalid('url', err.message);
      throw err;
    }
  }

  private checkEvents(surface: string, events: string[] | undefined): string[] {
    const known = this.eventTypes[surface] ?? [];
    if (events === undefined) return known.filter((e) => !OPT_IN_EVENT_TYPES.includes(e));
    const unique = [...new Set(events)];
    if (unique.length === 0) throw errors.fieldInvalid('events', 'Subscribe to at least one event.');
    const unknown = unique.filter((e) => !known.includes(e));
    if (unknown.length > 0) {
      throw errors.fieldInvalid('events', `Unknown event type(s): ${unknown.join(', ')}. Known: ${known.join(', ')}.`);
    }
    return unique;
  }

  private async checkTemplates(tenantId: string, scope: 'all' | 'selected', ids: string[]): Promise<string[]> {
    if (scope === 'all') return [];
    const unique = [...new Set(ids)];
    if (unique.length === 0) throw errors.fieldInvalid('parser_ids', 'A webhook scoped to selected parsers needs at least one parser id.');
    const found = await this.db.selectFrom('templates').select('id').where('tenant_id', '=', tenantId).where('id', 'in', unique).execute();
    const known = new Set(found.map((r) => r.id));
    const missing = unique.filter((id) => !known.has(id));
    if (missing.length > 0) throw errors.fieldInvalid('parser_ids', `Unknown parser id(s): ${missing.join(', ')}.`);
    return unique;
  }
}

/** Per open transaction (a WeakMap, so it goes with the transaction object): tenant id → its active subscriptions. */
const readInTransaction = new WeakMap<object, Map<string, Promise<WebhookRow[]>>>();

function activeSubscriptions(db: Kysely<Database>, tenantId: string): Promise<WebhookRow[]> {
  const read = () =>
    db.selectFrom('webhooks').selectAll().where('tenant_id', '=', tenantId).where('active', '=', 1).orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
  // Outside a transaction every call reads: the handle lives on, and a cache there would go stale.
  if (!db.isTransaction) return read();
  let byTenant = readInTransaction.get(db);
  if (!byTenant) readInTransaction.set(db, (byTenant = new Map()));
  let rows = byTenant.get(tenantId);
  if (!rows) byTenant.set(tenantId, (rows = read()));
  return rows;
}

/**
 * Tells the transaction `trx` that the tenant has no active subscription, as a statement of the
 * caller's own read in it (a finishing document's lock reads it along): matching() then answers none
 * without a statement of its own.
 */
export function rememberNoActiveSubscriptions(trx: Kysely<Database>, tenantId: string): void {
  if (!trx.isTransaction) return;
  let byTenant = readInTransaction.get(trx);
  if (!byTenant) readInTransaction.set(trx, (byTenant = new Map()));
  if (!byTenant.has(tenantId)) byTenant.set(tenantId, Promise.resolve([]));
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw errors.fieldInvalid('name', 'The name must not be empty.');
  if (trimmed.length > 200) throw errors.fieldInvalid('name', 'The name has at most 200 characters.');
  return trimmed;
}
