import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createCore } from '../src/start/core.js';
import type { Core } from '../src/core.js';
import { DOCSIFT_SCHEME } from '../src/webhooks/docsift-scheme.js';
import { verifyWebhookSignature } from '../src/webhooks/signature.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { waitForExtraction } from './helpers/poll.js';

/** A receiver that counts requests; `fail` makes it answer 503 to the first N. */
async function startReceiver(fail = 0) {
  const hits: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(hits.length <= fail ? 503 : 200).end(hits.length <= fail ? 'busy' : 'ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    hits,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webhooks with DOCSIFT_ALLOW_PRIVATE_NETWORK=false', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const auth = () => ({ 'x-api-key': t.apiKey, 'content-type': 'application/json' });

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await createTestApp({ env: { DOCSIFT_ALLOW_PRIVATE_NETWORK: 'false', DOCSIFT_WEBHOOK_BACKOFF_MS: '50' } });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('refuses private, loopback and link-local subscription URLs at create and update (400), never contacting them', async () => {
    const urls = [
      `http://127.0.0.1:${receiver.port}/hook`,
      `http://localhost:${receiver.port}/hook`,
      `http://[::1]:${receiver.port}/hook`,
      `http://[::ffff:127.0.0.1]:${receiver.port}/hook`,
      `http://2130706433:${receiver.port}/hook`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.8/hook',
      'http://192.168.1.20/hook',
      'http://100.64.0.1/hook',
      'http://[fd00::1]/hook',
      'http://0.0.0.0/hook',
    ];
    for (const url of urls) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: auth(), payload: JSON.stringify({ url }) });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_ERROR', details: { url: [expect.stringMatching(/refused|address/)] } });
    }
    expect((await t.app.inject({ method: 'GET', url: '/v1/webhooks', headers: auth() })).json().webhooks).toHaveLength(0);

    // A public address literal is accepted (no DNS needed); moving it onto loopback is refused.
    const ok = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: auth(), payload: JSON.stringify({ url: 'https://93.184.216.34/hook', active: false }) });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json().webhook.webhook_id as string;
    const moved = await t.app.inject({ method: 'PATCH', url: `/v1/webhooks/${id}`, headers: auth(), payload: JSON.stringify({ url: urls[0] }) });
    expect(moved.statusCode, moved.body).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/v1/webhooks/${id}`, headers: auth() })).json().webhook.url).toBe('https://93.184.216.34/hook');
    expect(receiver.hits).toHaveLength(0);
  });

  it('refuses a per-request webhook_url on a loopback address at submit, creating nothing and connecting nowhere', async () => {
    // Checked at submit (400), and again by the guarded request at delivery time (see src/internal/net tests).
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/extractions',
      headers: auth(),
      payload: JSON.stringify({ text: 'Invoice 1 total 5.00', webhook_url: `http://127.0.0.1:${receiver.port}/per-request` }),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.webhook_url[0]).toMatch(/loopback/);
    const list = await t.app.inject({ method: 'GET', url: '/v1/webhooks/deliveries', headers: auth() });
    expect(list.json().deliveries).toEqual([]);
    expect(receiver.hits).toHaveLength(0);
  });
});

describe('webhook deliveries across a restart', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let dataDir = '';
  const cores: Core[] = [];

  beforeAll(async () => {
    receiver = await startReceiver(1);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-webhooks-restart-'));
  });
  afterAll(async () => {
    for (const core of cores) await core.close().catch(() => {});
    await receiver.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const open = async () => {
    const config = loadConfig({
      DOCSIFT_DATA_DIR: dataDir,
      DOCSIFT_LOG_LEVEL: 'silent',
      DOCSIFT_ALLOW_PRIVATE_NETWORK: 'true',
      // Long enough that the retry is still waiting when the first process stops.
      DOCSIFT_WEBHOOK_BACKOFF_MS: '600',
    });
    const core = await createCore(config, { logger: pino({ level: 'silent' }) });
    cores.push(core);
    return core;
  };

  it('a delivery that failed once before the process stopped is retried by the next process', async () => {
    const first = await open();
    const boot = await first.accounts.bootstrapIfEmpty();
    const tenantId = boot!.tenant.id;
    const secret = (await first.accounts.getTenant(tenantId)).webhookSecret;
    const delivery = await first.webhooks.deliveries.enqueue(first.db, {
      tenantId,
      event: { id: 'evt_restart', type: 'document.completed' },
      url: `http://127.0.0.1:${receiver.port}/restart`,
      body: JSON.stringify({ id: 'evt_restart', type: 'document.completed', data: {} }),
      signing: { scheme: DOCSIFT_SCHEME, secret: { kind: 'tenant' } },
    });
    first.queue.start();
    await until(
      () => first.webhooks.deliveries.get(tenantId, delivery.id),
      (d) => d.delivery.attempt_count === 1,
    );
    await first.close();
    cores.pop();
    expect(receiver.hits).toHaveLength(1);

    const second = await open();
    second.queue.start();
    const done = await until(
      () => second.webhooks.deliveries.get(tenantId, delivery.id),
      (d) => d.delivery.status !== 'pending',
    );
    expect(done.delivery).toMatchObject({ status: 'succeeded', attempt_count: 2 });
    expect(done.attempts.map((a) => [a.attempt, a.status_code])).toEqual([
      [1, 503],
      [2, 200],
    ]);
    expect(receiver.hits).toHaveLength(2);
    const last = receiver.hits[1]!;
    expect(last.headers['x-docsift-delivery-id']).toBe(delivery.id);
    expect(verifyWebhookSignature({ header: last.headers['x-docsift-signature'], body: last.body, secret })).toMatchObject({ ok: true });
  });
});
