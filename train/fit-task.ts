import { createHash } from 'node:crypto';
import { createContext } from '../src/extraction/extract/context.js';
import { CandidateScorer, type ScorerFile, toRow, trainScorer } from '../src/extraction/score/linear-scorer.js';
import type { Task } from './tasks.js';
import type { TrainingDoc } from './training-docs.js';

const FOLDS = 5;
const NEGATIVES_PER_DOC = 12;

export interface Example {
  doc: number;
  group: string;
  row: number[];
  label: number;
  value: unknown;
}

/** One context per document model, so that tasks sharing a candidate list (invoice amounts) compute it once. */
const contexts = new WeakMap<TrainingDoc['model'], ReturnType<typeof createContext>>();
function contextOf(model: TrainingDoc['model']): ReturnType<typeof createContext> {
  let ctx = contexts.get(model);
  if (!ctx) contexts.set(model, (ctx = createContext(model)));
  return ctx;
}

export function examplesFor(task: Task, docs: TrainingDoc[]): Example[] {
  const out: Example[] = [];
  docs.forEach((d, i) => {
    const gold = d.doc.gold.fields[task.field];
    if (gold === undefined || gold === null || gold === '') return;
    const candidates = task.candidates(contextOf(d.model)).map((c) => ({ c, label: task.matches(c.value, gold) ? 1 : 0 }));
    // Every right candidate and at most NEGATIVES_PER_DOC wrong ones, picked by a hash of the
    // document and position (reproducible): a long receipt has a hundred amounts, and they would
    // otherwise outweigh the documents with few.
    const wrong = candidates
      .map((x, k) => ({ ...x, key: createHash('sha1').update(`${d.doc.id}:${d.reading}:${k}`).digest().readUInt32BE(0) }))
      .filter((x) => x.label === 0)
      .sort((a, b) => a.key - b.key)
      .slice(0, NEGATIVES_PER_DOC);
    for (const { c, label } of [...candidates.filter((x) => x.label === 1), ...wrong]) {
      out.push({ doc: i, group: d.group, row: toRow(task.features, c.features), label, value: c.value });
    }
  });
  return out;
}

const fold = (group: string) => createHash('sha1').update(group).digest()[0] % FOLDS;

/**
 * Out-of-fold probabilities (folds by merchant or producer group, never splitting one) and the
 * per-document choice they lead to: how often the best candidate is right, and under which
 * probability returning nothing scores better F1 than returning it.
 */
export function crossValidate(task: Task, examples: Example[], docsWithGold: number): { accuracy: number; minProbability: number; f1: number } {
  const prob = new Array<number>(examples.length).fill(0);
  for (let k = 0; k < FOLDS; k++) {
    const trainIdx = examples.map((e, i) => (fold(e.group) !== k ? i : -1)).filter((i) => i >= 0);
    const testIdx = examples.map((e, i) => (fold(e.group) === k ? i : -1)).filter((i) => i >= 0);
    if (!testIdx.length || !trainIdx.some((i) => examples[i].label === 1)) continue;
    const trained = trainScorer(task.name, task.features, trainIdx.map((i) => examples[i].row), trainIdx.map((i) => examples[i].label));
    const p = new CandidateScorer({ ...trained, minProbability: 0 }).probabilities(testIdx.map((i) => examples[i].row));
    testIdx.forEach((i, j) => (prob[i] = p[j]));
  }
  const bestByDoc = new Map<number, { p: number; label: number }>();
  examples.forEach((e, i) => {
    const cur = bestByDoc.get(e.doc);
    if (!cur || prob[i] > cur.p) bestByDoc.set(e.doc, { p: prob[i], label: e.label });
  });
  const picks = [...bestByDoc.values()];
  let best = { f1: -1, minProbability: 0 };
  for (let t = 0; t <= 0.9; t += 0.05) {
    const returned = picks.filter((x) => x.p >= t);
    const tp = returned.filter((x) => x.label === 1).length;
    const precision = returned.length ? tp / returned.length : 0;
    const recall = tp / docsWithGold;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    if (f1 > best.f1 + 1e-9) best = { f1, minProbability: Math.round(t * 100) / 100 };
  }
  return { accuracy: picks.filter((x) => x.label === 1).length / docsWithGold, ...best };
}

/** Trains one task on documents: its examples, cross-validation, and the weights file to commit. */
export function fitTask(task: Task, docs: TrainingDoc[]): { file: ScorerFile; report: string } {
  return fitExamples(task, examplesFor(task, docs));
}

/**
 * Trains one task on examples already drawn (leave-one-producer-out draws them once and leaves a
 * producer's out). `crossValidate: false` skips the five extra trainings that fit the probability
 * under which nothing is returned (it is then 0: the best candidate is always returned).
 */
export function fitExamples(task: Task, examples: Example[], opts: { crossValidate?: boolean } = {}): { file: ScorerFile; report: string } {
  const docsWithGold = new Set(examples.map((e) => e.doc)).size;
  const reachable = new Set(examples.filter((e) => e.label === 1).map((e) => e.doc)).size;
  const cv = opts.crossValidate === false ? null : crossValidate(task, examples, docsWithGold);
  const file: ScorerFile = { ...trainScorer(task.name, task.features, examples.map((e) => e.row), examples.map((e) => e.label)), minProbability: cv?.minProbability ?? 0 };
  const report =
    `${task.name.padEnd(20)} docs ${docsWithGold}  candidates ${examples.length}  gold among candidates ${(reachable / docsWithGold).toFixed(3)}` +
    (cv ? `  out-of-fold: best is right ${cv.accuracy.toFixed(3)}, F1 ${cv.f1.toFixed(3)} returning at p >= ${cv.minProbability}` : '');
  return { file, report };
}
