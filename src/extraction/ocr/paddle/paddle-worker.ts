/**
 * Worker thread body: one PP-OCRv4 reader (models loaded once, when the worker starts) reading the
 * pages it is sent, one at a time, so detection, recognition and the JavaScript around them never
 * block the server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { GreyImage, OcrResult } from '../ocr-engine.js';
import { PaddleReader, type PaddleReaderOptions } from './paddle-reader.js';

export interface PaddleRequest {
  id: number;
  image: GreyImage;
}

export type PaddleResponse = { id: number; ok: true; result: OcrResult } | { id: number; ok: false; message: string };

const reader = PaddleReader.load(workerData as PaddleReaderOptions);
// A failed load is answered per request (below) rather than crashing the thread.
reader.catch(() => undefined);

parentPort?.on('message', async (req: PaddleRequest) => {
  try {
    const result = await (await reader).read(req.image);
    parentPort?.postMessage({ id: req.id, ok: true, result } satisfies PaddleResponse);
  } catch (err) {
    parentPort?.postMessage({ id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies PaddleResponse);
  }
});
