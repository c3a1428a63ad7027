import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentPath } from './fixtures/documents.js';
import { blockOutsideRequests, launchBrowser, serveParentPage } from './helpers/browser.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { browserMissing, canRun } from './helpers/requirements.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

/**
 * The web UI in Debian's chromium against the real server: dashboard and embed pages, upload of a
 * PDF and a photo, the document view with citation boxes and review, templates, API keys, and the
 * iframe embed with its postMessage events and CSP frame-ancestors.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
// Screenshots go to docs/screenshots only when asked (DOCSIFT_UPDATE_SCREENSHOTS=1), so `npm test` leaves the tree clean.
const SHOTS = process.env.DOCSIFT_UPDATE_SCREENSHOTS ? path.join(ROOT, 'docs/screenshots') : path.join(os.tmpdir(), 'docsift-ui-screenshots');
const RECEIPT = documentPath('data/sroie/X51005230617.jpg');
const runs = canRun('test/ui-pages.test.ts (the web UI in chromium)', 'browser', browserMissing());

let t: TestApp;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let outside: string[];
let ownerEmail: string;
const cspErrors: string[] = [];
let allowedParent: Awaited<ReturnType<typeof serveParentPage>>;
let otherParent: Awaited<ReturnType<typeof serveParentPage>>;
let invoicePdf: Buffer;

const shot = (p: Page, name: string) => p.screenshot({ path: path.join(SHOTS, name), fullPage: true });

async function api(method: string, url: string, body?: unknown, key = t.apiKey) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'x-api-key': key, 'x-user-email': ownerEmail, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

function watchCsp(p: Page) {
  p.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(`${p.url()}: ${m.text()}`);
  });
}

beforeAll(async () => {
  if (!runs) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  ownerEmail = (await api('GET', '/v1/users')).body.users[0].email;
  [allowedParent, otherParent] = await Promise.all([serveParentPage(), serveParentPage()]);
  invoicePdf = await makePdf([sampleInvoiceLines(1042)]);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  outside = await blockOutsideRequests(context, [base, allowedParent.origin, otherParent.origin]);
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  watchCsp(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await allowedParent?.close();
  await otherParent?.close();
  await t?.close();
});

async function uploadAndWait(p: Page | ReturnType<Page['frameLocator']>, files: Array<{ name: string; mimeType: string; buffer: Buffer }>) {
  await p.locator('input[type=file]').setInputFiles(files);
  for (const f of files) {
    await p.locator(`li.upload[data-filename="${f.name}"][data-status="completed"]`).waitFor({ timeout: 40_000 });
  }
}

describe.skipIf(!runs)('web UI', () => {
  it('signs in on the dashboard, uploads a PDF and a photo and shows their progress and results', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Sign in to docsift' }).waitFor();
    await shot(page, 'dashboard-sign-in.png');
    await page.getByLabel('API key').fill(t.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Extract data from documents' }).waitFor();
    await expect.poll(() => page.locator('.state-empty').count()).toBe(1);
    await uploadAndWait(page, [
      { name: 'invoice-1042.pdf', mimeType: 'application/pdf', buffer: invoicePdf },
      { name: 'receipt.jpg', mimeType: 'image/jpeg', buffer: fs.readFileSync(RECEIPT) },
    ]);
    await shot(page, 'dashboard-upload.png');
  });

  it('shows the document beside its data: selecting a field highlights its box; an edit is saved as a review', async () => {
    await page.locator('li.upload[data-filename="invoice-1042.pdf"]').getByRole('button', { name: 'View result' }).click();
    await page.getByRole('heading', { name: 'invoice-1042.pdf' }).waitFor();
    await page.locator('.page img').first().waitFor();
    await page.getByRole('button', { name: 'invoice number' }).click();
    const box = page.locator('.box.selected[data-field="invoice_number"]').first();
    await box.waitFor();
    const boxRect = (await box.boundingBox())!;
    const pageRect = (await page.locator('.page-frame').first().boundingBox())!;
    expect(boxRect.width).toBeGreaterThan(5);
    expect(boxRect.x).toBeGreaterThanOrEqual(pageRect.x);
    expect(boxRect.y + boxRect.height).toBeLessThanOrEqual(pageRect.y + pageRect.height);
    await expect.poll(() => page.locator('[data-field-row="invoice_number"] .confidence').textContent()).toMatch(/\d+%/);
    await shot(page, 'document-view.png');

    // Keyboard only: focus the value, replace it, press Enter to save the review.
    const input = page.getByLabel('invoice_number', { exact: true });
    await input.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('INV-9999');
    await page.keyboard.press('Enter');
    await page.getByText('Review saved; the original output is kept.').waitFor();
    await expect.poll(() => page.locator('[data-field-row="invoice_number"] .badge').textContent()).toBe('edited');

    const list = await api('GET', '/v1/extractions?per_page=10');
    const extraction = list.body.extractions.find((e: any) => e.documents[0].filename === 'invoice-1042.pdf');
    const doc = (await api('GET', `/v1/extractions/${extraction.extraction_id}/documents/${extraction.documents[0].document_id}`)).body.document;
    expect(doc.reviewed_output.invoice_number).toBe('INV-9999');
    expect(doc.initial_output.invoice_number).toBe('INV-1042');

    await page.getByRole('button', { name: '← Back' }).click();
    await page.locator('li.upload[data-filename="receipt.jpg"]').getByRole('button', { name: 'View result' }).click();
    await page.locator('.page img').first().waitFor();
    await page.locator('.box').first().waitFor();
    await shot(page, 'document-view-receipt.png');
  });

  it('creates a template with nested fields and runs it', async () => {
    await page.goto(`${base}/#/documents`);
    await page.getByText('No templates yet', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'New template' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Purchase order');
    await page.getByLabel('Description', { exact: true }).first().fill('Orders from suppliers');
    const first = page.locator('.field-def').first();
    await first.getByLabel('Key').fill('invoice_number');
    await first.getByLabel('Description').fill('The invoice number');
    await page.getByRole('button', { name: '+ Add field' }).last().click();
    const second = page.locator('.depth-0 > .field-def').nth(1);
    await second.getByLabel('Key').fill('lines');
    await second.getByLabel('Type').selectOption('List<Object>');
    await second.getByLabel('Description').first().fill('Order lines');
    await second.getByRole('button', { name: '+ Add field' }).click();
    const child = second.locator('.depth-1 .field-def').first();
    await child.getByLabel('Key').fill('amount');
    await child.getByLabel('Type').selectOption('Number');
    await child.getByLabel('Description').fill('Line amount');
    await shot(page, 'template-editor.png');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.locator('li.card[data-template="Purchase order"]').waitFor();
    await shot(page, 'templates.png');
    const templates = (await api('GET', '/api/embed/documents')).body.data.items;
    expect(templates[0].fields[1]).toMatchObject({ key: 'lines', type: 'List<Object>', children: [{ key: 'amount', type: 'Number' }] });

    await page.goto(`${base}/#/upload`);
    await page.getByLabel('Template').selectOption({ label: 'Purchase order' });
    await uploadAndWait(page, [{ name: 'po-77.pdf', mimeType: 'application/pdf', buffer: await makePdf([sampleInvoiceLines(77)]) }]);
    await page.locator('li.upload[data-filename="po-77.pdf"]').getByRole('button', { name: 'View result' }).click();
    await expect.poll(() => page.getByLabel('invoice_number', { exact: true }).inputValue()).toBe('INV-77');
  });

  it('lists extractions by template tab, search and status', async () => {
    await page.goto(`${base}/#/extractions`);
    await page.getByRole('tab', { name: 'Purchase order' }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    await shot(page, 'extractions.png');
    await page.getByRole('tab', { name: 'Purchase order' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('tab', { name: 'All' }).click();
    await page.getByLabel('Search').fill('receipt');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Status').selectOption('failed');
    await page.getByText('No extraction matches these filters.').waitFor();
  });

  it('creates an API key shown once, deactivates and deletes it; manages a webhook; shows usage', async () => {
    await page.goto(`${base}/#/settings`);
    await page.getByLabel('Name').fill('hook');
    await page.getByLabel('URL').fill(`${allowedParent.origin}/hook`);
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByRole('heading', { name: 'hook' }).waitFor();
    await page.getByRole('button', { name: 'Delivery log' }).click();
    await page.getByText('No deliveries yet.').waitFor();
    // An extraction finishing fires the webhook (to the host page's server, which answers 200).
    const form = new FormData();
    form.append('file', new Blob([invoicePdf], { type: 'application/pdf' }), 'hooked.pdf');
    await fetch(`${base}/api/embed/extract`, { method: 'POST', headers: { 'x-api-key': t.apiKey, 'x-user-email': ownerEmail }, body: form });
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return page.locator('tr[data-delivery-status="succeeded"]').count();
      }, { timeout: 20_000, interval: 500 })
      .toBe(1);
    await page.getByRole('button', { name: 'Resend' }).click();
    await expect.poll(() => page.locator('.deliveries tbody tr').count()).toBe(2);
    await shot(page, 'settings-webhooks.png');

    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByLabel('Name').fill('Partner key');
    await page.getByLabel('Allowed domains', { exact: false }).fill('partner.example.com');
    await page.getByLabel('Expires').fill(`${new Date().getUTCFullYear() + 1}-06-30`);
    await page.getByRole('button', { name: 'Create API key' }).click();
    const secret = (await page.getByTestId('new-key').textContent())!.trim();
    expect((await api('GET', '/api/embed/verify', undefined, secret)).status).toBe(200);
    const listed = (await api('GET', '/api/embed/api-keys')).body.data.find((k: any) => k.name === 'Partner key');
    expect(listed).toMatchObject({ allowedDomains: ['partner.example.com'], isActive: true });
    expect(listed.expiresAt).toMatch(/-06-30T/);
    expect(listed.key).not.toBe(secret);
    await shot(page, 'settings-api-keys.png');
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByTestId('new-key').count()).toBe(0);
    const row = page.locator('tr[data-key-name="Partner key"]');
    await row.getByRole('button', { name: 'partner.example.com' }).click();
    await row.getByLabel('Allowed domains', { exact: true }).fill('partner.example.com, *.partner.example.com');
    await row.getByLabel('Allowed domains', { exact: true }).press('Enter');
    await row.getByRole('button', { name: 'partner.example.com, *.partner.example.com' }).waitFor();
    expect((await api('GET', '/api/embed/api-keys')).body.data.find((k: any) => k.name === 'Partner key').allowedDomains).toEqual([
      'partner.example.com',
      '*.partner.example.com',
    ]);
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => row.textContent()).toContain('inactive');
    expect((await api('GET', '/api/embed/verify', undefined, secret)).status).toBe(401);
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Confirm delete' }).click();
    await expect.poll(() => row.count()).toBe(0);

    await page.getByRole('tab', { name: 'Usage' }).click();
    await page.locator('.stat').first().waitFor();
    await shot(page, 'settings-usage.png');
  });

  it('embeds /embed in an allowed origin, posts extraction-complete and extraction-selected, and is refused elsewhere', async () => {
    const created = await api('POST', '/api/embed/api-keys', {
      name: 'Embed key',
      allowedDomains: [new URL(allowedParent.origin).host, new URL(base).host],
    });
    const key = created.body.data.key as string;
    const embedUrl = `${base}/embed?apiKey=${encodeURIComponent(key)}&userEmail=${encodeURIComponent(ownerEmail)}&appName=host-app`;
    const host = await context.newPage();
    watchCsp(host);
    await host.goto(`${allowedParent.url}?src=${encodeURIComponent(embedUrl)}`);
    const frame = host.frameLocator('#docsift');
    await frame.getByRole('heading', { name: 'Extract data from documents' }).waitFor();
    await uploadAndWait(frame, [{ name: 'embedded.pdf', mimeType: 'application/pdf', buffer: invoicePdf }]);
    await host.waitForFunction("window.messages.some((m) => m.type === 'extraction-complete')");
    await frame.getByRole('button', { name: 'View result' }).click();
    await host.waitForFunction("window.messages.some((m) => m.type === 'extraction-selected')");
    const messages = (await host.evaluate('window.messages')) as any[];
    const complete = messages.find((m: any) => m.type === 'extraction-complete');
    expect(complete.origin).toBe(base);
    expect(complete.data).toMatchObject({ fileName: 'embedded.pdf', status: 'completed' });
    expect(complete.data.extractedData.invoice_number).toBe('INV-1042');
    const selected = messages.find((m: any) => m.type === 'extraction-selected');
    expect(selected.data).toMatchObject({ id: complete.data.extractionId, fileName: 'embedded.pdf' });
    await frame.locator('.page img').first().waitFor();
    await shot(host, 'embed-in-host-page.png');

    // Another origin may not frame it: chromium refuses the frame under CSP frame-ancestors.
    const refused: string[] = [];
    const other = await context.newPage();
    other.on('console', (m) => refused.push(m.text()));
    await other.goto(`${otherParent.url}?src=${encodeURIComponent(embedUrl)}`);
    await expect.poll(() => refused.some((m) => /frame-ancestors/.test(m)), { timeout: 10_000 }).toBe(true);
    const framed = other.frames().find((f) => f !== other.mainFrame());
    expect(await framed?.locator('#root').count()).toBe(0);
    await other.close();

    // The other embed pages, opened directly.
    const q = embedUrl.slice(embedUrl.indexOf('?'));
    for (const [route, name, ready] of [
      ['/embed/extractions', 'embed-extractions.png', 'Extractions'],
      ['/embed/documents', 'embed-documents.png', 'Document templates'],
      ['/embed/settings', 'embed-settings.png', 'Settings'],
    ] as const) {
      await host.goto(`${base}${route}${q}`);
      await host.getByRole('heading', { name: ready }).waitFor();
      await host.locator('.state-loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
      await shot(host, name);
    }
    await host.close();
  });

  it('works on a 375-px-wide screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 });
    const blocked = await blockOutsideRequests(phone, [base]);
    const p = await phone.newPage();
    watchCsp(p);
    await p.goto(`${base}/`);
    await p.getByLabel('API key').fill(t.apiKey);
    await p.getByLabel('API key').press('Enter');
    await p.getByRole('heading', { name: 'Extract data from documents' }).waitFor();
    await shot(p, 'mobile-upload.png');
    await p.goto(`${base}/#/extractions`);
    await p.locator('tbody tr').first().waitFor();
    expect(((await p.evaluate('document.documentElement.scrollWidth')) as number)).toBeLessThanOrEqual(375);
    await shot(p, 'mobile-extractions.png');
    await p.locator('tbody tr', { hasText: 'invoice-1042.pdf' }).getByRole('button').first().click();
    await p.locator('.page img').first().waitFor();
    // Keyboard alone: Tab from the title to the first field's name, Enter selects it and boxes its source.
    for (let i = 0; i < 8; i++) {
      if ((await p.evaluate('document.activeElement && document.activeElement.textContent')) === 'invoice number') break;
      await p.keyboard.press('Tab');
    }
    await p.keyboard.press('Enter');
    await p.locator('.box.selected[data-field="invoice_number"]').first().waitFor();
    expect(((await p.evaluate('document.documentElement.scrollWidth')) as number)).toBeLessThanOrEqual(375);
    await shot(p, 'mobile-document-view.png');
    await p.keyboard.press('Escape');
    await p.getByRole('heading', { name: 'Extractions' }).waitFor();

    // Error state: a wrong key in an embed URL.
    await p.goto(`${base}/embed/extractions?apiKey=dsk_wrong&userEmail=${encodeURIComponent(ownerEmail)}`);
    await p.getByRole('alert').first().waitFor();
    await shot(p, 'mobile-embed-error.png');
    await phone.close();
    expect(blocked).toEqual([]);
  });

  it('made no request outside docsift and broke no CSP rule', () => {
    expect(outside).toEqual([]);
    expect(cspErrors.filter((e) => !/frame-ancestors/.test(e))).toEqual([]);
  });
});
