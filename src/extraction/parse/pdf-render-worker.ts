/**
 * Worker thread body: renders PDF pages to grey pixels for OCR, so rasterising a scan (tens of
 * milliseconds and ~35 MB per page at 300 dpi) never blocks the server's event loop. Keeps the
 * last few opened documents so the pages of one document share one parse.
 */
import { parentPort } from 'node:worker_threads';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf } from './pdf-document.js';
import { renderPdfPageGrey } from './pdf-render.js';

export interface RenderRequest {
  id: number;
  docKey: string;
  bytes?: Uint8Array;
  page: number;
  dpi: number;
  targetWidth?: number;
  maxPixels?: number;
}

export type RenderResponse =
  | { id: number; ok: true; width: number; height: number; data: Uint8Array; scale: number }
  | { id: number; ok: false; message: string; reason?: string };

const open = new Map<string, Promise<PDFDocumentProxy>>();

async function documentFor(req: RenderRequest): Promise<PDFDocumentProxy> {
  let doc = open.get(req.docKey);
  if (!doc) {
    if (!req.bytes) throw new Error('document bytes missing');
    // The main thread opened (and measured) these bytes before asking for a render.
    doc = openPdf(Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength), { checkStreams: false });
    open.set(req.docKey, doc);
    // Two documents in flight at most per worker; older ones are released.
    while (open.size > 2) {
      const [oldest] = open.keys();
      const d = open.get(oldest);
      open.delete(oldest);
      void d?.then((x) => x.destroy()).catch(() => undefined);
    }
  }
  return doc;
}

parentPort?.on('message', async (req: RenderRequest | { close: string }) => {
  if ('close' in req) {
    const d = open.get(req.close);
    open.delete(req.close);
    void d?.then((x) => x.destroy()).catch(() => undefined);
    return;
  }
  try {
    const doc = await documentFor(req);
    const page = await doc.getPage(req.page);
    try {
      const { image, scale } = await renderPdfPageGrey(page, req.dpi, req.targetWidth, req.maxPixels);
      const response: RenderResponse = { id: req.id, ok: true, width: image.width, height: image.height, data: image.data, scale };
      parentPort?.postMessage(response, [image.data.buffer as ArrayBuffer]);
    } finally {
      page.cleanup();
    }
  } catch (err) {
    const reason = (err as { details?: { reason?: string } }).details?.reason;
    parentPort?.postMessage({ id: req.id, ok: false, message: err instanceof Error ? err.message : String(err), reason } satisfies RenderResponse);
  }
});
