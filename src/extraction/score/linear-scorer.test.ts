import { readdirSync, readFileSync } from 'node:fs';
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { CandidateScorer, type ScorerFile } from './linear-scorer.js';

const dir = new URL('./weights/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const scorerFiles = files.map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8'))).filter((j): j is ScorerFile => Array.isArray(j.features) && j.model);

/** The library's own answer: standardized rows with the intercept column, through testScores. */
function libraryScores(file: ScorerFile, rows: number[][]): number[] {
  const model = LogisticRegression.load(file.model) as unknown as { classifiers: { testScores(x: Matrix): number[] }[] };
  const x = new Matrix(rows.map((r) => [...r.map((v, j) => (v - file.mean[j]) / file.std[j]), 1]));
  return model.classifiers[0].testScores(x);
}

describe('CandidateScorer.probabilities', () => {
  it('finds the committed scorers', () => {
    expect(scorerFiles.length).toBeGreaterThanOrEqual(5);
  });

  it.each(scorerFiles.map((f) => [f.task, f] as const))('scores %s exactly as ml-logistic-regression does', (_task, file) => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const rows = Array.from({ length: 40 }, () => file.features.map((_, j) => (next() < 0.3 ? 0 : next() * 3 * (file.std[j] || 1) + file.mean[j] - 1)));
    const ours = new CandidateScorer(file).probabilities(rows);
    expect(ours).toEqual(libraryScores(file, rows));
    expect(new Set(ours).size).toBeGreaterThan(1);
  });
});
