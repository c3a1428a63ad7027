import { createHash } from 'node:crypto';
import { createContext } from '../src/extraction/extract/context.js';
import { CALIBRATION_FEATURES, CandidateScorer, calibrationRow, type ScorerFile, toRow, trainScorer } from '../src/extraction/score/linear-scorer.js';
import type { Task } from './task.js';
import type { TrainingDoc } from './training-docs.js';

/** One context per document model, so that tasks sharing a candidate list (invoice amounts) compute it once. */
const contexts = new WeakMap<TrainingDoc['model'], ReturnType<typeof createContext>>();
function contextOf(model: TrainingDoc['model']): ReturnType<typeof createContext> {
  let ctx = contexts.get(model);
  if (!ctx) contexts.set(model, (ctx = createContext(model)));
  return ctx;
}

const FOLDS = 5;
const NEGATIVES_PER_DOC = 12;

export interface Example {
  doc: number;
  group: string;
  row: number[];
  /** What the model learns: the right candidate, or for text the closest to it when OCR misread it. */
  label: number;
  /** The candidate is the gold value exactly (what the score counts). */
  exact: number;
  /** Kept for fitting (every right candidate and a sample of the wrong ones); all are scored out of fold. */
  fit: boolean;
  /** Our OCR of the page, not the dataset's transcript: what the engine will see. */
  ocr: boolean;
  /** A generated training invoice, not a real document. */
  synthetic: boolean;
  value: unknown;
}

/** A text candidate this close to the gold value is the right lines misread (see Task.similarity). */
const NEAR = 0.8;

export function examplesFor(task: Task, docs: TrainingDoc[]): Example[] {
  const out: Example[] = [];
  docs.forEach((d, i) => {
    const gold = d.doc.gold.fields[task.field];
    // A gold null says the page prints no such value (generated invoices; devdata leaves a field out
    // when it is not labelled): it is learned where the candidates offer "not printed" (value null).
    const notPrinted = gold === null && task.field in d.doc.gold.fields;
    if (gold === undefined || (gold === null && !notPrinted) || gold === '') return;
    const all = task.candidates(contextOf(d.model), d);
    if (notPrinted && !all.some((c) => c.value === null)) return;
    const candidates = all.map((c) => ({ c, exact: (c.value === null ? notPrinted : !notPrinted && task.matches(c.value, gold)) ? 1 : 0, label: 0 }));
    for (const x of candidates) x.label = x.exact;
    if (task.similarity && !notPrinted && !candidates.some((x) => x.exact)) {
      const sims = candidates.map((x) => task.similarity!(x.c.value, gold));
      const best = Math.max(0, ...sims);
      if (best >= NEAR) candidates.forEach((x, k) => (x.label = sims[k] === best ? 1 : 0));
    }
    // Every right candidate and at most `negatives` wrong ones, picked by a hash of the document and
    // position (reproducible): a long receipt has a hundred amounts, and they would otherwise
    // outweigh the documents with few.
    const wrong = new Set(
      candidates
        .map((x, k) => ({ ...x, k, key: createHash('sha1').update(`${d.doc.id}:${d.reading}:${k}`).digest().readUInt32BE(0) }))
        .filter((x) => x.label === 0 && x.c.value !== null)
        .sort((a, b) => a.key - b.key)
        .slice(0, task.negatives ?? NEGATIVES_PER_DOC)
        .map((x) => x.k),
    );
    candidates.forEach(({ c, label, exact }, k) => {
      out.push({ doc: i, group: d.group, row: toRow(task.features, c.features), label, exact, fit: label === 1 || wrong.has(k) || c.value === null, ocr: d.reading === 'page', synthetic: d.doc.dataset === 'synthetic', value: c.value });
    });
  });
  return out;
}

const sameValue = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a.trim().toLowerCase() === b.trim().toLowerCase() : a === b);

