import type { OcrEngine } from './ocr-engine.js';

/**
 * The pipeline's OCR engine when its caller passes none (tests, benchmarks): created on first use,
 * since loading a model costs up to a second per worker, so one set of workers serves every document
 * in the process. It is `auto` over English: PP-OCRv4 (`engine-selection.ts`). The server, the worker
 * and `docsift extract` build their own engine from the configuration and pass it in instead.
 * The engines' code (onnxruntime-node, tesseract.js, sharp) is imported with it, so a process that
 * only reads text PDFs never loads it.
 */
let engine: OcrEngine | null = null;

export async function sharedOcrEngine(): Promise<OcrEngine> {
  if (!engine) {
    const { SelectingOcrEngine } = await import('./engine-selection.js');
    engine ??= new SelectingOcrEngine();
  }
  return engine;
}

export async function closeSharedOcrEngine(): Promise<void> {
  const e = engine;
  engine = null;
  await e?.close();
}
