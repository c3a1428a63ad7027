import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { documentError, type DocumentFailure } from '../extraction-errors.js';
import type { GreyImage } from '../ocr/ocr-engine.js';
import type { RenderRequest, RenderResponse } from './pdf-render-worker.js';

/**
 * Renders PDF pages in a worker thread (one, created on first use, holding the process open only
 * while a render is outstanding). Its entry registers tsx itself, so it works the same under
 * `npm start`, the CLI and vitest.
 */
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: { image: GreyImage; scale: number }) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./pdf-render-worker-entry.mjs', import.meta.url));
  w.unref();
  w.on('message', (res: RenderResponse) => {
    const p = pending.get(res.id);
    if (!p) return;
    pending.delete(res.id);
    if (res.ok) p.resolve({ image: { width: res.width, height: res.height, data: res.data }, scale: res.scale });
    // A refusal the page itself causes (PAGE_TOO_LARGE) crosses the thread as its reason.
    else p.reject(res.reason ? documentError(res.reason as DocumentFailure, res.message) : new Error(res.message));
  });
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = null;
  };
  w.on('error', failAll);
  w.on('exit', (code) => failAll(new Error(`PDF render worker exited (${code})`)));
  worker = w;
  return w;
}

/** One document's renderer: the bytes go to the worker once, pages are rendered on request. */
export function createPdfRenderer(bytes: Buffer): {
  /** `targetWidth`: how wide a low-resolution scan is enlarged towards (`ocrEnlargement`). */
  render(page: number, options?: { dpi?: number; targetWidth?: number; maxPixels?: number }): Promise<{ image: GreyImage; scale: number }>;
  close(): void;
} {
  const docKey = randomUUID();
  let sent = false;
  return {
    render(page, { dpi = 300, targetWidth, maxPixels } = {}) {
      const w = getWorker();
      const id = nextId++;
      const req: RenderRequest = { id, docKey, page, dpi, targetWidth, maxPixels };
      if (!sent) {
        req.bytes = new Uint8Array(bytes);
        sent = true;
      }
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Only while a render is outstanding does the worker hold the process open.
        w.ref();
        w.postMessage(req);
      }).finally(() => {
        if (!pending.size) w.unref();
      }) as Promise<{ image: GreyImage; scale: number }>;
    },
    close() {
      if (sent) worker?.postMessage({ close: docKey });
    },
  };
}
