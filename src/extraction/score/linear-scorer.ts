import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { emptyDoubles } from './scored-candidate.js';

/**
 * A trained candidate scorer as committed in `weights/<task>.json`: the feature names it was trained
 * on (checked against the extractor's at load), the standardization of each feature, the logistic
 * regression (ml-logistic-regression), and the probability under which the field is better reported
 * as not found (fitted on out-of-fold predictions of the train split).
 *
 * A linear model over standardized features, not a forest: with a few hundred documents it overfits
 * less, trains in seconds, and its weights say which evidence counts.
 */
export interface ScorerFile {
  task: string;
  features: string[];
  mean: number[];
  std: number[];
  minProbability: number;
  model: ReturnType<LogisticRegression['toJSON']>;
  /**
   * How the chosen candidate's score turns into the probability that it is right: a logistic
   * regression over the best score and its margin over the runner-up, fitted on out-of-fold choices
   * of the train split. (The candidate model is trained on a sample of wrong candidates, so its own
   * probability overstates; and a close runner-up makes a choice doubtful.)
   */
  calibration?: Omit<ScorerFile, 'minProbability' | 'calibration'>;
}

export const CALIBRATION_FEATURES = ['logit_best', 'logit_margin'] as const;

const logit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};

/** The calibration model's input: the best candidate's score and its margin over the second's (0 when alone). */
export function calibrationRow(best: number, second: number): number[] {
  return [logit(best), logit(best) - logit(second)];
}

/** Same data and options give the same weights: training is reproducible. */
export const TRAINING = { numSteps: 800, learningRate: 1 } as const;

interface TwoClass {
  weights: Matrix;
}

export class CandidateScorer {
  /** The positive classifier's weights, the intercept's last. */
  private readonly weights: number[];

  private readonly calibrator: CandidateScorer | null;

  constructor(readonly file: ScorerFile) {
    const model = LogisticRegression.load(file.model) as unknown as { classifiers: TwoClass[] };
    // One-vs-all: the classifier of class 0 answers "not class 0", i.e. the candidate is the value.
    this.weights = model.classifiers[0].weights.to1DArray();
    this.calibrator = file.calibration ? new CandidateScorer({ ...file.calibration, minProbability: 0 }) : null;
  }

  /** Probability that the best candidate is right, from its score and the runner-up's. */
  confidence(best: number, second: number): number {
    return this.calibrator ? this.calibrator.probabilities([calibrationRow(best, second)])[0] : best;
  }

  get minProbability(): number {
    return this.file.minProbability;
  }

  /** Probability that each candidate (one feature row each) is the field's value. */
  probabilities(rows: number[][]): number[] {
    // What the library's testScores computes (standardize, then X · wᵀ summed in column order, then the
    // sigmoid), bit for bit, without building a Matrix per call: scoring runs for every document.
    const { mean, std } = this.file;
    const w = this.weights;
    // Pushed on a double array, not mapped: the callers read the list by index, and a mapped list
    // changes kind once V8 optimizes the code making it (see scored-candidate.ts emptyDoubles).
    const out = emptyDoubles();
    for (const r of rows) {
      let s = 0;
      for (let k = 0; k < r.length; k++) s += ((r[k] - mean[k]) / std[k]) * w[k];
      s += 1 * w[r.length];
      out.push(1 / (1 + Math.exp(-s)));
    }
    return out;
  }
}

/** Centres and scales each column, and appends the constant column that serves as the intercept. */
function standardize(rows: number[][], mean: number[], std: number[]): Matrix {
  return new Matrix(rows.map((r) => [...r.map((v, j) => (v - mean[j]) / std[j]), 1]));
}

export function trainScorer(task: string, features: readonly string[], rows: number[][], labels: number[]): Omit<ScorerFile, 'minProbability'> {
  const n = rows.length;
  const mean = features.map((_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
  const std = features.map((_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / n) || 1);
  const round = (x: number) => Number(x.toPrecision(6));
  const m = mean.map(round);
  const s = std.map(round);
  // The library's gradient is a sum over rows: its step is divided by n so the learning rate means
  // the same for any amount of data.
  const model = new LogisticRegression({ numSteps: TRAINING.numSteps, learningRate: TRAINING.learningRate / n });
  model.train(standardize(rows, m, s), Matrix.columnVector(labels));
  return { task, features: [...features], mean: m, std: s, model: model.toJSON() };
}

/** Turns a features object into the row the model expects, in the committed order. */
export function toRow(names: readonly string[], features: Record<string, number>): number[] {
  return names.map((n) => {
    const v = features[n];
    if (v === undefined) throw new Error(`feature ${n} missing`);
    return Number.isFinite(v) ? v : 0;
  });
}