/** Out-of-fold choices by calibrated confidence band: how often each band was right. */
function printBands(picks: { p: number; label: number }[], title = 'out-of-fold calibration'): void {
  const bands = [0.9, 0.7, 0.5, 0.3, 0];
  let upper = 1.0001;
  const parts = bands.map((lo) => {
    const inBand = picks.filter((x) => x.p >= lo && x.p < upper);
    upper = lo;
    return `[${lo.toFixed(1)}+) ${inBand.length ? (inBand.filter((x) => x.label === 1).length / inBand.length).toFixed(2) : '-'} of ${inBand.length}`;
  });
  console.log(`  ${title}: ${parts.join('  ')}`);
}

const fold = (group: string) => createHash('sha1').update(group).digest()[0] % FOLDS;

/**
 * Out-of-fold probabilities (folds by merchant or producer group, never splitting one) and the
 * per-document choice they lead to: how often the best candidate is right, and under which
 * probability returning nothing scores better F1 than returning it.
 */
export function crossValidate(
  task: Task,
  examples: Example[],
  docsWithGold: number,
): { accuracy: number; ocrAccuracy: number; minProbability: number; f1: number; calibration: NonNullable<ScorerFile['calibration']> } {
  const prob = new Array<number>(examples.length).fill(0);
  for (let k = 0; k < FOLDS; k++) {
    const trainIdx = examples.map((e, i) => (e.fit && fold(e.group) !== k ? i : -1)).filter((i) => i >= 0);
    const testIdx = examples.map((e, i) => (fold(e.group) === k ? i : -1)).filter((i) => i >= 0);
    if (!testIdx.length || !trainIdx.some((i) => examples[i].label === 1)) continue;
    const trained = trainScorer(task.name, task.features, trainIdx.map((i) => examples[i].row), trainIdx.map((i) => examples[i].label));
    const p = new CandidateScorer({ ...trained, minProbability: 0 }).probabilities(testIdx.map((i) => examples[i].row));
    testIdx.forEach((i, j) => (prob[i] = p[j]));
  }
  const byDoc = new Map<number, number[]>();
  examples.forEach((e, i) => byDoc.set(e.doc, [...(byDoc.get(e.doc) ?? []), i]));
  const picks = [...byDoc.values()].map((idx) => {
    const best = idx.reduce((a, b) => (prob[b] > prob[a] ? b : a));
    const second = Math.max(0, ...idx.filter((i) => !sameValue(examples[i].value, examples[best].value)).map((i) => prob[i]));
    return { p: prob[best], second, label: examples[best].exact, ocr: examples[best].ocr, synthetic: examples[best].synthetic };
  });
  // The chosen candidate's probability of being right, from its score and its margin over the
  // runner-up, and the threshold under which nothing is returned: fitted on the out-of-fold choices
  // made on our own OCR (what the engine will judge; transcripts are cleaner) when there are enough.
  const ocrPicks = picks.filter((x) => x.ocr);
  const fitOn = ocrPicks.length >= 50 ? ocrPicks : picks;
  // Generated invoices outnumber the real ones and are easier: a calibration fitted on all picks alike
  // learns the generator's confidence (a real due date, right, came back at 0.05). Each real pick
  // counts as many times as it takes for the real picks to weigh as much as the generated ones.
  const realPicks = fitOn.filter((x) => !x.synthetic);
  const synthetic = fitOn.length - realPicks.length;
  const repeat = synthetic && realPicks.length ? Math.max(1, Math.round(synthetic / realPicks.length)) : 1;
  const weighted = fitOn.flatMap((x) => (x.synthetic ? [x] : Array.from({ length: repeat }, () => x)));
  const calibration = trainScorer(`${task.name}-calibration`, CALIBRATION_FEATURES, weighted.map((x) => calibrationRow(x.p, x.second)), weighted.map((x) => x.label));
  if (synthetic && realPicks.length) {
    const unweighted = trainScorer(`${task.name}-calibration`, CALIBRATION_FEATURES, fitOn.map((x) => calibrationRow(x.p, x.second)), fitOn.map((x) => x.label));
    const before = new CandidateScorer({ ...unweighted, minProbability: 0 }).probabilities(realPicks.map((x) => calibrationRow(x.p, x.second)));
    printBands(realPicks.map((x, i) => ({ p: before[i], label: x.label })), `real invoices, out of fold, calibrated on all picks alike (before)`);
  }
  const calibrated = new CandidateScorer({ ...calibration, minProbability: 0 }).probabilities(picks.map((x) => calibrationRow(x.p, x.second)));
  picks.forEach((x, i) => (x.p = calibrated[i]));
  if (synthetic && realPicks.length) {
    printBands(picks.filter((x) => x.ocr && !x.synthetic), `real invoices, out of fold, real picks weighted x${repeat}`);
    printBands(picks.filter((x) => x.ocr && x.synthetic), 'generated invoices, out of fold');
  }
  const withGold = fitOn === ocrPicks ? ocrPicks.length : docsWithGold;
  let best = { f1: -1, minProbability: 0 };
  for (let t = 0; t <= 0.9; t += 0.05) {
    const returned = fitOn.filter((x) => x.p >= t);
    const tp = returned.filter((x) => x.label === 1).length;
    const precision = returned.length ? tp / returned.length : 0;
    const recall = tp / withGold;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    if (f1 > best.f1 + 1e-9) best = { f1, minProbability: Math.round(t * 100) / 100 };
  }
  // With calibrated probabilities the F1-optimal threshold is half the best F1 (Lipton, Elkan and
  // Narayanaswamy 2014): a smoother estimate than the grid's argmax, which a few picks move.
  best.minProbability = Math.round((best.f1 / 2) * 100) / 100;
  printBands(fitOn);
  return {
    accuracy: picks.filter((x) => x.label === 1).length / docsWithGold,
    ocrAccuracy: ocrPicks.filter((x) => x.label === 1).length / Math.max(1, ocrPicks.length),
    calibration,
    ...best,
  };
}

