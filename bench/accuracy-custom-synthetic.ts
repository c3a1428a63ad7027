/**
 * Custom fields on generated invoices with a fresh schema (bench/custom-schema-synthetic.json):
 *   npm run bench:accuracy:custom -- --synthetic N [--split dev|heldout|both] [--details] [--misses]
 * Generates N development invoices (seeds 1..N) and N held-out ones (seeds HELD_OUT_FROM..),
 * runs each through the pipeline as a text-layer PDF and prints field F1 per split and per field.
 * The held-out seeds also print label wordings the development seeds never do; tune on the
 * development split only.
 */
import { readFileSync } from 'node:fs';
import { runPipeline } from '../src/extraction/pipeline.js';
import { fieldKind, isEmpty, scalarMatch } from '../src/evaluations/scoring/field-kinds.js';
import { textToPdf } from '../test/fixtures/text-pdf.js';
import { type CustomInvoice, generateCustomInvoice, HELD_OUT_FROM } from '../train/synthetic-custom-invoices.js';

interface Outcome { field: string; tp: number; fp: number; fn: number }

export const SYNTHETIC_SCHEMA = new URL('./custom-schema-synthetic.json', import.meta.url);

/** Runs one generated invoice and scores each gold value (a wrong value is a false positive and a miss). */
export async function scoreCustomInvoice(inv: CustomInvoice, schema: { fields: { key: string; gold_key: string }[] }): Promise<{ outcomes: Outcome[]; misses: string[] }> {
  const result = await runPipeline({ bytes: textToPdf(inv.text, { font: inv.font }), mediaType: 'application/pdf', filename: `custom-${inv.seed}.pdf`, customFields: schema });
  const outcomes: Outcome[] = [];
  const misses: string[] = [];
  for (const f of schema.fields) {
    const gold = inv.gold[f.gold_key as keyof CustomInvoice['gold']];
    const pred = result.data[f.key] ?? null;
    if (isEmpty(gold)) {
      outcomes.push({ field: f.gold_key, tp: 0, fp: isEmpty(pred) ? 0 : 1, fn: 0 });
      if (!isEmpty(pred)) misses.push(`  ${inv.seed} ${inv.lang} ${inv.layout} ${f.gold_key}: gold=null pred=${JSON.stringify(pred)}`);
      continue;
    }
    const kind = fieldKind(f.gold_key, gold);
    const ok = !isEmpty(pred) && kind !== 'list' && scalarMatch(kind, gold, pred);
    outcomes.push({ field: f.gold_key, tp: ok ? 1 : 0, fp: !ok && !isEmpty(pred) ? 1 : 0, fn: ok ? 0 : 1 });
    if (!ok) misses.push(`  ${inv.seed} ${inv.lang} ${inv.layout} ${f.gold_key}: gold=${JSON.stringify(gold)} pred=${JSON.stringify(pred)}`);
  }
  return { outcomes, misses };
}

const f1 = (o: { tp: number; fp: number; fn: number }) => (o.tp ? (2 * o.tp) / (2 * o.tp + o.fp + o.fn) : 0);

export async function runSyntheticCustomBench(args: string[]): Promise<void> {
  const n = Number(args[args.indexOf('--synthetic') + 1] ?? 60);
  const split = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'both';
  const schema = JSON.parse(readFileSync(SYNTHETIC_SCHEMA, 'utf8')) as { fields: { key: string; gold_key: string }[] };
  const splits = [...(split !== 'heldout' ? [['development', 1]] : []), ...(split !== 'dev' ? [['held-out', HELD_OUT_FROM]] : [])] as [string, number][];
  for (const [name, from] of splits) {
    const t0 = performance.now();
    const all: Outcome[] = [];
    const misses: string[] = [];
    for (let seed = from; seed < from + n; seed++) {
      const scored = await scoreCustomInvoice(generateCustomInvoice(seed), schema);
      all.push(...scored.outcomes);
      misses.push(...scored.misses);
    }
    const ms = (performance.now() - t0) / n;
    console.log(`== synthetic custom fields, ${name} seeds ${from}..${from + n - 1}: per field`);
    console.log(`  ${'field'.padEnd(18)} gold   tp   fp   fn     F1`);
    for (const f of schema.fields) {
      const o = all.filter((x) => x.field === f.gold_key).reduce((s, x) => ({ tp: s.tp + x.tp, fp: s.fp + x.fp, fn: s.fn + x.fn }), { tp: 0, fp: 0, fn: 0 });
      console.log(`  ${f.gold_key.padEnd(18)} ${String(o.tp + o.fn).padStart(4)} ${String(o.tp).padStart(4)} ${String(o.fp).padStart(4)} ${String(o.fn).padStart(4)}  ${f1(o).toFixed(3)}`);
    }
    const tot = all.reduce((s, x) => ({ tp: s.tp + x.tp, fp: s.fp + x.fp, fn: s.fn + x.fn }), { tp: 0, fp: 0, fn: 0 });
    console.log(`${name === 'development' ? 'dev' : 'heldout'}_field_f1=${f1(tot).toFixed(3)} (tp ${tot.tp} fp ${tot.fp} fn ${tot.fn}, ${n} docs, ${ms.toFixed(0)} ms/doc)`);
    // Misses are printed for the development split only: the held-out split is not read to tune.
    if (args.includes('--misses') && name === 'development') console.log(misses.join('\n'));
  }
}
