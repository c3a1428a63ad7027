/**
 * bench:statements — long statements through the engine:
 *   npm run bench:statements [-- --pages 60] [--layouts 0,1,2,6]
 * For each chosen layout of test/fixtures/statement-layouts.ts, a generated text-layer statement of
 * about N pages (28 rows a page, running headers and footers, carried balances where the layout has
 * them) runs through runPipeline, each in its own process so its peak RSS (maxRSS) is its own, beside
 * a one-page statement of the same layout (the process baseline: node, tsx, pdfjs loaded). The process
 * first runs warmUpPipeline, as `npm start` and `npm run worker` do before they report ready, then reads
 * the statement twice: the first figure is a fresh process's first statement, the second one the
 * steady state of a process that has read one (the code compiled by V8's optimizing tiers).
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
  /** The same statement read again by the same process (peak RSS covers both reads). */
  againMs: number;
  againCpuMs: number;
  /** CPU time of this process (main thread and pdfjs's worker): the figure a loaded machine distorts least. */
  cpuMs: number;
  rssMb: number;
  right: number;
  rows: number;
  found: number;
  balanced: boolean;
}

async function child(layout: number, n: number): Promise<Run> {
  const { runPipeline, warmUpPipeline } = await import('../src/extraction/pipeline.js');
  await warmUpPipeline();
  const s = generateStatement(layout, 60, { rows: n * rowsPerPage - 12, rowsPerPage });
  const pdf = textToPdf(s.text, { font: 'Helvetica' });
  const timed = async () => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await runPipeline({ bytes: pdf, mediaType: 'application/pdf', filename: 'long-statement.pdf' });
    const cpu = process.cpuUsage(cpu0);
    return { result, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  const { result: r, ms, cpuMs } = await timed();
  const txs = (r.data.transactions ?? []) as { date: string; amount: number; type: string; balance: number | null }[];
  const right = s.gold.transactions.filter((g, k) => txs[k] && txs[k].date === g.date && txs[k].amount === g.amount && txs[k].type === g.type && txs[k].balance === g.balance).length;
  const balanced = r.data.opening_balance === s.gold.opening_balance && r.data.closing_balance === s.gold.closing_balance && !r.warnings.some((w) => /BALANCE/.test(w.code));
  const again = await timed();
  return { pages: r.pages, ms, againMs: again.ms, againCpuMs: again.cpuMs, cpuMs, rssMb: mb(process.resourceUsage().maxRSS * 1024), right, rows: s.gold.transactions.length, found: txs.length, balanced };
}

if (option('--child') !== undefined) {
  process.stdout.write(`${JSON.stringify(await child(Number(option('--child')), pages))}\n`);
} else {
  const layouts = (option('--layouts') ?? '0,1,2,6').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const run = (layout: number, n: number): Run =>
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', self, '--child', String(layout), '--pages', String(n)], { encoding: 'utf8' }).trim().split('\n').pop() ?? '{}');
  console.log(`bench:statements on ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}: ${pages}-page text PDFs (Helvetica, ${rowsPerPage} rows a page), one process each`);
  const rate = (n: number, ms: number, cpuMs: number) => `${(n / (ms / 1000)).toFixed(1)} pages/s, ${(cpuMs / n).toFixed(1)} CPU-ms/page`;
  for (const layout of layouts) {
    const one = run(layout, 1);
    const long = run(layout, pages);
    console.log(
      `${LAYOUTS[layout].name.padEnd(24)} ${long.pages} pages: first ${(long.ms / 1000).toFixed(2)} s = ${rate(long.pages, long.ms, long.cpuMs)}; again ${(long.againMs / 1000).toFixed(2)} s = ${rate(long.pages, long.againMs, long.againCpuMs)}  ` +
        `peak RSS ${long.rssMb} MB (1 page: ${one.rssMb} MB)  rows right ${long.right}/${long.rows} (found ${long.found})  balances ${long.balanced ? 'reconcile' : 'DO NOT reconcile'}`,
    );
  }
}
