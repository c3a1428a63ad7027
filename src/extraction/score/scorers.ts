import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CandidateScorer, type ScorerFile } from './linear-scorer.js';

const WEIGHTS = new URL('./weights/', import.meta.url);

export function weightsPath(name: string): string {
  return fileURLToPath(new URL(`${name}.json`, WEIGHTS));
}

const loaded = new Map<string, CandidateScorer | null>();

/**
 * The committed scorer for a task, loaded once per process; null when none is committed (the
 * extractor then falls back to its label reads). Its feature list must be the extractor's: a
 * mismatch means the weights are stale, and fails loudly rather than scoring garbage.
 */
export function scorerFor(name: string, features: readonly string[]): CandidateScorer | null {
  if (!loaded.has(name)) {
    const file = weightsPath(name);
    const scorer = existsSync(file) ? new CandidateScorer(JSON.parse(readFileSync(file, 'utf8')) as ScorerFile) : null;
    if (scorer && scorer.file.features.join(',') !== features.join(',')) {
      throw new Error(`scorer ${name}: committed weights were trained on other features; run npm run train`);
    }
    loaded.set(name, scorer);
  }
  return loaded.get(name) ?? null;
}
