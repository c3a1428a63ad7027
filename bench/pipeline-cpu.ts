/**
 * CPU of runPipeline per document on bench:load's documents, in one process (no server, no queue):
 *   node --import tsx bench/pipeline-cpu.ts [--root ../other-checkout] [--passes 7] [--docs 100]
 * The 10 one-page invoices bench/load.ts uploads (makePdf of sampleInvoiceLines(1000..1009)) are built
 * here and run through `--root`'s runPipeline (default: this checkout), so two checkouts can be compared
 * on the same bytes. After 10 documents (module loading, pdfjs's fonts), each pass runs `--docs`
 * documents one after another and takes process.cpuUsage (user + system, all threads) per document.
 * Two figures: the first 200 documents, as a fresh server meets them (bench:load sends 200: V8 is
 * still compiling, and deoptimizing, the extraction code then), and the median of the passes after
 * the first 1,000 (steady state). CPU time moves little with other processes' load, unlike wall
 * time; still run it alone for figures.
 * Add node's `--cpu-prof --cpu-prof-dir=DIR` for a profile (bench/profile-shares.ts reads it).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makePdf, sampleInvoiceLines } from '../test/helpers/make-pdf.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const root = path.resolve(option('--root', '.'));
const passes = Number(option('--passes', '14'));
const perPass = Number(option('--docs', '100'));

type RunPipeline = (input: { bytes: Buffer; mediaType: string; filename: string }) => Promise<{ pages: number }>;
const { runPipeline } = (await import(pathToFileURL(path.join(root, 'src/extraction/pipeline.ts')).href)) as { runPipeline: RunPipeline };
const pdfs = await Promise.all(Array.from({ length: 10 }, (_, i) => makePdf([sampleInvoiceLines(1000 + i)])));
const run = (i: number) => runPipeline({ bytes: pdfs[i % pdfs.length], mediaType: 'application/pdf', filename: `invoice-${i % pdfs.length}.pdf` });

for (let i = 0; i < 10; i++) await run(i);
const figures: number[] = [];
let first200 = 0;
for (let p = 0, done = 0; p < passes; p++) {
  const before = process.cpuUsage();
  for (let i = 0; i < perPass; i++) await run(i);
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000;
  if (done < 200) first200 += ms / 200;
  done += perPass;
  figures.push(ms / perPass);
}
const steady = figures.slice(Math.ceil(1000 / perPass)).sort((a, b) => a - b);
const median = steady.length ? steady[Math.floor(steady.length / 2)].toFixed(2) : '-';
console.log(
  `runPipeline CPU-ms per document, ${path.basename(root)}: first 200 ${first200.toFixed(2)}, after 1,000 (median) ${median}` +
    ` (passes of ${perPass}: ${figures.map((f) => f.toFixed(2)).join(', ')})`,
);
