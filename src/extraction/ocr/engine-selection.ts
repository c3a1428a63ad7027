import type { GreyImage, OcrEngine, OcrResult } from './ocr-engine.js';
import { PaddleEngine, type PaddleEngineOptions } from './paddle/paddle-engine.js';
import { paddleCharacters } from './paddle/paddle-plan.js';
import { TesseractEngine, type TesseractOptions } from './tesseract-engine.js';

export type OcrEngineChoice = 'auto' | 'tesseract' | 'paddle';

export interface SelectingOcrOptions {
  /** `auto` (default): PP-OCRv4 when it can write every letter of the configured languages, else tesseract. */
  choice?: OcrEngineChoice;
  /** Tesseract language codes the pages are expected in (default `['eng']`). */
  languages?: string[];
  /** Worker threads of each engine (default: the number of cores). */
  workers?: number;
  tesseract?: Omit<TesseractOptions, 'languages' | 'workers'>;
  paddle?: Omit<PaddleEngineOptions, 'workers'>;
}

/**
 * The letters a language's text needs beyond ASCII. PP-OCRv4's dictionary (Chinese + English) has
 * é è à ü ä É Ü but not ö Ä Ö ß ç ñ ô ê €: a German or French page read by it loses those letters
 * for good, so such languages go to tesseract, which has a model per language.
 */
const LANGUAGE_LETTERS: Record<string, string> = {
  eng: '',
  deu: 'äöüßÄÖÜ€',
  fra: 'àâæçéèêëîïôœùûüÿÀÂÇÉÈÊËÎÏÔŒÙÛÜ€',
};

/** Whether PP-OCRv4 can write every letter of these languages (an unknown language: no). */
export function paddleCoversLanguages(languages: readonly string[], characters: ReadonlySet<string> = paddleCharacters()): boolean {
  return languages.every((code) => code in LANGUAGE_LETTERS && [...LANGUAGE_LETTERS[code]].every((c) => characters.has(c)));
}

/** The engine a page goes to first under a choice and a set of languages. */
export function primaryEngine(choice: OcrEngineChoice, languages: readonly string[]): 'tesseract' | 'paddle' {
  if (choice !== 'auto') return choice;
  return paddleCoversLanguages(languages) ? 'paddle' : 'tesseract';
}

/**
 * The pipeline's OCR: PP-OCRv4 or tesseract.js per `DOCSIFT_OCR_ENGINE`, each in its own pool of
 * worker threads started on first use. A page PP-OCRv4 fails on (its models missing or broken) is
 * read by tesseract instead, so a damaged install degrades to the older engine rather than failing
 * documents. Each result names the engine that read it (`OcrResult.engine`).
 */
export class SelectingOcrEngine implements OcrEngine {
  readonly primary: 'tesseract' | 'paddle';
  /** What decides the output besides the image: caches of OCR results key on it. */
  readonly configKey: string;
  private readonly options: SelectingOcrOptions;
  private tesseract: TesseractEngine | null = null;
  private paddle: PaddleEngine | null = null;

  constructor(options: SelectingOcrOptions = {}) {
    this.options = options;
    this.primary = primaryEngine(options.choice ?? 'auto', options.languages?.length ? options.languages : ['eng']);
    this.configKey = this.primary === 'paddle' ? this.paddleEngine().configKey : this.tesseractEngine().configKey;
  }

  private tesseractEngine(): TesseractEngine {
    this.tesseract ??= new TesseractEngine({ ...this.options.tesseract, languages: this.options.languages, workers: this.options.workers });
    return this.tesseract;
  }

  private paddleEngine(): PaddleEngine {
    this.paddle ??= new PaddleEngine({ ...this.options.paddle, workers: this.options.workers });
    return this.paddle;
  }

  async recognize(image: GreyImage, options: { signal?: AbortSignal } = {}): Promise<OcrResult> {
    if (this.primary === 'paddle') {
      try {
        return { ...(await this.paddleEngine().recognize(image, options)), engine: 'paddle' };
      } catch (err) {
        if ((err as { code?: string }).code) throw err; // cancelled: no second engine
      }
    }
    return { ...(await this.tesseractEngine().recognize(image)), engine: 'tesseract' };
  }

  async close(): Promise<void> {
    const engines = [this.tesseract, this.paddle];
    this.tesseract = null;
    this.paddle = null;
    await Promise.all(engines.map((e) => e?.close()));
  }
}
