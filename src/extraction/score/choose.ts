import type { Candidate } from '../extract/candidate.js';
import { toRow } from './linear-scorer.js';
import { scorerFor } from './scorers.js';

export interface Scored<T> {
  candidate: T & { candidate: Candidate };
  probability: number;
}

/**
 * Scores every candidate with the task's trained model and returns the most probable one, with the
 * calibrated probability that it is right (from its score and the runner-up's) as the value's
 * confidence. Returns null when there is none, or when that is below the probability the training
 * found better reported as not found.
 */
export function chooseScored<T extends { value: unknown; features: Record<string, number>; candidate: Candidate }>(
  task: string,
  features: readonly string[],
  candidates: readonly T[],
): Scored<T> | null {
  const scorer = scorerFor(task, features);
  if (!candidates.length) return null;
  const probs = scorer.probabilities(candidates.map((c) => toRow(features, c.features)));
  let best = 0;
  for (let i = 1; i < probs.length; i++) if (probs[i] > probs[best]) best = i;
  // The runner-up is the best candidate with another value (one value printed twice is no rival).
  const second = Math.max(0, ...probs.filter((_, i) => !sameValue(candidates[i].value, candidates[best].value)));
  const confidence = scorer.confidence(probs[best], second);
  if (confidence < scorer.minProbability) return null;
  const chosen = candidates[best];
  return { candidate: { ...chosen, candidate: { ...chosen.candidate, score: confidence } }, probability: confidence };
}

function sameValue(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a.trim().toLowerCase() === b.trim().toLowerCase() : a === b;
}
