/**
 * Scores the engine on invoices of the second generator (train/rendered-invoices.ts): HTML templates
 * after accounting software and word processors, printed to PDF by chromium, senders and wordings the
 * training generator never prints. Per field (exact match; names as devdata's score.mjs folds them)
 * and by template. A proxy for real invoices from unseen senders, never a replacement for them.
 *   node --import tsx train/rendered-holdout.ts [--count N] [--first SEED] [--templates a,b] [--misses FIELD] [--engine PATH/pipeline.ts] [--scan [DPI]] [--scan-pdf]
 * --misses prints gold and read value of every miss of one field (or "all"). PDFs are cached under .tmp/rendered-invoices.
 * --scan reads each PDF as an office scan instead (train/rendered-invoice-scan.ts, default 200 dpi) through the default
 * OCR, as a JPEG, or with --scan-pdf as an image-only PDF; scans and OCR readings are cached under .tmp/rendered-scans.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { normString } from '../src/evaluations/scoring/normalize.js';
import { InvoicePrinter, renderedInvoice } from './rendered-invoice-pdf.js';
import { cachedDefaultOcr, officeScan, scanRendered } from './rendered-invoice-scan.js';
import type { RenderedGold } from './rendered-invoices.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const count = Number(option('--count') ?? 200);
/** Seeds far from the low ones a future training run would read. */
const first = Number(option('--first') ?? 100001);
const templates = option('--templates')?.split(',');
const misses = option('--misses');
const engine = option('--engine') ? pathToFileURL(path.resolve(option('--engine') as string)).href : '../src/extraction/pipeline.js';
const { runPipeline } = (await import(engine)) as typeof import('../src/extraction/pipeline.js');
const scanAt = args.includes('--scan') || args.includes('--scan-pdf') ? Number(/^\d+$/.test(option('--scan') ?? '') ? option('--scan') : 200) : null;
const ocr = scanAt ? cachedDefaultOcr() : undefined;

const FIELDS = ['total_amount', 'subtotal', 'tax_amount', 'invoice_date', 'due_date', 'vendor_name', 'customer_name', 'currency', 'vendor_address', 'customer_address'] as const satisfies readonly (keyof RenderedGold)[];
/** Fields the overall F1 leaves out, so that it stays comparable with the figures taken before they were read. */
const APART = new Set<string>(['vendor_address', 'customer_address']);
type Tally = { right: number; present: number; predicted: number };
const tally = () => Object.fromEntries(FIELDS.map((f) => [f, { right: 0, present: 0, predicted: 0 }])) as Record<(typeof FIELDS)[number], Tally>;

export function sameValue(gold: unknown, got: unknown): boolean {
  if (typeof gold === 'number') return typeof got === 'number' && Math.abs(got - gold) < 0.005;
  if (typeof gold === 'string' && typeof got === 'string') return normString(gold) === normString(got) && normString(gold) !== '';
  return false;
}

const byTemplate = new Map<string, Record<string, Tally>>();
const all = tally();
const printer = new InvoicePrinter();
let notInvoice = 0;
let n = 0;
for (let seed = first; n < count; seed++) {
  const inv = renderedInvoice(seed);
  if (templates && !templates.includes(inv.template)) continue;
  n++;
  const pdf = await printer.pdf(inv);
  const input = scanAt ? await scanRendered(pdf, officeScan(seed, scanAt), args.includes('--scan-pdf') ? 'pdf' : 'jpeg') : { bytes: pdf, mediaType: 'application/pdf' };
  const r = await runPipeline({ ...input, filename: `rendered-${seed}.${input.mediaType === 'image/jpeg' ? 'jpg' : 'pdf'}`, useEmbeddedInvoice: false, ocr });
  if (r.document_type !== 'invoice') notInvoice++;
  const t = byTemplate.get(inv.template) ?? tally();
  byTemplate.set(inv.template, t);
  for (const f of FIELDS) {
    const gold = inv.gold[f];
    const got = r.data[f] ?? null;
    const ok = gold !== null && sameValue(gold, got);
    for (const x of [t[f], all[f]]) {
      if (gold !== null) x.present++;
      if (got !== null && got !== '') x.predicted++;
      if (ok) x.right++;
    }
    if (!ok && (misses === f || misses === 'all') && !(gold === null && got === null)) {
      console.log(`miss ${f.padEnd(13)} seed ${seed} ${inv.template}/${inv.lang}: gold ${JSON.stringify(gold)} read ${JSON.stringify(got)}`);
    }
  }
}
await printer.close();
await ocr?.close();

const f1 = (x: Tally) => (x.right === 0 ? 0 : (2 * x.right) / (x.present + x.predicted));
const sum = (t: Record<string, Tally>) => Object.entries(t).filter(([f]) => !APART.has(f)).map(([, x]) => x).reduce((a, x) => ({ right: a.right + x.right, present: a.present + x.present, predicted: a.predicted + x.predicted }), { right: 0, present: 0, predicted: 0 });
console.log(`\nrendered invoices${scanAt ? ` scanned at ${scanAt} dpi${args.includes('--scan-pdf') ? ' (image-only PDF)' : ''}` : ''}, seeds from ${first}: ${n} invoices (${notInvoice} not classified as invoices)`);
if (ocr) console.log(`OCR: ${ocr.hits} cached, ${ocr.misses} read (${(ocr.ocrMs / 1000).toFixed(0)} s)`);
console.log('field accuracy = right / printed; overall = field F1 (right, printed, predicted pooled over fields)');
const names = [...byTemplate.keys()].sort();
console.log(`${'field'.padEnd(14)} ${'all'.padStart(13)}  ${names.map((t) => t.padStart(7)).join(' ')}`);
for (const f of FIELDS) {
  const cell = (x: Tally) => (x.present ? (x.right / x.present).toFixed(2) : '-');
  console.log(`${f.padEnd(14)} ${`${all[f].right}/${all[f].present}`.padStart(8)} ${cell(all[f]).padStart(4)}  ${names.map((t) => cell((byTemplate.get(t) as Record<string, Tally>)[f]).padStart(7)).join(' ')}`);
}
console.log(`${'overall F1'.padEnd(14)} ${f1(sum(all)).toFixed(3).padStart(13)}  ${names.map((t) => f1(sum(byTemplate.get(t) as Record<string, Tally>)).toFixed(3).padStart(7)).join(' ')}`);
for (const f of APART) {
  const x = all[f as (typeof FIELDS)[number]];
  console.log(`${f} (not in overall): F1 ${f1(x).toFixed(3)} (right ${x.right}, printed ${x.present}, returned ${x.predicted})`);
}
