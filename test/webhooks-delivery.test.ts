import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../src/webhooks/signature.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { waitForExtraction } from './helpers/poll.js';

/** What the receiver saw: one entry per request, in arrival order. */
interface Received {
  path: string;
  at: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Record<string, any>;
}

/**
 * A real HTTP receiver on 127.0.0.1. On /flaky, each event's first three attempts fail in three ways
 * (500, no answer within the timeout, a redirect that must not be followed); every other path says 200.
 */
async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, any> = {};
      try {
        json = JSON.parse(body);
      } catch {
        // not JSON: the redirect target gets a GET
      }
      const entry: Received = { path: req.url ?? '', at: Date.now(), headers: req.headers, body, json };
      received.push(entry);
      if (entry.path === '/flaky') {
        const tries = received.filter((r) => r.path === '/flaky' && r.json.id === json.id).length;
        if (tries === 1) return void res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver exploded: ' + 'x'.repeat(3000));
        if (tries === 2) return void setTimeout(() => res.writeHead(200).end('too late'), 4000).unref();
        if (tries === 3) return void res.writeHead(302, { location: `http://127.0.0.1:${port()}/redirect-target` }).end();
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = () => (server.address() as AddressInfo).port;
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port()}${path}`,
    at: (path: string) => received.filter((r) => r.path === path),
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

describe('webhook deliveries to a real receiver', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const auth = () => ({ 'x-api-key': t.apiKey });
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => {
    const res = await t.app.inject({
      method,
      url,
      headers: body === undefined ? auth() : { ...auth(), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: res.statusCode, json: res.json() as Record<string, any>, body: res.body };
  };
  const BACKOFF_MS = 200;
  // Long enough that a loaded machine still answers a plain 500 or 200 in time (at 300 ms, a fresh-clone
  // run at load average 20 saw both time out); the 'no answer' case answers only after 4 s.
  const TIMEOUT_MS = 1000;
  const secrets: Record<string, string> = {};
  const hooks: Record<string, string> = {};
  let parserA = '';
  let parserB = '';
  let tenantSecret = '';

  /** Waits until the tenant has `count` deliveries (matching `filter`) and none of them is pending. */
  async function settledDeliveries(query: string, count: number, timeoutMs = 10_000): Promise<Record<string, any>[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { json } = await call('GET', `/v1/webhooks/deliveries?per_page=100${query}`);
      const list = json.deliveries as Record<string, any>[];
      if (list.length >= count && list.every((d) => d.status !== 'pending')) return list;
      if (Date.now() > deadline) throw new Error(`deliveries ${query} not settled: ${JSON.stringify(list.map((d) => [d.event_type, d.status, d.attempt_count]))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function extract(body: Record<string, unknown>): Promise<string> {
    const res = await call('POST', '/v1/extractions', { text: 'Invoice INV-7\nTotal 42.00 EUR', ...body });
    expect(res.status, res.body).toBe(202);
    const id = res.json.extraction.extraction_id as string;
    await waitForExtraction(t.app, t.apiKey, id);
    return id;
  }

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await createTestApp({
      env: { DOCSIFT_WEBHOOK_MAX_RETRIES: '3', DOCSIFT_WEBHOOK_BACKOFF_MS: String(BACKOFF_MS), DOCSIFT_WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS) },
    });
    const parser = async (name: string) =>
      (await call('POST', '/v1/parsers', { name, description: 'x', fields: [{ name: 'total', type: 'Number', description: 'Total' }] })).json.parser
        .parser_id as string;
    parserA = await parser('A');
    parserB = await parser('B');
    const subscribe = async (key: string, body: Record<string, unknown>) => {
      const res = await call('POST', '/v1/webhooks', { name: key, ...body });
      expect(res.status, res.body).toBe(201);
      hooks[key] = res.json.webhook.webhook_id;
      secrets[key] = res.json.webhook.secret;
    };
    await subscribe('flaky', { url: receiver.url('/flaky'), events: ['document.completed'] });
    await subscribe('selected', { url: receiver.url('/selected'), scope: 'selected', parser_ids: [parserA] });
    await subscribe('inactive', { url: receiver.url('/inactive'), active: false });
    tenantSecret = (await call('GET', '/v1/tenant')).json.tenant.webhook_secret;
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  let flakyDelivery: Record<string, any>;
  let extractionId = '';

  it('retries with growing delays, records every attempt, and ends in success', async () => {
    extractionId = await extract({ webhook_url: receiver.url('/per-request') });
    const [delivery] = await settledDeliveries(`&webhook_id=${hooks.flaky}`, 1);
    flakyDelivery = delivery!;
    expect(flakyDelivery).toMatchObject({ status: 'succeeded', attempt_count: 4, max_attempts: 4, last_status_code: 200, last_error: null, extraction_id: extractionId });

    const detail = (await call('GET', `/v1/webhooks/deliveries/${flakyDelivery.delivery_id}`)).json.delivery;
    const attempts = detail.attempts as Record<string, any>[];
    expect(attempts.map((a) => [a.attempt, a.status_code, a.succeeded])).toEqual([
      [1, 500, false],
      [2, null, false],
      [3, 302, false],
      [4, 200, true],
    ]);
    expect(attempts[0]!.error).toBe('HTTP 500');
    expect(attempts[0]!.response_excerpt).toMatch(/^receiver exploded: x+$/);
    expect(Buffer.byteLength(attempts[0]!.response_excerpt)).toBe(1024);
    expect(attempts[1]!.error).toMatch(/^timeout/);
    expect(attempts[1]!.latency_ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
    expect(attempts[2]!.error).toMatch(/redirect .*not followed/);
    expect(attempts[3]).toMatchObject({ error: null, response_excerpt: 'ok' });
    for (const a of attempts) expect(a.latency_ms).toBeGreaterThanOrEqual(0);
    // The redirect was not followed.
    expect(receiver.at('/redirect-target')).toHaveLength(0);

    // The receiver saw the same event four times, each correctly signed, and waits that grew: the k-th
    // retry waits at least half of BACKOFF_MS * 2^(k-1) (equal jitter) after the previous try ended.
    const tries = receiver.at('/flaky').filter((r) => r.json.id === detail.event_id);
    expect(tries).toHaveLength(4);
    for (const [i, r] of tries.entries()) {
      expect(verifyWebhookSignature({ header: r.headers['x-docsift-signature'], body: r.body, secret: secrets.flaky! })).toMatchObject({ ok: true });
      expect(r.headers['x-docsift-event']).toBe('document.completed');
      expect(r.headers['x-docsift-event-id']).toBe(detail.event_id);
      expect(r.headers['x-docsift-delivery-id']).toBe(flakyDelivery.delivery_id);
      expect(r.headers['x-docsift-attempt']).toBe(String(i + 1));
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.body).toBe(tries[0]!.body);
    }
    const ended = attempts.map((a) => Date.parse(a.started_at) + a.latency_ms);
    const gaps = [1, 2, 3].map((k) => tries[k]!.at - ended[k - 1]!);
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual((BACKOFF_MS * 2 ** i) / 2 - 5);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);

    // The payload: envelope, ids, and the document's result.
    const payload = tries[0]!.json;
    expect(payload).toMatchObject({ id: detail.event_id, type: 'document.completed', data: { extraction_id: extractionId, status: 'completed' } });
    expect(payload.id).toMatch(/^evt_/);
    expect(payload.data.document_id).toMatch(/^doc_/);
    expect(payload.data.document).toMatchObject({ document_id: payload.data.document_id, status: 'completed' });
    expect(payload.data.document.data).toEqual(expect.any(Object));
    expect(detail.payload).toEqual(payload);
  });

  it('sends every event to a per-request webhook_url, signed with the tenant secret', async () => {
    const list = await settledDeliveries(`&extraction_id=${extractionId}`, 3);
    const perRequest = list.filter((d) => d.webhook_id === null);
    expect(perRequest.map((d) => d.event_type).sort()).toEqual(['document.completed', 'extraction.completed']);
    expect(perRequest.every((d) => d.status === 'succeeded' && d.url === receiver.url('/per-request'))).toBe(true);
    const got = receiver.at('/per-request');
    expect(got.map((r) => r.json.type).sort()).toEqual(['document.completed', 'extraction.completed']);
    for (const r of got) {
      expect(verifyWebhookSignature({ header: r.headers['x-docsift-signature'], body: r.body, secret: tenantSecret })).toMatchObject({ ok: true });
      expect(verifyWebhookSignature({ header: r.headers['x-docsift-signature'], body: r.body, secret: secrets.flaky! })).toMatchObject({ ok: false });
      expect(r.json.data.extraction_id).toBe(extractionId);
    }
    const finished = got.find((r) => r.json.type === 'extraction.completed')!;
    expect(finished.json.data).toMatchObject({ status: 'completed', extraction: { extraction_id: extractionId, status: 'completed' } });
    expect(finished.json.data.document_ids).toHaveLength(1);
    // One event, one id: the document event shares its id between targets, the extraction event has its own.
    const docEvent = got.find((r) => r.json.type === 'document.completed')!;
    expect(docEvent.json.id).toBe(flakyDelivery.event_id);
    expect(finished.json.id).not.toBe(docEvent.json.id);
  });

  it('fires selected-parser subscriptions only for their parsers, and inactive ones never', async () => {
    const withA = await extract({ parser_id: parserA });
    const withB = await extract({ parser_id: parserB });
    await settledDeliveries(`&extraction_id=${withA}`, 3); // flaky (document.completed) + selected × 2
    await settledDeliveries(`&extraction_id=${withB}`, 1); // flaky only
    const selected = receiver.at('/selected');
    expect(selected.map((r) => r.json.data.extraction_id)).toEqual([withA, withA]);
    expect(selected.map((r) => r.json.type).sort()).toEqual(['document.completed', 'extraction.completed']);
    expect(selected.every((r) => r.json.data.parser_id === parserA)).toBe(true);
    for (const r of selected) {
      expect(verifyWebhookSignature({ header: r.headers['x-docsift-signature'], body: r.body, secret: secrets.selected! })).toMatchObject({ ok: true });
    }
    const forSelected = await call('GET', `/v1/webhooks/${hooks.selected}/deliveries`);
    expect(forSelected.json.deliveries).toHaveLength(2);

    expect(receiver.at('/inactive')).toHaveLength(0);
    expect((await call('GET', `/v1/webhooks/${hooks.inactive}/deliveries`)).json.deliveries).toHaveLength(0);
  });

  it('redelivers as a new delivery with the same event id, to the current URL and secret', async () => {
    const rotated = await call('POST', `/v1/webhooks/${hooks.flaky}/rotate-secret`, {});
    const newSecret = rotated.json.webhook.secret as string;
    const res = await call('POST', `/v1/webhooks/deliveries/${flakyDelivery.delivery_id}/redeliver`, {});
    expect(res.status, res.body).toBe(202);
    const again = res.json.delivery;
    expect(again).toMatchObject({ event_id: flakyDelivery.event_id, redelivery_of: flakyDelivery.delivery_id, status: 'pending', webhook_id: hooks.flaky });
    expect(again.delivery_id).not.toBe(flakyDelivery.delivery_id);

    const deadline = Date.now() + 5000;
    let detail: Record<string, any> = {};
    while (Date.now() < deadline) {
      detail = (await call('GET', `/v1/webhooks/deliveries/${again.delivery_id}`)).json.delivery;
      if (detail.status !== 'pending') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(detail).toMatchObject({ status: 'succeeded', attempt_count: 1 });
    const last = receiver.at('/flaky').at(-1)!;
    expect(last.headers['x-docsift-event-id']).toBe(flakyDelivery.event_id);
    expect(last.headers['x-docsift-delivery-id']).toBe(again.delivery_id);
    expect(verifyWebhookSignature({ header: last.headers['x-docsift-signature'], body: last.body, secret: newSecret })).toMatchObject({ ok: true });
    expect(verifyWebhookSignature({ header: last.headers['x-docsift-signature'], body: last.body, secret: secrets.flaky! })).toMatchObject({ ok: false });
    const byEvent = await call('GET', `/v1/webhooks/deliveries?event_id=${flakyDelivery.event_id}&webhook_id=${hooks.flaky}`);
    expect(byEvent.json.deliveries).toHaveLength(2);
  });

  it('sends a signed webhook.test event on request, even to an inactive subscription', async () => {
    const res = await call('POST', `/v1/webhooks/${hooks.inactive}/test`, {});
    expect(res.status, res.body).toBe(202);
    expect(res.json.delivery).toMatchObject({ event_type: 'webhook.test', webhook_id: hooks.inactive, status: 'pending' });
    const [delivery] = await settledDeliveries(`&webhook_id=${hooks.inactive}`, 1);
    expect(delivery).toMatchObject({ status: 'succeeded', attempt_count: 1 });
    const [got] = receiver.at('/inactive');
    expect(got!.json).toMatchObject({ type: 'webhook.test', data: { webhook_id: hooks.inactive } });
    expect(verifyWebhookSignature({ header: got!.headers['x-docsift-signature'], body: got!.body, secret: secrets.inactive! })).toMatchObject({ ok: true });
  });

  it('gives up after the last retry and marks the delivery failed', async () => {
    // Nothing listens on port 9: every try is refused at once.
    const dead = await call('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/closed', events: ['extraction.completed'] });
    const id = await extract({});
    const [delivery] = await settledDeliveries(`&extraction_id=${id}&webhook_id=${dead.json.webhook.webhook_id}`, 1);
    expect(delivery).toMatchObject({ status: 'failed', attempt_count: 4 });
    expect(delivery!.last_error).toMatch(/ECONNREFUSED/);
    expect(delivery!.completed_at).toEqual(expect.any(String));
    const failed = await call('GET', `/v1/webhooks/deliveries?status=failed`);
    expect(failed.json.deliveries.map((d: { delivery_id: string }) => d.delivery_id)).toContain(delivery!.delivery_id);
  });
});

