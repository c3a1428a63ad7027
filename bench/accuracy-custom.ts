/**
 * Scores custom fields on devdata's e-invoices, from the page only (embedded XML ignored).
 *   npm run bench:accuracy:custom [-- --devdata PATH] [--schema FILE] [--details]
 *   npm run bench:accuracy:custom -- --synthetic N   (generated invoices, fresh schema: accuracy-custom-synthetic.ts)
 * Runs the pipeline with a custom schema (default: devdata's custom_einvoice_dev.schema.json; also
 * bench/custom-schema-reworded.json, the same concepts under other keys and descriptions, each
 * field naming the gold key it is scored as in `gold_key`), writes predictions under
 * .tmp/accuracy-custom/, and scores them with devdata's score.mjs. Then leave-one-producer-out:
 * the one tuned number, the confidence under which a value is withheld, is fitted on the other
 * producers and applied to the one left out.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runPipeline } from '../src/extraction/pipeline.js';

const args = process.argv.slice(2);
// Generated invoices with a fresh schema instead of devdata (bench/accuracy-custom-synthetic.ts).
if (args.includes('--synthetic')) {
  const { runSyntheticCustomBench } = await import('./accuracy-custom-synthetic.js');
  await runSyntheticCustomBench(args);
  process.exit(0);
}
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const devdata = path.resolve(option('--devdata') ?? '../shared/devdata');
const schemaFile = path.resolve(option('--schema') ?? path.join(devdata, 'custom_einvoice_dev.schema.json'));
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { fields: { key: string; gold_key?: string }[] };
const goldKey = new Map(schema.fields.map((f) => [f.key, f.gold_key ?? f.key]));
const name = path.basename(schemaFile).replace(/\.schema\.json$|\.json$/, '');
const outDir = path.resolve('.tmp/accuracy-custom', name);
const goldDir = path.join(devdata, 'gold', 'custom_einvoices');

/** Producers: the sample package a file comes from (zugferd 2.0, 2.1 and FX renderings of one generator are one). */
function producer(id: string): string {
  const m = /^cx-(ei-fxkit|fx-akretion|fx-mustang|zf-1p0|zf-(?:2p0|2p1|FX))/.exec(id);
  const p = m?.[1] ?? id;
  return /^zf-(?:2p0|2p1|FX)$/.test(p) ? 'zf-2x' : p;
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(path.join(outDir, 'pred'), { recursive: true });
mkdirSync(path.join(outDir, 'gold'), { recursive: true });
// score.mjs reads every dataset folder under --gold: give it this one alone.
cpSync(goldDir, path.join(outDir, 'gold', 'custom_einvoices'), { recursive: true });

interface Cell { doc: string; field: string; confidence: number | null; ok: boolean }
const cells: Cell[] = [];
const golds = new Map<string, Record<string, unknown>>();
const confidences = new Map<string, Record<string, number>>();
const t0 = performance.now();
for (const f of readdirSync(goldDir).sort()) {
  const gold = JSON.parse(readFileSync(path.join(goldDir, f), 'utf8'));
  const id = f.replace(/\.json$/, '');
  golds.set(id, gold.fields);
  const result = await runPipeline({
    bytes: readFileSync(path.join(devdata, gold.source_file)),
    mediaType: 'application/pdf',
    filename: path.basename(gold.source_file),
    customFields: schema,
    useEmbeddedInvoice: false,
  });
  const fields: Record<string, unknown> = {};
  const conf: Record<string, number> = {};
  for (const [key, gk] of goldKey) {
    fields[gk] = result.data[key] ?? null;
    conf[gk] = result.fields[key]?.confidence ?? 0;
  }
  confidences.set(id, conf);
  writeFileSync(path.join(outDir, 'pred', `${id}.json`), JSON.stringify({ doc_type: result.document_type, fields }, null, 1));
}
const ms = performance.now() - t0;

const report = execFileSync('node', [path.join(devdata, 'score.mjs'), '--pred', path.join(outDir, 'pred'), '--gold', path.join(outDir, 'gold'), '--details'], { encoding: 'utf8' });
if (!/docs=[1-9]/.test(report)) throw new Error(`score.mjs scored no documents:\n${report}`);
const perField = report.split('== all datasets, per field')[1]?.split('== misses')[0] ?? '';
if (args.includes('--details')) console.log(report);
else console.log(`== ${name}: per field (score.mjs)${perField}`);

// Per (document, field) outcome from score.mjs's misses: a listed miss with a value is a wrong value.
const misses = new Map<string, unknown>();
for (const m of report.matchAll(/^ {2}(\S+) (\S+): gold=.* pred=(.*)$/gm)) misses.set(`${m[1]} ${m[2]}`, JSON.parse(m[3]));
for (const [doc, fields] of golds) {
  for (const [field, gv] of Object.entries(fields)) {
    if (gv === null || gv === '' || gv === undefined) continue;
    const key = `${doc} ${field}`;
    const predicted = misses.has(key) ? misses.get(key) !== null : true;
    cells.push({ doc, field, confidence: predicted ? (confidences.get(doc)?.[field] ?? 0) : null, ok: !misses.has(key) });
  }
}

function f1(cs: readonly Cell[], threshold: number): { f: number; tp: number; fp: number; fn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of cs) {
    const kept = c.confidence !== null && c.confidence >= threshold;
    if (kept && c.ok) tp++;
    else if (kept) {
      fp++;
      fn++;
    } else fn++;
  }
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { f: p + r ? (2 * p * r) / (p + r) : 0, tp, fp, fn };
}

const producers = [...new Set(cells.map((c) => producer(c.doc)))].sort();
const thresholds = [0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
let tp = 0;
let fp = 0;
let fn = 0;
console.log(`\n== leave-one-producer-out (${name}): threshold fitted on the other producers`);
console.log(`  ${'producer'.padEnd(12)} docs  threshold  F1 (held out)   F1 (no threshold)`);
for (const p of producers) {
  const train = cells.filter((c) => producer(c.doc) !== p);
  const test = cells.filter((c) => producer(c.doc) === p);
  const best = thresholds.reduce((b, t) => (f1(train, t).f > f1(train, b).f ? t : b), 0);
  const held = f1(test, best);
  tp += held.tp;
  fp += held.fp;
  fn += held.fn;
  const docs = new Set(test.map((c) => c.doc)).size;
  console.log(`  ${p.padEnd(12)} ${String(docs).padStart(4)}  ${best.toFixed(2).padStart(9)}  ${held.f.toFixed(3).padStart(13)}   ${f1(test, 0).f.toFixed(3).padStart(17)}`);
}
const pr = tp + fp ? tp / (tp + fp) : 0;
const rc = tp + fn ? tp / (tp + fn) : 0;
const all = f1(cells, 0);
console.log(`overall_field_f1=${all.f.toFixed(3)} (tp ${all.tp} fp ${all.fp} fn ${all.fn}, ${cells.length} gold values, ${golds.size} docs, ${(ms / golds.size).toFixed(0)} ms/doc)`);
console.log(`lopo_field_f1=${(pr + rc ? (2 * pr * rc) / (pr + rc) : 0).toFixed(3)} (tp ${tp} fp ${fp} fn ${fn}; pooled over held-out producers)`);
