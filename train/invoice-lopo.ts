/**
 * Leave-one-producer-out figures for the invoice scorers (amounts, dates, vendor and customer name)
 * over devdata's invoices, page only (embedded XML ignored). For each producer the invoice scorers are trained on the generated
 * invoices and the other producers' invoices, then that producer's invoices go through the whole
 * pipeline with those scorers and are scored with devdata's score.mjs: per producer, and pooled.
 * To keep it affordable the held-out scorers skip the cross-validation that fits the committed
 * scorers' "better not found" probability: they always return their best candidate.
 * --only TASK|PREFIX holds out only those tasks' scorers (the others are the committed ones, trained on
 * every producer): that field's held-out figure for a fraction of the time; the pooled figure is then
 * not a held-out one. --producer P holds out that producer only (its invoices alone are read and scored).
 *   npm run train:lopo [-- --devdata PATH] [--synthetic N] [--only TASK] [--producer P] [--out DIR] [--details]
 * Writes predictions to DIR/pred/ (default .tmp/invoice-lopo/pred/).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { overallF1, scoreSide } from '../bench/accuracy-splits.js';
import { runPipeline } from '../src/extraction/pipeline.js';
import { withInvoiceScorers } from '../src/extraction/score/invoice-choice.js';
import { CandidateScorer } from '../src/extraction/score/linear-scorer.js';
import { examplesFor, fitExamples } from './fit-task.js';
import { INVOICE_TASKS } from './invoice-tasks.js';
import { syntheticTrainingDocs } from './synthetic-training-docs.js';
import { loadTrainingDocs } from './training-docs.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const devdata = path.resolve(option('--devdata') ?? '../shared/devdata');
const only = option('--only');
const tasks = INVOICE_TASKS.filter((t) => !only || t.name === only || t.name.startsWith(`${only}-`));
const outDir = path.resolve(option('--out') ?? (only ? `.tmp/invoice-lopo-${only}` : '.tmp/invoice-lopo'));

/** The sample package a file comes from (as bench/accuracy-custom.ts groups them): zugferd 2.0, 2.1 and FX renderings of one generator are one. */
function invoiceProducer(id: string): string {
  const m = /^(ei-fxkit|fx-akretion|fx-mustang|zf-1p0|zf-(?:2p0|2p1|FX)|et)/.exec(id);
  const p = m?.[1] ?? id;
  return /^zf-(?:2p0|2p1|FX)$/.test(p) ? 'zf-2x' : p;
}

const real = (await loadTrainingDocs(devdata, { types: ['invoice'], readings: ['page'] })).map((d) => ({ ...d, group: invoiceProducer(d.doc.id) }));
const onlyProducer = option('--producer');
const synthetic = await syntheticTrainingDocs(option('--synthetic') ? Number(option('--synthetic')) : undefined);
console.log(`${real.length} devdata invoices, ${synthetic.length} generated invoices`);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(path.join(outDir, 'pred'), { recursive: true });

const docs = [...synthetic, ...real];
// Candidates and features once per task; each producer's scorers are trained without its examples.
const examples = new Map(tasks.map((task) => [task.name, examplesFor(task, docs)]));
const producers = [...new Set(real.map((d) => d.group))].sort().filter((p) => !onlyProducer || p === onlyProducer);
for (const producer of producers) {
  const t0 = performance.now();
  const scorers = new Map(
    tasks.map((task) => [task.name, new CandidateScorer(fitExamples(task, (examples.get(task.name) ?? []).filter((e) => e.group !== producer), { crossValidate: false }).file)]),
  );
  const held = real.filter((d) => d.group === producer);
  await withInvoiceScorers(scorers, async () => {
    for (const d of held) {
      const file = d.doc.file as string;
      const result = await runPipeline({ bytes: readFileSync(file), mediaType: 'application/pdf', filename: path.basename(file), useEmbeddedInvoice: false });
      writeFileSync(path.join(outDir, 'pred', `${d.doc.id}.json`), JSON.stringify({ doc_type: result.document_type, fields: result.data }, null, 1));
    }
  });
  const f1 = overallF1(scoreSide({ devdata, predDir: path.join(outDir, 'pred'), docs: held.map((d) => d.doc), workDir: path.join(outDir, `gold-${producer}`) }));
  console.log(`  ${producer.padEnd(12)} ${String(held.length).padStart(2)} invoices  field F1 ${f1.toFixed(3)}  (trained in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
const report = scoreSide({ devdata, predDir: path.join(outDir, 'pred'), docs: real.filter((d) => producers.includes(d.group)).map((d) => d.doc), workDir: path.join(outDir, 'gold-all'), details: args.includes('--details') });
if (only) console.log(`\nonly ${tasks.map((t) => t.name).join(', ')} held out; the other fields are read by the committed scorers`);
console.log(`\n########## leave-one-producer-out, pooled over ${real.filter((d) => producers.includes(d.group)).length} invoices (page only) ##########`);
console.log(report);
