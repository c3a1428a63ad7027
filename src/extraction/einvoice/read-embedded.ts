import { Worker } from 'node:worker_threads';
import { documentError } from '../extraction-errors.js';
import { EInvoiceXmlError, parseCii, type CiiInvoice } from './cii.js';

export interface CiiRequest {
  id: number;
  xml: string;
}

export interface CiiResponse {
  id: number;
  invoice: CiiInvoice | null;
  refused: string | null;
}

/** What one embedded XML said: the invoice, or why it was not read. */
export interface ReadInvoice {
  invoice: CiiInvoice | null;
  refused: string | null;
}

/**
 * Below this the XML is parsed in place (a few milliseconds: a typical Factur-X file is 10–50 KB);
 * above it, in a worker thread, so a large file (up to MAX_EINVOICE_XML_CHARS, about a second to
 * parse on a loaded machine) never holds the event loop.
 */
const IN_PLACE_CHARS = 64 * 1024;
/** A parse that takes longer than this is stopped and the document fails: linear parsing of 4 MB takes ~1 s. */
export const EINVOICE_PARSE_TIMEOUT_MS = 15_000;

/** One worker thread with the calls it owes an answer; a terminated worker fails only its own calls. */
interface ParseWorker {
  thread: Worker;
  pending: Map<number, { resolve: (r: ReadInvoice) => void; reject: (e: Error) => void }>;
}

let current: ParseWorker | null = null;
let nextId = 1;

function getWorker(): ParseWorker {
  if (current) return current;
  const thread = new Worker(new URL('./cii-worker-entry.mjs', import.meta.url));
  const w: ParseWorker = { thread, pending: new Map() };
  thread.unref();
  thread.on('message', (res: CiiResponse) => {
    const p = w.pending.get(res.id);
    if (!p) return;
    w.pending.delete(res.id);
    if (!w.pending.size) thread.unref();
    p.resolve({ invoice: res.invoice, refused: res.refused });
  });
  const failAll = (err: Error) => {
    for (const p of w.pending.values()) p.reject(err);
    w.pending.clear();
    if (current === w) current = null;
  };
  thread.on('error', failAll);
  thread.on('exit', (code) => failAll(new Error(`e-invoice XML worker exited (${code})`)));
  current = w;
  return w;
}

function parseInPlace(xml: string): ReadInvoice {
  try {
    return { invoice: parseCii(xml), refused: null };
  } catch (err) {
    if (err instanceof EInvoiceXmlError) return { invoice: null, refused: err.message };
    throw err;
  }
}

/**
 * Parses an embedded e-invoice XML, off the main thread when it is large. Past `timeoutMs` the
 * worker is terminated (a fresh one serves the next call) and the document fails with the reason.
 */
export async function readEmbeddedInvoice(xml: string, options: { timeoutMs?: number } = {}): Promise<ReadInvoice> {
  if (xml.length <= IN_PLACE_CHARS) return parseInPlace(xml);
  const timeoutMs = options.timeoutMs ?? EINVOICE_PARSE_TIMEOUT_MS;
  const w = getWorker();
  const id = nextId++;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<ReadInvoice>((resolve, reject) => {
      w.pending.set(id, { resolve, reject });
      timer = setTimeout(() => {
        w.pending.delete(id);
        reject(documentError('EMBEDDED_XML_TIMEOUT', `Reading the embedded invoice XML (${xml.length} characters) took longer than ${timeoutMs / 1000} s; it was stopped.`));
        // The parse cannot be interrupted inside the thread: end the thread; later calls get a new one.
        if (current === w) current = null;
        void w.thread.terminate();
      }, timeoutMs);
      w.thread.ref();
      w.thread.postMessage({ id, xml } satisfies CiiRequest);
    });
  } finally {
    clearTimeout(timer);
  }
}
