import type { ExtractionContext } from '../src/extraction/extract/context.js';
import type { TrainingDoc } from './training-docs.js';

/** One field the engine chooses with a trained scorer: how to get its candidates and judge them. */
export interface Task {
  name: string;
  field: string;
  docTypes: string[];
  features: readonly string[];
  /**
   * `doc` is the training document being read (its labels and merchant group): a feature learned from
   * the train labels (the merchant name's generic words) must not count the document's own label.
   */
  candidates(ctx: ExtractionContext, doc?: TrainingDoc): { value: unknown; features: Record<string, number> }[];
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
  /**
   * Return the best candidate at any probability (no fitted threshold; confidence stays calibrated).
   * For the invoice fields, whose joint choice weighs the candidates itself and whose calibration is
   * fitted mostly on generated invoices: the threshold it gave (0.47-0.50) dropped real invoices'
   * right values the model was less sure of (devdata train, page only: invoice dates 8 of 11 in one set).
   */
  alwaysAnswer?: boolean;
}
