import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_PATH } from './requirements.js';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Fails every request the pages make to an origin not in `allowed` (the UI must load nothing from
 * outside docsift) and records it, so a test can assert the list stayed empty.
 */
export async function blockOutsideRequests(context: BrowserContext, allowed: string[]): Promise<string[]> {
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.includes(new URL(url).origin)) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  return outside;
}

/**
 * A host page on its own loopback port (another origin) that iframes the URL in its `?src=` and
 * records every postMessage event in `window.messages`.
 */
export async function serveParentPage(): Promise<{ url: string; origin: string; close(): Promise<void> }> {
  const html = `<!doctype html><html><head><title>host app</title></head><body style="margin:0;font-family:sans-serif">
<p style="padding:8px;margin:0;background:#222;color:#fff">Host application (another origin) embedding docsift</p>
<iframe id="docsift" title="docsift" style="width:100%;height:760px;border:0"></iframe>
<script>
window.messages = [];
window.addEventListener('message', function (e) { window.messages.push({ origin: e.origin, type: e.data && e.data.type, data: e.data && e.data.data }); });
document.getElementById('docsift').src = new URLSearchParams(location.search).get('src');
</script>
</body></html>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
