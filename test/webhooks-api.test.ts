import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-core.js';

describe('native webhooks API: subscriptions', () => {
  let t: TestApp;
  const auth = () => ({ 'x-api-key': t.apiKey });
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: body === undefined ? auth() : { ...auth(), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  let parserId = '';

  beforeAll(async () => {
    t = await createTestApp({ startWorkers: false });
    const parser = await call('POST', '/v1/parsers', { name: 'Invoices', description: 'x', fields: [{ name: 'total', type: 'Number', description: 'Total' }] });
    parserId = parser.json().parser.parser_id;
  });
  afterAll(() => t.close());

  it('creates a subscription with defaults and shows the secret only once', async () => {
    const res = await call('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hooks' });
    expect(res.statusCode, res.body).toBe(201);
    const { webhook } = res.json();
    expect(webhook).toMatchObject({
      name: '127.0.0.1:9',
      url: 'http://127.0.0.1:9/hooks',
      events: ['extraction.completed', 'extraction.failed', 'extraction.partial', 'document.completed', 'document.failed'],
      scope: 'all',
      parser_ids: [],
      active: true,
      previous_secret_expires_at: null,
    });
    expect(webhook.webhook_id).toMatch(/^whk_/);
    expect(webhook.secret).toMatch(/^whsec_/);
    expect(webhook.secret.startsWith(webhook.secret_prefix)).toBe(true);

    const got = await call('GET', `/v1/webhooks/${webhook.webhook_id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().webhook.secret).toBeUndefined();
    expect(got.body).not.toContain(webhook.secret);
    const list = await call('GET', '/v1/webhooks');
    expect(list.json().webhooks.map((w: { webhook_id: string }) => w.webhook_id)).toContain(webhook.webhook_id);
    expect(list.body).not.toContain(webhook.secret);
  });

  it('scopes to selected parsers, which must exist in the tenant', async () => {
    const ok = await call('POST', '/v1/webhooks', {
      name: 'Invoices only',
      url: 'https://127.0.0.1/in',
      events: ['document.completed', 'document.completed'],
      scope: 'selected',
      parser_ids: [parserId],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().webhook).toMatchObject({ events: ['document.completed'], scope: 'selected', parser_ids: [parserId] });

    const none = await call('POST', '/v1/webhooks', { url: 'http://127.0.0.1/x', scope: 'selected' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details).toHaveProperty('parser_ids');
    const unknown = await call('POST', '/v1/webhooks', { url: 'http://127.0.0.1/x', scope: 'selected', parser_ids: ['prs_nope'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('prs_nope');
  });

  it('refuses bad URLs and unknown events', async () => {
    for (const url of ['ftp://127.0.0.1/x', 'file:///etc/passwd', 'not a url', 'javascript:alert(1)']) {
      const res = await call('POST', '/v1/webhooks', { url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
    const events = await call('POST', '/v1/webhooks', { url: 'http://127.0.0.1/x', events: ['document.deleted'] });
    expect(events.statusCode).toBe(400);
    const empty = await call('POST', '/v1/webhooks', { url: 'http://127.0.0.1/x', events: [] });
    expect(empty.statusCode).toBe(400);
  });

  it('updates, pauses, rotates the secret and deletes', async () => {
    const created = (await call('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/a', name: 'A' })).json().webhook;
    const id = created.webhook_id as string;

    const patched = await call('PATCH', `/v1/webhooks/${id}`, { name: 'B', active: false, events: ['extraction.failed'], scope: 'selected', parser_ids: [parserId] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().webhook).toMatchObject({ name: 'B', active: false, events: ['extraction.failed'], scope: 'selected', parser_ids: [parserId] });
    const back = await call('PATCH', `/v1/webhooks/${id}`, { scope: 'all' });
    expect(back.json().webhook).toMatchObject({ scope: 'all', parser_ids: [] });
    expect((await call('PATCH', `/v1/webhooks/${id}`, { url: 'gopher://127.0.0.1/' })).statusCode).toBe(400);

    // No body at all is fine: rotate now, the old secret stops signing at once.
    const rotated = await t.app.inject({ method: 'POST', url: `/v1/webhooks/${id}/rotate-secret`, headers: auth() });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const first = rotated.json().webhook;
    expect(first.secret).toMatch(/^whsec_/);
    expect(first.secret).not.toBe(created.secret);
    expect(first.previous_secret_expires_at).toBeNull();

    const overlap = await call('POST', `/v1/webhooks/${id}/rotate-secret`, { previous_secret_expires_in: 3600 });
    expect(overlap.statusCode).toBe(200);
    expect(overlap.json().webhook.secret).not.toBe(first.secret);
    expect(Date.parse(overlap.json().webhook.previous_secret_expires_at)).toBeGreaterThan(Date.now() + 3500_000);

    const deleted = await call('DELETE', `/v1/webhooks/${id}`);
    expect(deleted.json()).toEqual({ deleted: true, webhook_id: id });
    expect((await call('GET', `/v1/webhooks/${id}`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/webhooks/${id}/deliveries`)).statusCode).toBe(404);
    expect((await call('DELETE', `/v1/webhooks/${id}`)).statusCode).toBe(404);
  });

  it('lists deliveries (none yet) and answers 404 for unknown ones', async () => {
    const list = await call('GET', '/v1/webhooks/deliveries?status=failed');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ deliveries: [], pagination: { total: 0 } });
    expect((await call('GET', '/v1/webhooks/deliveries/dlv_nope')).statusCode).toBe(404);
    expect((await call('POST', '/v1/webhooks/deliveries/dlv_nope/redeliver', {})).statusCode).toBe(404);
  });

  it('shows a pending delivery with no attempts yet, and refuses to redeliver it (409)', async () => {
    // Workers are off in this file, so the delivery stays queued.
    const delivery = await t.core.webhooks.deliveries.enqueue(t.core.db, {
      tenantId: t.tenantId,
      event: { id: 'evt_pending', type: 'document.completed' },
      url: 'http://127.0.0.1:9/pending',
      body: JSON.stringify({ id: 'evt_pending', type: 'document.completed', data: {} }),
      signing: { scheme: 'docsift-v1', secret: { kind: 'tenant' } },
    });
    const got = await call('GET', `/v1/webhooks/deliveries/${delivery.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().delivery).toMatchObject({
      delivery_id: delivery.id,
      webhook_id: null,
      event_id: 'evt_pending',
      status: 'pending',
      attempt_count: 0,
      max_attempts: 4,
      attempts: [],
      payload: { id: 'evt_pending', type: 'document.completed', data: {} },
    });
    const again = await call('POST', `/v1/webhooks/deliveries/${delivery.id}/redeliver`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/webhooks',
        '/v1/webhooks/{webhook_id}',
        '/v1/webhooks/{webhook_id}/rotate-secret',
        '/v1/webhooks/{webhook_id}/deliveries',
        '/v1/webhooks/deliveries',
        '/v1/webhooks/deliveries/{delivery_id}',
        '/v1/webhooks/deliveries/{delivery_id}/redeliver',
      ]),
    );
  });
});
