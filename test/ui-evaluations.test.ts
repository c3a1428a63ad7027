import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockOutsideRequests, launchBrowser } from './helpers/browser.js';
import { textToPdf } from './fixtures/text-pdf.js';
import { multipartBody } from './helpers/multipart-body.js';
import { waitForExtraction } from './helpers/poll.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

/**
 * Evaluation sets in the web UI (Debian's chromium against the real server): "Add to evaluation set"
 * from a document's review view, the set's page with its items, two runs started with the run button,
 * the per-field table, the calibration bars and the diff of the two runs.
 */
const SHOTS = path.join(os.tmpdir(), 'docsift-ui-screenshots');
const FIELDS = [
  { name: 'order_number', type: 'String', description: 'Order number' },
  { name: 'total', type: 'Number', description: 'Total' },
];

let t: TestApp;
let base: string;
let browser: Browser;
let page: Page;
let outside: string[];
let parserId: string;

const api = async (method: string, url: string, body?: unknown) => {
  const res = await fetch(`${base}${url}`, { method, headers: { 'x-api-key': t.apiKey, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return (await res.json()) as any;
};

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  parserId = (await api('POST', '/v1/parsers', { name: 'Orders', description: 'orders', fields: FIELDS })).parser.parser_id;
  await api('POST', `/v1/parsers/${parserId}/versions`, {});
  for (const [n, total] of [['PO-3001', '15.00'], ['PO-3002', '27.50']]) {
    const body = multipartBody([
      { name: 'file', filename: `${n}.pdf`, content: textToPdf(`Order number: ${n}\nTotal: ${total}\n`), contentType: 'application/pdf' },
      { name: 'parser_id', value: parserId },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { 'x-api-key': t.apiKey, ...body.headers } });
    await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id);
  }
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  outside = await blockOutsideRequests(context, [base]);
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('evaluation sets in the web UI', () => {
  it('adds reviewed documents to a set from the review view', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('API key').fill(t.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto(`${base}/#/extractions`);
    await page.getByRole('button', { name: 'PO-3001.pdf', exact: true }).click();
    await page.getByRole('heading', { name: 'PO-3001.pdf' }).waitFor();
    // Not reviewed yet: adding marks it reviewed as it stands, in a new set.
    await page.getByLabel('New set name').fill('UI gold');
    await page.getByRole('button', { name: 'Add to evaluation set' }).click();
    await page.getByText('its reviewed values are the expected output').waitFor();
    await page.locator('.doc-header .badge', { hasText: 'reviewed' }).waitFor();

    await page.getByRole('button', { name: '← Back' }).click();
    await page.getByRole('button', { name: 'PO-3002.pdf', exact: true }).click();
    await page.getByRole('heading', { name: 'PO-3002.pdf' }).waitFor();
    await page.locator('select[name="evaluation-set"]').selectOption({ label: 'UI gold (1)' });
    await page.getByRole('button', { name: 'Add to evaluation set' }).click();
    await page.getByRole('link', { name: 'UI gold' }).click();
    await page.getByRole('heading', { name: 'UI gold' }).waitFor();
    await expect.poll(() => page.getByRole('table', { name: 'Items' }).locator('tbody tr').count()).toBe(2);
    const sets = await api('GET', '/v1/evaluation-sets');
    expect(sets.evaluation_sets).toEqual([expect.objectContaining({ name: 'UI gold', item_count: 2 })]);
  }, 60_000);

  it('runs two parser versions from the set page and shows the fields, calibration and their diff', async () => {
    await page.getByLabel('Run with').selectOption('1');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('table', { name: 'Per-field accuracy' }).waitFor({ timeout: 40_000 });
    await expect.poll(() => page.locator('tr[data-field="total"] td[data-accuracy]').getAttribute('data-accuracy')).toBe('1');
    await expect.poll(() => page.locator('.calibration li').count()).toBe(5);
    await shot('evaluation-set.png');

    // Version 2 reads total as a Boolean; run it from the page (reloaded, so it lists the new version).
    await api('PUT', `/v1/parsers/${parserId}`, { fields: [FIELDS[0], { ...FIELDS[1], type: 'Boolean' }] });
    await api('POST', `/v1/parsers/${parserId}/versions`, {});
    await page.reload();
    await page.getByLabel('Run with').selectOption('2');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.locator('.runs li .badge-ok').count(), { timeout: 40_000 }).toBe(2);
    await expect.poll(() => page.locator('tr[data-field="total"] td[data-accuracy]').getAttribute('data-accuracy')).toBe('0');

    const runs = (await api('GET', `/v1/evaluation-sets/${(await api('GET', '/v1/evaluation-sets')).evaluation_sets[0].evaluation_set_id}/runs`)).evaluation_runs;
    const [v2, v1] = runs.map((r: { evaluation_run_id: string }) => r.evaluation_run_id);
    await page.getByLabel('Run A').selectOption(v1);
    await page.getByLabel('Run B').selectOption(v2);
    await page.locator('tr[data-field="total"][data-change="worse"]').waitFor();
    await page.locator('tr[data-field="order_number"][data-change="same"]').waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Changed items' }).locator('li').count()).toBe(2);
    await expect.poll(() => page.locator('.run-diff > p').textContent()).toContain('Worse: total.');
    await shot('evaluation-diff.png');
    expect(outside).toEqual([]);
  }, 90_000);
});

function shot(name: string) {
  return page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}
