import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GreyImage, OcrEngine, OcrResult } from '../src/extraction/ocr/ocr-engine.js';

/** Where the benches and training keep OCR output: `.tmp/accuracy/ocr-cache`, or `DOCSIFT_OCR_CACHE`. */
export const OCR_CACHE_DIR = path.resolve(process.env.DOCSIFT_OCR_CACHE ?? '.tmp/accuracy/ocr-cache');

/**
 * Remembers OCR output by image hash, so re-running the accuracy bench after a change to the
 * extraction rules skips the 1–2 s of OCR per receipt. Pass `--no-ocr-cache` to measure OCR itself.
 * The folder is per engine configuration (`configKey`).
 */
export class CachingOcrEngine implements OcrEngine {
  hits = 0;
  misses = 0;
  ocrMs = 0;
  constructor(
    private readonly inner: OcrEngine & { configKey?: string },
    root: string,
  ) {
    // One folder per engine configuration (languages, tesseract parameters, preprocessing), so a
    // changed setting never reuses another setting's output.
    this.dir = path.join(root, createHash('sha1').update(inner.configKey ?? '').digest('hex').slice(0, 8));
    mkdirSync(this.dir, { recursive: true });
  }
  private readonly dir: string;

  async recognize(image: GreyImage, options?: { signal?: AbortSignal }): Promise<OcrResult> {
    const key = createHash('sha1').update(image.data).update(`${image.width}x${image.height}`).digest('hex');
    const file = path.join(this.dir, `${key}.json`);
    if (existsSync(file)) {
      this.hits++;
      return JSON.parse(readFileSync(file, 'utf8')) as OcrResult;
    }
    this.misses++;
    const t0 = performance.now();
    const result = await this.inner.recognize(image, options);
    this.ocrMs += performance.now() - t0;
    writeFileSync(file, JSON.stringify(result));
    return result;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
