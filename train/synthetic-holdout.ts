/**
 * Scores the engine on generated invoices it was not trained on (seeds after the training range),
 * field by field, exact match: a check that the invoice scorers learned layouts rather than
 * documents. Real documents stay the measure (npm run train:lopo); this is a sanity figure.
 *   node --import tsx train/synthetic-holdout.ts [--count N] [--engine PATH_TO/src/extraction/pipeline.ts]
 * --engine runs another checkout's pipeline on the same invoices (e.g. the rules before the scorers).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { textToPdf } from '../test/fixtures/text-pdf.js';
import { generateTrainingInvoice } from './synthetic-invoice-layouts.js';
import { SYNTHETIC_INVOICES } from './synthetic-training-docs.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const count = Number(option('--count') ?? 200);
const engine = option('--engine') ? pathToFileURL(path.resolve(option('--engine') as string)).href : '../src/extraction/pipeline.js';
const { runPipeline } = (await import(engine)) as typeof import('../src/extraction/pipeline.js');
const FIELDS = ['total_amount', 'subtotal', 'tax_amount', 'invoice_date', 'due_date', 'vendor_name', 'customer_name', 'currency'] as const;
const right = Object.fromEntries(FIELDS.map((f) => [f, 0]));
const present = Object.fromEntries(FIELDS.map((f) => [f, 0]));
const first = SYNTHETIC_INVOICES * 10 + 1;
for (let seed = first; seed < first + count; seed++) {
  const inv = generateTrainingInvoice(seed);
  const r = await runPipeline({ bytes: textToPdf(inv.text, { font: inv.font }), mediaType: 'application/pdf', filename: `holdout-${seed}.pdf` });
  for (const f of FIELDS) {
    const gold = inv.gold[f];
    if (gold === null) continue;
    present[f]++;
    const got = r.data[f];
    if (typeof gold === 'number' ? typeof got === 'number' && Math.abs(got - gold) < 0.005 : got === gold) right[f]++;
  }
}
console.log(`generated invoices, seeds ${first}-${first + count - 1} (not trained on): right / present`);
for (const f of FIELDS) console.log(`  ${f.padEnd(14)} ${String(right[f]).padStart(4)} / ${present[f]}  ${(right[f] / present[f]).toFixed(3)}`);
