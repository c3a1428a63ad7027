import type { App } from '../../src/http/app-type.js';

const FINAL = new Set(['completed', 'failed', 'partial', 'cancelled']);

/** Polls GET /v1/extractions/:id until the extraction is final (or the deadline passes). */
export async function waitForExtraction(app: App, apiKey: string, id: string, timeoutMs = 30_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/v1/extractions/${id}`, headers: { 'x-api-key': apiKey } });
    const body = res.json();
    if (res.statusCode !== 200) throw new Error(`status read failed: ${res.statusCode} ${res.body}`);
    if (FINAL.has(body.extraction.status)) return body.extraction;
    if (Date.now() > deadline) throw new Error(`extraction ${id} still ${body.extraction.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
