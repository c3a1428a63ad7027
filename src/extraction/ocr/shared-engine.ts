import type { OcrEngine } from './ocr-engine.js';
import { TesseractEngine, type TesseractOptions } from './tesseract-engine.js';

/**
 * The pipeline's default OCR engine, created on first use: loading tesseract's model costs about a
 * second per worker, so one set of workers serves every document in the process. The composition
 * root may configure it (languages, worker count) before first use and close it at shutdown.
 */
let options: TesseractOptions = {};
let engine: OcrEngine | null = null;

export function configureOcr(next: TesseractOptions): void {
  options = next;
}

export function sharedOcrEngine(): OcrEngine {
  engine ??= new TesseractEngine(options);
  return engine;
}

export async function closeSharedOcrEngine(): Promise<void> {
  const e = engine;
  engine = null;
  await e?.close();
}
