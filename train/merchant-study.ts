/**
 * Where the receipt merchant-name scorer goes wrong, by kind of miss, on the train split out of fold
 * (folds by merchant group) and on the validation split (the scorer trained on all of train, as
 * `npm run train` trains it). A diagnostic: it writes nothing the engine reads.
 *   node --import tsx train/merchant-study.ts [--devdata PATH] [--list train] [--k N] [--oof] [--save DIR] [--variants "base;+f1,f2;-f3"]
 * Kinds of miss, judged against the candidate closest to the gold name (normalised edit similarity):
 *   no-candidate  no candidate within similarity 0.8 of the gold name
 *   misread       the chosen rows are the closest candidate's, but OCR misread a letter
 *   rows          the chosen rows overlap the closest candidate's: a row of a wrapped name missing or extra
 *   wrong-row     the chosen rows are other rows
 *   withheld      the right value was chosen but its confidence was under the threshold
 * `--list train` prints every train miss (validation misses are counted, never listed: SPLITS.md).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDevdata } from '../bench/accuracy-splits.js';
import { CachingOcrEngine, OCR_CACHE_DIR } from '../bench/accuracy-ocr-cache.js';
import { normString } from '../src/evaluations/scoring/normalize.js';
import { createContext } from '../src/extraction/extract/context.js';
import type { DocumentModel } from '../src/extraction/model/document.js';
import { SelectingOcrEngine } from '../src/extraction/ocr/engine-selection.js';
import { readDocument } from '../src/extraction/parse/read-document.js';
import { CandidateScorer, toRow, trainScorer } from '../src/extraction/score/linear-scorer.js';
import { EXTRA_MERCHANT_FEATURES, MERCHANT_FEATURES, type MerchantCandidate, merchantCandidates } from '../src/extraction/score/merchant-candidates.js';
import { type Example, examplesFor, fitExamples } from './fit-task.js';
import { loadTrainingDocs, type TrainingDoc } from './training-docs.js';
import type { Task } from './task.js';
import { buildNameLexicon, countNameWords, NAME_MIN_GROUPS, type NameLexicon, nameLexicon, nameWords } from '../src/extraction/score/name-lexicon.js';
import { TASKS } from './tasks.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const devdata = path.resolve(option('--devdata') ?? '../shared/devdata');
// --variants "base;+a,b;-c;+a-c": feature lists to compare, each the committed list with features
// added (+) or dropped (-); every variant is trained and scored on the same candidates.
const committed = TASKS.find((t) => t.name === 'receipt-merchant')!;
const ALL = [...MERCHANT_FEATURES, ...EXTRA_MERCHANT_FEATURES] as string[];
const variants = (option('--variants') ?? 'base').split(';');
function variantFeatures(v: string): string[] {
  const add = [...v.matchAll(/\+([\w,]+)/g)].flatMap((m) => m[1].split(','));
  const drop = new Set([...v.matchAll(/-([\w,]+)/g)].flatMap((m) => m[1].split(',')));
  for (const f of [...add, ...drop]) if (!ALL.includes(f)) throw new Error(`unknown feature ${f}`);
  return [...MERCHANT_FEATURES, ...add].filter((f) => !drop.has(f));
}
// --k: the merchant groups a word's names must span to be a generic name word (default: the committed).
const minGroups = Number(option('--k') ?? NAME_MIN_GROUPS);
let lexicon: NameLexicon = nameLexicon();
const ownWords = (d: TrainingDoc) => new Set(nameWords(String(d.doc.gold.fields.merchant_name ?? '')));
const task: Task = {
  ...committed,
  features: ALL,
  candidates: (ctx, d) => merchantCandidates(ctx, { lexicon, own: d ? ownWords(d) : undefined }),
};
const FOLDS = 5;
const fold = (group: string) => createHash('sha1').update(group).digest()[0] % FOLDS;

function similarity(a: string, b: string): number {
  const x = normString(a);
  const y = normString(b);
  if (!x || !y) return 0;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return 1 - prev[y.length] / Math.max(x.length, y.length);
}

interface Judged {
  /** The value is returned (its confidence reaches the fitted threshold). */
  returned: boolean;
  id: string;
  gold: string;
  chosen: string;
  kind: string;
  closest: string;
}