/** Trains one task on documents: its examples, cross-validation, and the weights file to commit. */
export function fitTask(task: Task, docs: TrainingDoc[]): { file: ScorerFile; report: string } {
  return fitExamples(task, examplesFor(task, docs));
}

/**
 * Trains one task on examples already drawn (leave-one-producer-out draws them once and leaves a
 * producer's out). `crossValidate: false` skips the five extra trainings that fit the calibration and
 * the probability under which nothing is returned (it is then 0: the best candidate is always returned).
 */
export function fitExamples(task: Task, examples: Example[], opts: { crossValidate?: boolean } = {}): { file: ScorerFile; report: string } {
  const docsWithGold = new Set(examples.map((e) => e.doc)).size;
  const reachable = new Set(examples.filter((e) => e.exact === 1).map((e) => e.doc)).size;
  const near = new Set(examples.filter((e) => e.label === 1).map((e) => e.doc)).size;
  const cv = opts.crossValidate === false ? null : crossValidate(task, examples, docsWithGold);
  const fitted = examples.filter((e) => e.fit);
  const file: ScorerFile = {
    ...trainScorer(task.name, task.features, fitted.map((e) => e.row), fitted.map((e) => e.label)),
    minProbability: task.alwaysAnswer ? 0 : (cv?.minProbability ?? 0),
    ...(cv ? { calibration: cv.calibration } : {}),
  };
  const report =
    `${task.name.padEnd(20)} readings ${docsWithGold}  candidates ${examples.length}  gold among candidates ${(reachable / docsWithGold).toFixed(3)} (near ${(near / docsWithGold).toFixed(3)})` +
    (cv ? `  out-of-fold: best is right ${cv.accuracy.toFixed(3)} (OCR readings ${cv.ocrAccuracy.toFixed(3)}), F1 ${cv.f1.toFixed(3)} returning at p >= ${cv.minProbability}` : '');
  return { file, report };
}
