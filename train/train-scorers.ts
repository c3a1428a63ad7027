/**
 * Trains the extraction engine's candidate scorers on devdata's train split and writes their weights
 * to src/extraction/score/weights/. Reproducible: same data, same seed, same file.
 *   npm run train [-- --devdata PATH] [--only TASK] [--readings page,transcript] [--check]
 * --check trains without writing and fails when the committed weights differ from what it trains.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { createContext } from '../src/extraction/extract/context.js';
import { type ScorerFile, toRow, trainScorer } from '../src/extraction/score/linear-scorer.js';
import { CandidateScorer } from '../src/extraction/score/linear-scorer.js';
import { weightsPath } from '../src/extraction/score/scorers.js';
import { loadTrainingDocs, type TrainingDoc } from './training-docs.js';
import { TASKS, type Task } from './tasks.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const devdata = path.resolve(option('--devdata') ?? '../shared/devdata');
const tasks = TASKS.filter((t) => !option('--only') || t.name === option('--only'));
const FOLDS = 5;
const NEGATIVES_PER_DOC = 12;

interface Example {
  doc: number;
  group: string;
  row: number[];
  label: number;
  value: unknown;
}

function examplesFor(task: Task, docs: TrainingDoc[]): Example[] {
  const out: Example[] = [];
  docs.forEach((d, i) => {
    const gold = d.doc.gold.fields[task.field];
    if (gold === undefined || gold === null || gold === '') return;
    const candidates = task.candidates(createContext(d.model)).map((c) => ({ c, label: task.matches(c.value, gold) ? 1 : 0 }));
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
function crossValidate(task: Task, examples: Example[], docsWithGold: number): { accuracy: number; minProbability: number; f1: number } {
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

const types = [...new Set(tasks.flatMap((t) => t.docTypes))];
const readings = option('--readings')?.split(',') as TrainingDoc['reading'][] | undefined;
const t0 = performance.now();
const docs = await loadTrainingDocs(devdata, { types, readings });
console.log(`${docs.length} readings of train documents loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
let stale = 0;
for (const task of tasks) {
  const taskDocs = docs.filter((d) => task.docTypes.includes(d.doc.gold.doc_type));
  const t1 = performance.now();
  const examples = examplesFor(task, taskDocs);
  console.log(`${task.name}: ${examples.length} examples in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  const docsWithGold = new Set(examples.map((e) => e.doc)).size;
  const reachable = new Set(examples.filter((e) => e.label === 1).map((e) => e.doc)).size;
  const cv = crossValidate(task, examples, docsWithGold);
  const file: ScorerFile = { ...trainScorer(task.name, task.features, examples.map((e) => e.row), examples.map((e) => e.label)), minProbability: cv.minProbability };
  const text = `${JSON.stringify(file)}\n`;
  console.log(
    `${task.name.padEnd(20)} docs ${docsWithGold}  candidates ${examples.length}  gold among candidates ${(reachable / docsWithGold).toFixed(3)}  ` +
      `out-of-fold: best is right ${cv.accuracy.toFixed(3)}, F1 ${cv.f1.toFixed(3)} returning at p >= ${cv.minProbability}`,
  );
  const target = weightsPath(task.name);
  if (args.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (committed !== text) {
      stale++;
      console.log(`  ${path.relative('.', target)} differs from what training produces`);
    }
  } else {
    writeFileSync(target, text);
    console.log(`  wrote ${path.relative('.', target)} (${(text.length / 1024).toFixed(0)} KB)`);
  }
}
if (stale) process.exitCode = 1;