/** The kind of one document's choice among its candidates. */
function judge(id: string, gold: string, cands: MerchantCandidate[], probs: number[], returned: boolean): Judged {
  if (!cands.length) return { returned: false, id, gold, chosen: '', kind: 'no-candidate', closest: '' };
  const best = probs.reduce((b, p, i) => (p > probs[b] ? i : b), 0);
  const sims = cands.map((c) => similarity(c.value, gold));
  const top = sims.reduce((b, s, i) => (s > sims[b] ? i : b), 0);
  const chosen = cands[best];
  const closest = cands[top];
  let kind: string;
  if (normString(chosen.value) === normString(gold)) kind = returned ? 'right' : 'withheld';
  else if (sims[top] < 0.8) kind = 'no-candidate';
  else {
    const a = new Set(chosen.rows.map((r) => r.index));
    const b = new Set(closest.rows.map((r) => r.index));
    const same = a.size === b.size && [...a].every((i) => b.has(i));
    if (same) kind = 'misread';
    else if ([...a].some((i) => b.has(i))) kind = 'rows';
    else kind = 'wrong-row';
  }
  return { returned, id, gold, chosen: chosen.value, kind, closest: closest.value };
}

function summary(label: string, judged: Judged[]): void {
  const kinds = ['right', 'withheld', 'misread', 'rows', 'wrong-row', 'no-candidate'];
  const n = judged.length;
  const count = (k: string) => judged.filter((j) => j.kind === k).length;
  const tp = count('right');
  const returned = judged.filter((j) => j.returned).length;
  const p = tp / Math.max(1, returned);
  const r = tp / n;
  console.log(`${label.padEnd(34)} n ${n}  ${kinds.map((k) => `${k} ${count(k)}`).join('  ')}  best-is-right ${((tp + count('withheld')) / n).toFixed(3)}  F1 ${((2 * p * r) / Math.max(1e-9, p + r)).toFixed(3)}`);
}

// ---- the candidates: train (our OCR of the page and the transcripts, as npm run train reads them) and validation
const docs = (await loadTrainingDocs(devdata, { types: ['receipt'] })).filter((d) => d.doc.gold.doc_type === 'receipt');
{
  const seen = new Set<string>();
  const names = docs.filter((d) => !seen.has(d.doc.id) && seen.add(d.doc.id)).map((d) => ({ text: String(d.doc.gold.fields.merchant_name ?? ''), group: d.group }));
  lexicon = buildNameLexicon(countNameWords(names), minGroups);
  console.log(`generic name words (${minGroups}+ groups): ${Object.entries(lexicon.words).filter(([, n]) => n >= minGroups).map(([w]) => w).join(' ')}`);
}
const examples: Example[] = examplesFor(task, docs);
const trainCands: { d: TrainingDoc; gold: string; cands: MerchantCandidate[]; from: number }[] = [];
let offset = 0;
docs.forEach((d, i) => {
  const gold = d.doc.gold.fields.merchant_name;
  if (typeof gold !== 'string' || !gold) return;
  const cands = task.candidates(createContext(d.model), d) as MerchantCandidate[];
  if (examples.slice(offset, offset + cands.length).some((e) => e.doc !== i)) throw new Error('examples out of step with candidates');
  if (d.reading === 'page') trainCands.push({ d, gold, cands, from: offset });
  offset += cands.length;
});

