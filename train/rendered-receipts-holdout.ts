/**
 * Scores the receipt readers on receipts from other countries (train/rendered-receipts.ts): till
 * layouts of the US, UK, Germany, France, Spain, Italy, the Netherlands, Australia, Canada, Singapore
 * and Japan (in English), photographed by chromium and read by the default OCR through runPipeline,
 * as a user's photo would be. Per field (devdata's score.mjs comparisons) and by country. A proxy
 * for real foreign receipts, never a replacement for them.
 *   node --import tsx train/rendered-receipts-holdout.ts [--count N] [--first SEED] [--misses FIELD|all] [--engine PATH/pipeline.ts]
 * Images are cached under .tmp/rendered-receipts, their OCR under .tmp/rendered-receipts/ocr-cache.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { amountsEqual, normString, parseAmount, parseDate } from '../src/evaluations/scoring/normalize.js';
import { SelectingOcrEngine } from '../src/extraction/ocr/engine-selection.js';
import { CachingOcrEngine } from '../bench/accuracy-ocr-cache.js';
import { RECEIPT_CACHE, ReceiptPhotographer } from './rendered-receipt-image.js';
import { type ReceiptGold, renderedReceipt } from './rendered-receipts.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const count = Number(option('--count') ?? 110);
/** Seeds far from the low ones a training run would read. */
const first = Number(option('--first') ?? 100001);
const misses = option('--misses');
const engine = option('--engine') ? pathToFileURL(path.resolve(option('--engine') as string)).href : '../src/extraction/pipeline.js';
const { runPipeline } = (await import(engine)) as typeof import('../src/extraction/pipeline.js');

const FIELDS = ['merchant_name', 'merchant_address', 'date', 'total_amount'] as const satisfies readonly (keyof ReceiptGold)[];
type Tally = { right: number; present: number; predicted: number };
const tally = () => Object.fromEntries(FIELDS.map((f) => [f, { right: 0, present: 0, predicted: 0 }])) as Record<(typeof FIELDS)[number], Tally>;

/** The engine returns ISO dates and numbers; gold is in the same forms (score.mjs's comparisons). */
function sameValue(field: string, gold: string | number, got: unknown): boolean {
  if (typeof gold === 'number') return amountsEqual(gold, parseAmount(got));
  if (field === 'date') return parseDate(gold) !== null && parseDate(gold) === parseDate(got);
  return typeof got === 'string' && normString(gold) !== '' && normString(gold) === normString(got);
}

const ocr = new CachingOcrEngine(new SelectingOcrEngine({ choice: 'auto', workers: 1 }), path.join(RECEIPT_CACHE, 'ocr-cache'));
const camera = new ReceiptPhotographer();
const byCountry = new Map<string, Record<string, Tally>>();
const all = tally();
let notReceipt = 0;
const cpu0 = process.cpuUsage();
for (let seed = first; seed < first + count; seed++) {
  const rec = renderedReceipt(seed);
  const { bytes, mediaType } = await camera.image(rec);
  const r = await runPipeline({ bytes, mediaType, filename: `receipt-${seed}.${mediaType === 'image/png' ? 'png' : 'jpg'}`, ocr });
  if (r.document_type !== 'receipt') notReceipt++;
  const t = byCountry.get(rec.country) ?? tally();
  byCountry.set(rec.country, t);
  for (const f of FIELDS) {
    const gold = rec.gold[f];
    const got = (r.data as Record<string, unknown>)[f] ?? null;
    const ok = sameValue(f, gold, got);
    for (const x of [t[f], all[f]]) {
      x.present++;
      if (got !== null && got !== '') x.predicted++;
      if (ok) x.right++;
    }
    if (!ok && (misses === f || misses === 'all')) console.log(`miss ${f.padEnd(16)} ${seed} ${rec.country} ${r.document_type}: gold ${JSON.stringify(gold)} read ${JSON.stringify(got)}`);
  }
}
await camera.close();
await ocr.close();

const f1 = (x: Tally) => (x.right === 0 ? 0 : (2 * x.right) / (x.present + x.predicted));
const sum = (t: Record<string, Tally>) => Object.values(t).reduce((a, x) => ({ right: a.right + x.right, present: a.present + x.present, predicted: a.predicted + x.predicted }), { right: 0, present: 0, predicted: 0 });
const cpu = process.cpuUsage(cpu0);
console.log(`\nrendered receipts, seeds ${first}–${first + count - 1}: ${count} receipts (${notReceipt} not classified as receipts); OCR ${ocr.misses} read, ${ocr.hits} cached; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s`);
console.log('field accuracy = right / printed; overall = field F1 (right, printed, predicted pooled over fields)');
const names = [...byCountry.keys()].sort();
console.log(`${'field'.padEnd(17)} ${'all'.padStart(12)}  ${names.map((t) => t.padStart(5)).join(' ')}`);
for (const f of FIELDS) {
  const cell = (x: Tally) => (x.present ? (x.right / x.present).toFixed(2) : '-');
  console.log(`${f.padEnd(17)} ${`${all[f].right}/${all[f].present}`.padStart(7)} ${cell(all[f]).padStart(4)}  ${names.map((t) => cell((byCountry.get(t) as Record<string, Tally>)[f]).padStart(5)).join(' ')}`);
}
console.log(`${'overall F1'.padEnd(17)} ${f1(sum(all)).toFixed(3).padStart(12)}  ${names.map((t) => f1(sum(byCountry.get(t) as Record<string, Tally>)).toFixed(3).padStart(5)).join(' ')}`);
