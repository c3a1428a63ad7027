/**
 * Trains the extraction engine's candidate scorers on devdata's train split (and, for invoices,
 * generated training invoices: train/synthetic-training-docs.ts) and writes their weights to
 * src/extraction/score/weights/. Reproducible: same data, same seed, same file.
 *   npm run train [-- --devdata PATH] [--only TASK|PREFIX] [--readings page,transcript] [--ocr-engine auto|tesseract|paddle] [--check]
 * --check trains without writing and fails when the committed weights differ from what it trains
 * (beyond the last digits that OCR on another processor moves: train/same-weights.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OcrEngineChoice } from '../src/extraction/ocr/engine-selection.js';
import { weightsPath } from '../src/extraction/score/scorers.js';
import { buildLexicon, LEXICON_NAME } from '../src/extraction/score/word-lexicon.js';
import { buildNameLexicon, countNameWords, NAME_LEXICON, NAME_MIN_GROUPS } from '../src/extraction/score/name-lexicon.js';
import { fitTask } from './fit-task.js';
import { sameWeights } from './same-weights.js';
import { syntheticTrainingDocs } from './synthetic-training-docs.js';
import { loadTrainingDocs, type TrainingDoc } from './training-docs.js';
import { TASKS } from './tasks.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const devdata = path.resolve(option('--devdata') ?? '../shared/devdata');
// --only names a task, or a prefix of task names (--only invoice: every invoice task).
const only = option('--only');
const tasks = TASKS.filter((t) => !only || t.name === only || t.name.startsWith(`${only}-`));

const types = [...new Set(tasks.flatMap((t) => t.docTypes))];
const readings = option('--readings')?.split(',') as TrainingDoc['reading'][] | undefined;
const t0 = performance.now();
const ocrEngine = (option('--ocr-engine') ?? 'auto') as OcrEngineChoice;
const docs = await loadTrainingDocs(devdata, { types, readings, ocrEngine });
if (types.includes('invoice')) docs.push(...(await syntheticTrainingDocs()));
console.log(`${docs.length} readings of train documents loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
let stale = 0;

/** Writes a trained file, or with --check compares it with the committed one. */
function writeOrCheck(target: string, text: string): void {
  if (args.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (!sameWeights(committed, text)) {
      stale++;
      console.log(`  ${path.relative('.', target)} differs from what training produces`);
    }
  } else {
    writeFileSync(target, text);
    console.log(`  wrote ${path.relative('.', target)} (${(text.length / 1024).toFixed(0)} KB)`);
  }
}

// The header words of the train receipts' labels, before the scorers: their candidates are mended with it.
if (types.includes('receipt')) {
  const seen = new Set<string>();
  const receipts = docs.filter((d) => d.doc.gold.doc_type === 'receipt' && !seen.has(d.doc.id) && seen.add(d.doc.id));
  const label = (d: TrainingDoc, f: string) => ({ text: String(d.doc.gold.fields[f] ?? ''), group: d.group });
  const lexicon = buildLexicon(receipts.flatMap((d) => [label(d, 'merchant_name'), label(d, 'merchant_address')]));
  console.log(`${LEXICON_NAME}: ${Object.keys(lexicon.words).length} words from ${seen.size} receipts`);
  writeOrCheck(weightsPath(LEXICON_NAME), `${JSON.stringify(lexicon)}\n`);
  // The generic words of the merchant names, with the number of merchant groups that print each.
  const names = buildNameLexicon(countNameWords(receipts.map((d) => label(d, 'merchant_name'))), NAME_MIN_GROUPS);
  console.log(`${NAME_LEXICON}: ${Object.values(names.words).filter((n) => n >= names.minGroups).length} generic words (${names.minGroups}+ merchant groups)`);
  writeOrCheck(weightsPath(NAME_LEXICON), `${JSON.stringify(names)}\n`);
}

for (const task of tasks) {
  const taskDocs = docs.filter((d) => task.docTypes.includes(d.doc.gold.doc_type));
  const t1 = performance.now();
  const { file, report } = fitTask(task, taskDocs);
  console.log(`${report}  (${((performance.now() - t1) / 1000).toFixed(1)} s)`);
  writeOrCheck(weightsPath(task.name), `${JSON.stringify(file)}\n`);
}
if (stale) process.exitCode = 1;