const engine = new SelectingOcrEngine({ choice: 'auto', workers: 2 });
const cacheDir = path.resolve('.tmp/train/validation-models', createHash('sha1').update(engine.configKey).digest('hex').slice(0, 8));
mkdirSync(cacheDir, { recursive: true });
const ocr = new CachingOcrEngine(engine, OCR_CACHE_DIR);
const valCands: { id: string; gold: string; cands: MerchantCandidate[] }[] = [];
for (const d of loadDevdata(devdata).filter((x) => x.side === 'validation' && x.gold.doc_type === 'receipt' && x.file)) {
  const cached = path.join(cacheDir, `${d.id}.json`);
  let model: DocumentModel;
  if (existsSync(cached)) model = JSON.parse(readFileSync(cached, 'utf8')) as DocumentModel;
  else {
    model = await readDocument({ bytes: readFileSync(d.file!), mediaType: 'image/jpeg', filename: path.basename(d.file!), ocr: () => ocr });
    // Written aside and renamed: another study running at the same time never reads half a file.
    writeFileSync(`${cached}.${process.pid}`, JSON.stringify(model));
    renameSync(`${cached}.${process.pid}`, cached);
  }
  valCands.push({ id: d.id, gold: String(d.gold.fields.merchant_name ?? ''), cands: merchantCandidates(createContext(model), { lexicon }) });
}
await ocr.close();

// ---- each variant: out of fold on train (folds by merchant group), then trained on all of train and scored on validation
for (const v of variants) {
  const features = variantFeatures(v);
  const cols = features.map((f) => ALL.indexOf(f));
  const vt: Task = { ...task, features };
  const sub = examples.map((e) => ({ ...e, row: cols.map((j) => e.row[j]) }));
  // Kinds of miss out of fold (five more trainings): with --oof or --list.
  const prob = new Array<number>(sub.length).fill(0);
  const oof = args.includes('--oof') || option('--list') === 'train';
  for (let k = 0; k < (oof ? FOLDS : 0); k++) {
    const trainIdx = sub.map((e, i) => (e.fit && fold(e.group) !== k ? i : -1)).filter((i) => i >= 0);
    const testIdx = sub.map((e, i) => (fold(e.group) === k ? i : -1)).filter((i) => i >= 0);
    const trained = trainScorer(vt.name, features, trainIdx.map((i) => sub[i].row), trainIdx.map((i) => sub[i].label));
    const p = new CandidateScorer({ ...trained, minProbability: 0 }).probabilities(testIdx.map((i) => sub[i].row));
    testIdx.forEach((i, j) => (prob[i] = p[j]));
  }
  const trainJudged = trainCands.map((t) => judge(t.d.doc.id, t.gold, t.cands, t.cands.map((_, k) => prob[t.from + k]), true));
  const { file, report } = fitExamples(vt, sub);
  // --save DIR: each variant's weights, as npm run train would write them for that feature list.
  if (option('--save')) {
    mkdirSync(option('--save')!, { recursive: true });
    writeFileSync(path.join(option('--save')!, `${variants.indexOf(v)}.json`), `${JSON.stringify(file)}\n`);
  }
  const scorer = new CandidateScorer(file);
  const valJudged = valCands.map(({ id, gold, cands }) => {
    const probs = scorer.probabilities(cands.map((c) => toRow(features, c.features)));
    const best = probs.reduce((b, p, i) => (p > probs[b] ? i : b), 0);
    const second = Math.max(0, ...probs.filter((_, i) => normString(cands[i].value) !== normString(cands[best]?.value ?? '')));
    const returned = cands.length > 0 && scorer.confidence(probs[best], second) >= scorer.minProbability;
    return judge(id, gold, cands, probs, returned);
  });
  console.log(`\n== variant ${v} (k ${minGroups})\n${report}`);
  if (oof) summary('train, out of fold, OCR readings', trainJudged);
  summary('validation, trained on all of train', valJudged);
  if (option('--list') === 'train') {
    for (const j of trainJudged.filter((x) => x.kind !== 'right')) console.log(`${j.kind.padEnd(12)} ${j.id}  gold ${JSON.stringify(j.gold)}  chosen ${JSON.stringify(j.chosen)}  closest ${JSON.stringify(j.closest)}`);
  }
}
