import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CandidateScorer, type ScorerFile } from './linear-scorer.js';

const WEIGHTS = new URL('./weights/', import.meta.url);

export function weightsPath(name: string): string {
  return fileURLToPath(new URL(`${name}.json`, WEIGHTS));
}

const loaded = new Map<string, CandidateScorer>();

/**
 * The committed scorer for a task, loaded once per process. Its feature list must be the extractor's:
 * a mismatch means the weights are stale, and fails loudly rather than scoring garbage; a missing file
 * fails too (the weights are part of the engine: `npm run train` writes them).
 */
export function scorerFor(name: string, features: readonly string[]): CandidateScorer {
  let scorer = loaded.get(name);
  if (!scorer) {
    scorer = new CandidateScorer(JSON.parse(readFileSync(weightsPath(name), 'utf8')) as ScorerFile);
    if (scorer.file.features.join(',') !== features.join(',')) {
      throw new Error(`scorer ${name}: committed weights were trained on other features; run npm run train`);
    }
    loaded.set(name, scorer);
  }
  return scorer;
}
