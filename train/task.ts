import type { ExtractionContext } from '../src/extraction/extract/context.js';

/** One field the engine chooses with a trained scorer: how to get its candidates and judge them. */
export interface Task {
  name: string;
  field: string;
  docTypes: string[];
  features: readonly string[];
  candidates(ctx: ExtractionContext): { value: unknown; features: Record<string, number> }[];
  /** The value is the gold one, as devdata's score.mjs judges it. */
  matches(value: unknown, gold: unknown): boolean;
  /**
   * For text chosen among lines: how close a candidate is to the gold value (0–1). Where no
   * candidate matches exactly (OCR misread a letter), the closest one, if close enough, is still
   * the right block of lines to learn from: without it the model would learn the right lines as wrong.
   */
  similarity?(value: unknown, gold: unknown): number;
  /** Wrong candidates kept per document reading (default 12). */
  negatives?: number;
}
