import { describe, expect, it } from 'vitest';
import { sameWeights } from '../train/same-weights.js';

const file = (weights: number[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ task: 'receipt-total', features: ['a', 'b'], mean: [0.5, 2], model: { weights: [weights] }, minProbability: 0.46, ...extra });

describe('the weights check of npm run train --check', () => {
  it('takes weights that differ only in the noise of OCR confidences across machines as the same', () => {
    expect(sameWeights(file([1.2860414932179849, -0.0472685]), file([1.2860413972108429, -0.0472683]))).toBe(true);
  });

  it('tells a retrained model, a changed threshold, or other features apart', () => {
    expect(sameWeights(file([1.28, -0.04]), file([1.31, -0.04]))).toBe(false);
    expect(sameWeights(file([1.28, -0.04]), file([1.28, -0.04], { minProbability: 0.5 }))).toBe(false);
    expect(sameWeights(file([1.28, -0.04]), file([1.28, -0.04], { features: ['a', 'c'] }))).toBe(false);
    expect(sameWeights(file([1.28, -0.04]), file([1.28, -0.04, 0]))).toBe(false);
    expect(sameWeights(file([1.28]), 'not json')).toBe(false);
  });
});
