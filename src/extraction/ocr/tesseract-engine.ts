import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createScheduler, createWorker, type Scheduler, type Word as TessWord } from 'tesseract.js';
import { type GreyImage, type OcrEngine, type OcrResult, type OcrWord, toPgm } from './ocr-engine.js';
import { type OcrLine, rereadWeakLines, type RereadOptions } from './line-reread.js';

const require = createRequire(import.meta.url);

export interface TesseractOptions {
  /** Tesseract language codes with an installed `@tesseract.js-data/<code>` package; default `['eng']`. */
  languages?: string[];
  /** Parallel recognisers, each a worker_thread holding its own model (~40 MB each). */
  workers?: number;
  /** Tesseract parameters over the defaults below (benchmarks try variants with this). */
  parameters?: Record<string, string>;
  /** Model folder of `@tesseract.js-data/<code>`: `4.0.0_best_int` (default) or `4.0.0`. */
  model?: '4.0.0_best_int' | '4.0.0';
  /** Read lines of low confidence a second time, cut out and enlarged (`line-reread.ts`); off by default. */
  reread?: RereadOptions;
}

const DEFAULT_MODEL = '4.0.0_best_int';

/**
 * psm 6 (one uniform block) reads invoices and receipts better than automatic segmentation;
 * keeping inter-word spaces preserves the gaps that separate labels from values; a fixed DPI
 * spares tesseract its resolution guess (3× faster at equal recall on the receipts).
 */
const DEFAULT_PARAMETERS: Record<string, string> = { tessedit_pageseg_mode: '6', preserve_interword_spaces: '1', user_defined_dpi: '300' };

function dataDir(code: string, model = DEFAULT_MODEL): string {
  // `best_int` is the small integer model: same accuracy here as `4.0.0`, a third of the size.
  return path.join(path.dirname(require.resolve(`@tesseract.js-data/${code}/package.json`)), model);
}

/**
 * tesseract.js reads every language from one `langPath` folder, and offline it MUST be given one:
 * without it it fetches from a CDN and the failed fetch kills the process. The npm packages keep
 * each language in its own folder, so several languages get a private folder of symlinks.
 */
function languageFolder(languages: string[], model = DEFAULT_MODEL): string {
  if (languages.length === 1) return dataDir(languages[0], model);
  const dir = path.join(os.tmpdir(), `docsift-tessdata-${model}-${languages.join('-')}`);
  mkdirSync(dir, { recursive: true });
  for (const code of languages) {
    const link = path.join(dir, `${code}.traineddata.gz`);
    if (!existsSync(link)) symlinkSync(path.join(dataDir(code, model), `${code}.traineddata.gz`), link);
  }
  return dir;
}

export class TesseractEngine implements OcrEngine {
  private scheduler: Promise<Scheduler> | null = null;
  private readonly languages: string[];
  private readonly workers: number;
  private readonly parameters: Record<string, string>;
  private readonly model: string;
  private readonly reread?: RereadOptions;
  /** What decides the output besides the image: caches of OCR results key on it. */
  readonly configKey: string;

  constructor(options: TesseractOptions = {}) {
    this.languages = options.languages?.length ? options.languages : ['eng'];
    this.workers = Math.max(1, options.workers ?? 2);
    this.parameters = { ...DEFAULT_PARAMETERS, ...options.parameters };
    this.model = options.model ?? DEFAULT_MODEL;
    this.reread = options.reread;
    // The default model stays out of the key, so caches made before the option existed stay valid.
    this.configKey = JSON.stringify({
      languages: this.languages,
      parameters: this.parameters,
      ...(this.model === DEFAULT_MODEL ? {} : { model: this.model }),
      ...(this.reread ? { reread: this.reread } : {}),
    });
  }

  private start(): Promise<Scheduler> {
    this.scheduler ??= (async () => {
      const scheduler = createScheduler();
      const langPath = languageFolder(this.languages, this.model);
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
    const read = async (raster: GreyImage) => {
      const result = await scheduler.addJob('recognize', toPgm(raster), { rotateAuto: false }, { blocks: true, text: false });
      const lines: OcrLine[] = [];
      for (const block of result.data.blocks ?? []) {
        for (const para of block.paragraphs) {
          for (const line of para.lines) {
            const words: OcrWord[] = [];
            for (const w of line.words as TessWord[]) {
              const text = w.text.trim();
              if (text) words.push({ text, bbox: [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1], confidence: w.confidence / 100 });
            }
            if (words.length) lines.push({ words, bbox: [line.bbox.x0, line.bbox.y0, line.bbox.x1, line.bbox.y1] });
          }
        }
      }
      return { lines, confidence: result.data.confidence / 100 };
    };
    const page = await read(image);
    if (!this.reread) return { words: page.lines.flatMap((l) => l.words), confidence: page.confidence };
    const lines = await rereadWeakLines(image, page.lines, async (strip) => (await read(strip)).lines.flatMap((l) => l.words), this.reread);
    return { words: lines.flat(), confidence: page.confidence };
  }

  async close(): Promise<void> {
    const s = this.scheduler;
    this.scheduler = null;
    if (s) await (await s).terminate();
  }
}
