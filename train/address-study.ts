/**
 * Study of the receipt address scorer on devdata's train split: out-of-fold choices (folds by
 * merchant group, as `npm run train` makes them) against the rule's block (`addressRows`), per
 * reading, and the same with features left out.
 *   node --import tsx train/address-study.ts [--devdata PATH] [--readings page,transcript] [--drop f1,f2] [--only-features f1,f2]
 * Validation documents are never read.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { CandidateScorer, trainScorer } from '../src/extraction/score/linear-scorer.js';
import { examplesFor } from './fit-task.js';
import { loadTrainingDocs, type TrainingDoc } from './training-docs.js';
import { TASKS } from './tasks.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const devdata = path.resolve(option('--devdata') ?? '../shared/devdata');
const readings = (option('--readings') ?? 'page,transcript').split(',') as TrainingDoc['reading'][];
const task = TASKS.find((t) => t.name === 'receipt-address')!;
const docs = await loadTrainingDocs(devdata, { types: ['receipt'], readings });
const examples = examplesFor(task, docs);
const drop = new Set(option('--drop')?.split(',') ?? []);
const keep = option('--only-features')?.split(',');
const cols = task.features.map((f, j) => ({ f, j })).filter(({ f }) => !drop.has(f) && (!keep || keep.includes(f)));
const features = cols.map((c) => c.f);
const rowOf = (r: number[]) => cols.map((c) => r[c.j]);
const ruleCol = task.features.indexOf('rule_same');

const FOLDS = 5;
const fold = (group: string) => createHash('sha1').update(group).digest()[0] % FOLDS;
const prob = new Array<number>(examples.length).fill(0);
for (let k = 0; k < FOLDS; k++) {
  const trainIdx = examples.map((e, i) => (e.fit && fold(e.group) !== k ? i : -1)).filter((i) => i >= 0);
  const testIdx = examples.map((e, i) => (fold(e.group) === k ? i : -1)).filter((i) => i >= 0);
  const trained = trainScorer(task.name, features, trainIdx.map((i) => rowOf(examples[i].row)), trainIdx.map((i) => examples[i].label));
  const p = new CandidateScorer({ ...trained, minProbability: 0 }).probabilities(testIdx.map((i) => rowOf(examples[i].row)));
  testIdx.forEach((i, j) => (prob[i] = p[j]));
}
const byDoc = new Map<number, number[]>();
examples.forEach((e, i) => byDoc.set(e.doc, [...(byDoc.get(e.doc) ?? []), i]));
for (const reading of readings) {
  const t = { docs: 0, scorer: 0, rule: 0, both: 0, reachable: 0, scorerOnly: [] as string[], ruleOnly: [] as string[] };
  for (const [doc, idx] of byDoc) {
    if (docs[doc].reading !== reading) continue;
    t.docs++;
    const best = idx.reduce((a, b) => (prob[b] > prob[a] ? b : a));
    const rule = idx.find((i) => examples[i].row[ruleCol] === 1);
    const s = examples[best].exact === 1;
    const r = rule !== undefined && examples[rule].exact === 1;
    if (idx.some((i) => examples[i].exact === 1)) t.reachable++;
    if (s) t.scorer++;
    if (r) t.rule++;
    if (s && r) t.both++;
    if (s && !r) t.scorerOnly.push(docs[doc].doc.id);
    const exact = idx.find((i) => examples[i].exact === 1);
    if (args.includes('--misses') && !r && exact !== undefined) {
      const at = (i: number, f: string) => examples[i].row[task.features.indexOf(f)];
      console.log(`  rule miss ${docs[doc].doc.id} gold start/end vs rule ${at(exact, 'start_vs_rule')}/${at(exact, 'end_vs_rule')} gap ${at(exact, 'gap')} rows ${at(exact, 'rows')}${s ? ' (scorer right)' : ''}\n    gold: ${String(examples[exact].value)}\n    rule: ${rule === undefined ? '-' : String(examples[rule].value)}`);
    }
    if (r && !s) t.ruleOnly.push(`${docs[doc].doc.id}: ${String(examples[best].value)} | ${String(examples[rule!].value)}`);
  }
  console.log(`${reading}: ${t.docs} readings, reachable ${t.reachable}, rule exact ${t.rule}, scorer (out of fold) exact ${t.scorer}, both ${t.both}`);
  if (args.includes('--list')) {
    console.log(`  scorer only: ${t.scorerOnly.join(' ')}`);
    for (const x of t.ruleOnly) console.log(`  rule only ${x}`);
  }
}