describe('a webhook delivery whose job died on its last try', () => {
  it('fails instead of staying pending forever', async () => {
    const t = await createTestApp({ startWorkers: false });
    try {
      const headers = { 'x-api-key': t.apiKey, 'content-type': 'application/json' };
      const hook = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers, payload: JSON.stringify({ url: 'http://127.0.0.1:9/closed' }) });
      expect(hook.statusCode, hook.body).toBe(201);
      const sent = await t.app.inject({ method: 'POST', url: `/v1/webhooks/${hook.json().webhook.webhook_id}/test`, headers, payload: '{}' });
      expect(sent.statusCode, sent.body).toBe(202);
      // As a worker killed on the job's last try leaves it: active, its lease run out, its tries used up.
      await t.core.db
        .updateTable('jobs')
        .set((eb) => ({ state: 'active', attempts: eb.ref('max_attempts'), lease_owner: 'ghost:1', lease_until: new Date(Date.now() - 1000).toISOString() }))
        .execute();
      t.core.queue.start();
      const deliveryId = sent.json().delivery.delivery_id as string;
      const deadline = Date.now() + 10_000;
      let row = await t.core.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirstOrThrow();
      while (row.status === 'pending' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        row = await t.core.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirstOrThrow();
      }
      expect(row).toMatchObject({ status: 'failed', attempt_count: 0 });
      expect(row.last_error).toMatch(/stopped \(killed or stalled\) on its last try/);
      expect(row.completed_at).toEqual(expect.any(String));
    } finally {
      await t.close();
    }
  });
});
