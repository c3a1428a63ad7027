/**
 * Worker thread body: one PP-OCRv4 reader (models loaded once, when the worker starts) doing the
 * pieces of pages it is sent — a detection band or one text line — one at a time in the order they
 * arrive, so detection, recognition and the JavaScript around them never block the server's event
 * loop. The page's pixels come in shared memory: sending a piece copies nothing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { GreyImage, OcrWord } from '../ocr-engine.js';
import type { Box } from './line-boxes.js';
import type { DetectionBand, PaddleReaderOptions } from './paddle-plan.js';
import { PaddleReader } from './paddle-reader.js';
import type { DetectionSize } from './tensors.js';

export type PaddleTask = { kind: 'detect'; size: DetectionSize; band: DetectionBand } | { kind: 'line'; box: Box };

export interface PaddleRequest {
  id: number;
  image: GreyImage;
  task: PaddleTask;
}

export type PaddleResponse =
  | { id: number; ok: true; boxes: Box[] }
  | { id: number; ok: true; words: OcrWord[] }
  | { id: number; ok: false; message: string };

const reader = PaddleReader.load(workerData as PaddleReaderOptions);
// A failed load is answered per request (below) rather than crashing the thread.
reader.catch(() => undefined);

async function answer(req: PaddleRequest): Promise<PaddleResponse> {
  try {
    const r = await reader;
    const { task } = req;
    if (task.kind === 'detect') return { id: req.id, ok: true, boxes: await r.detectBand(req.image, task.size, task.band) };
    return { id: req.id, ok: true, words: await r.readLine(req.image, task.box) };
  } catch (err) {
    return { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

// The pool may queue a second piece here while the first runs (so the thread never waits for the
// main thread between pieces): pieces run strictly one after another.
let chain: Promise<unknown> = Promise.resolve();
parentPort?.on('message', (req: PaddleRequest) => {
  chain = chain.then(async () => parentPort?.postMessage(await answer(req)));
});
