import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createScheduler, createWorker, type Scheduler, type Word as TessWord } from 'tesseract.js';
import { type GreyImage, type OcrEngine, type OcrResult, type OcrWord, toPgm } from './ocr-engine.js';

const require = createRequire(import.meta.url);

export interface TesseractOptions {
  /** Tesseract language codes with an installed `@tesseract.js-data/<code>` package; default `['eng']`. */
  languages?: string[];
  /** Parallel recognisers, each a worker_thread holding its own model (~40 MB each). */
  workers?: number;
  /** Tesseract parameters over the defaults below (benchmarks try variants with this). */
  parameters?: Record<string, string>;
}

/**
 * psm 6 (one uniform block) reads invoices and receipts better than automatic segmentation;
 * keeping inter-word spaces preserves the gaps that separate labels from values; a fixed DPI
 * spares tesseract its resolution guess (3× faster at equal recall on the receipts).
 */
const DEFAULT_PARAMETERS: Record<string, string> = { tessedit_pageseg_mode: '6', preserve_interword_spaces: '1', user_defined_dpi: '300' };

function dataDir(code: string): string {
  // `best_int` is the small integer model: same accuracy here as `4.0.0`, a third of the size.
  return path.join(path.dirname(require.resolve(`@tesseract.js-data/${code}/package.json`)), '4.0.0_best_int');
}

/**
 * tesseract.js reads every language from one `langPath` folder, and offline it MUST be given one:
 * without it it fetches from a CDN and the failed fetch kills the process. The npm packages keep
 * each language in its own folder, so several languages get a private folder of symlinks.
 */
function languageFolder(languages: string[]): string {
  if (languages.length === 1) return dataDir(languages[0]);
  const dir = path.join(os.tmpdir(), `docsift-tessdata-${languages.join('-')}`);
  mkdirSync(dir, { recursive: true });
  for (const code of languages) {
    const link = path.join(dir, `${code}.traineddata.gz`);
    if (!existsSync(link)) symlinkSync(path.join(dataDir(code), `${code}.traineddata.gz`), link);
  }
  return dir;
}

export class TesseractEngine implements OcrEngine {
  private scheduler: Promise<Scheduler> | null = null;
  private readonly languages: string[];
  private readonly workers: number;
  private readonly parameters: Record<string, string>;
  /** What decides the output besides the image: caches of OCR results key on it. */
  readonly configKey: string;

  constructor(options: TesseractOptions = {}) {
    this.languages = options.languages?.length ? options.languages : ['eng'];
    this.workers = Math.max(1, options.workers ?? 2);
    this.parameters = { ...DEFAULT_PARAMETERS, ...options.parameters };
    this.configKey = JSON.stringify({ languages: this.languages, parameters: this.parameters });
  }

  private start(): Promise<Scheduler> {
    this.scheduler ??= (async () => {
      const scheduler = createScheduler();
      const langPath = languageFolder(this.languages);
      const workers = await Promise.all(
        Array.from({ length: this.workers }, () =>
          createWorker(this.languages.join('+'), 1 /* LSTM only */, {
            langPath,
            cacheMethod: 'none',
            gzip: true,
            errorHandler: () => {
              /* surfaced through the rejected job instead of an uncaught exception */
            },
          }),
        ),
      );
      for (const w of workers) {
        await w.setParameters(this.parameters as never);
        scheduler.addWorker(w);
      }
      return scheduler;
    })();
    return this.scheduler;
  }

  async recognize(image: GreyImage): Promise<OcrResult> {
    const scheduler = await this.start();
    const result = await scheduler.addJob('recognize', toPgm(image), { rotateAuto: false }, { blocks: true, text: false });
    const words: OcrWord[] = [];
    for (const block of result.data.blocks ?? []) {
      for (const para of block.paragraphs) {
        for (const line of para.lines) {
          for (const w of line.words as TessWord[]) {
            const text = w.text.trim();
            if (!text) continue;
            words.push({ text, bbox: [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1], confidence: w.confidence / 100 });
          }
        }
      }
    }
    return { words, confidence: result.data.confidence / 100 };
  }

  async close(): Promise<void> {
    const s = this.scheduler;
    this.scheduler = null;
    if (s) await (await s).terminate();
  }
}
