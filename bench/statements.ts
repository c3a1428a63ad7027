/**
 * bench:statements — long statements through the engine:
 *   npm run bench:statements [-- --pages 60] [--layouts 0,1,2,6]
 * For each chosen layout of test/fixtures/statement-layouts.ts, a generated text-layer statement of
 * about N pages (28 rows a page, running headers and footers, carried balances where the layout has
 * them) runs through runPipeline, each in its own process so its peak RSS (maxRSS) is its own, beside
 * a one-page statement of the same layout (the process baseline: node, tsx, pdfjs, sharp loaded).
 * Prints pages/s, peak RSS, how many rows came back right (date, amount, sign, balance) and whether
 * the balances reconcile. Targets (issue 15): ≥ 20 pages/s, < 400 MB peak RSS, every row right.
 * Not a test: the figures depend on the machine and its load (printed).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { generateStatement, LAYOUTS } from '../test/fixtures/synthetic-statements.js';
import { textToPdf } from '../test/fixtures/text-pdf.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const pages = Number(option('--pages') ?? 60);
const rowsPerPage = 28;
const mb = (b: number) => Math.round(b / 1024 / 1024);

interface Run {
  pages: number;
  ms: number;
  /** CPU time of this process (main thread and pdfjs's worker): the figure a loaded machine distorts least. */
  cpuMs: number;
  rssMb: number;
  right: number;
  rows: number;
  found: number;
  balanced: boolean;
}

async function child(layout: number, n: number): Promise<Run> {
  const { runPipeline } = await import('../src/extraction/pipeline.js');
  const s = generateStatement(layout, 60, { rows: n * rowsPerPage - 12, rowsPerPage });
  const pdf = textToPdf(s.text, { font: 'Helvetica' });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await runPipeline({ bytes: pdf, mediaType: 'application/pdf', filename: 'long-statement.pdf' });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const txs = (r.data.transactions ?? []) as { date: string; amount: number; type: string; balance: number | null }[];
  const right = s.gold.transactions.filter((g, k) => txs[k] && txs[k].date === g.date && txs[k].amount === g.amount && txs[k].type === g.type && txs[k].balance === g.balance).length;
  const balanced = r.data.opening_balance === s.gold.opening_balance && r.data.closing_balance === s.gold.closing_balance && !r.warnings.some((w) => /BALANCE/.test(w.code));
  return { pages: r.pages, ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: mb(process.resourceUsage().maxRSS * 1024), right, rows: s.gold.transactions.length, found: txs.length, balanced };
}

if (option('--child') !== undefined) {
  process.stdout.write(`${JSON.stringify(await child(Number(option('--child')), pages))}\n`);
} else {
  const layouts = (option('--layouts') ?? '0,1,2,6').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const run = (layout: number, n: number): Run =>
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', self, '--child', String(layout), '--pages', String(n)], { encoding: 'utf8' }).trim().split('\n').pop() ?? '{}');
  console.log(`bench:statements on ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}: ${pages}-page text PDFs (Helvetica, ${rowsPerPage} rows a page), one process each`);
  for (const layout of layouts) {
    const one = run(layout, 1);
    const long = run(layout, pages);
    console.log(
      `${LAYOUTS[layout].name.padEnd(30)} ${String(long.pages).padStart(3)} pages ${(long.ms / 1000).toFixed(2)} s = ${(long.pages / (long.ms / 1000)).toFixed(1)} pages/s (${(long.pages / (long.cpuMs / 1000)).toFixed(1)} per CPU-second)  ` +
        `peak RSS ${long.rssMb} MB (1 page: ${one.rssMb} MB)  rows right ${long.right}/${long.rows} (found ${long.found})  balances ${long.balanced ? 'reconcile' : 'DO NOT reconcile'}`,
    );
  }
}
