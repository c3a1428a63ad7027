import type { ExtractionContext } from '../src/extraction/extract/context.js';

/** One field the engine chooses with a trained scorer: how to get its candidates and judge them. */
export interface Task {
  name: string;
  field: string;
  docTypes: string[];
  features: readonly string[];
  candidates(ctx: ExtractionContext): { value: unknown; features: Record<string, number> }[];
  matches(value: unknown, gold: unknown): boolean;
}
