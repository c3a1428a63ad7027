import type { OcrEngine } from './ocr-engine.js';
import type { SelectingOcrOptions } from './engine-selection.js';

/**
 * The pipeline's default OCR engine, created on first use: loading a model costs up to a second per
 * worker, so one set of workers serves every document in the process. The composition root may
 * configure it (engine choice, languages, worker count) before first use and close it at shutdown.
 * Unconfigured it is `auto` over English: PP-OCRv4 (`engine-selection.ts`).
 * The engines' code (onnxruntime-node, tesseract.js, sharp) is imported with it, so a process that
 * only reads text PDFs never loads it.
 */
let options: SelectingOcrOptions = {};
let engine: OcrEngine | null = null;

export function configureOcr(next: SelectingOcrOptions): void {
  options = next;
}

export async function sharedOcrEngine(): Promise<OcrEngine> {
  if (!engine) {
    const { SelectingOcrEngine } = await import('./engine-selection.js');
    engine ??= new SelectingOcrEngine(options);
  }
  return engine;
}

export async function closeSharedOcrEngine(): Promise<void> {
  const e = engine;
  engine = null;
  await e?.close();
}
