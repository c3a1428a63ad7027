/**
 * Engine speed beside native references measured in the same run:
 *   npm run bench:engine [-- --receipts 8] [--devdata ../shared/devdata] [--ocr-engine auto|tesseract|paddle] [--ocr-only]
 * - text PDFs end to end (runPipeline: pdfjs text layer → layout → classify → extract), pages/s on one
 *   core, beside poppler's `pdftotext -layout` on the same files;
 * - scanned pages end to end (JPEG receipts, and the same receipts as image-only PDFs), ms/page with one
 *   OCR worker, beside the `tesseract` CLI (OMP_THREAD_LIMIT=1 --psm 6; for the PDFs after `pdftoppm -r 300`);
 *   the JPEG receipts one at a time on two OCR workers (the default pool on 2 cores: PP-OCRv4 shares a
 *   lone page among them); and two at a time on two OCR workers (the speed-up over one).
 * Each of our figures runs in its own process (bench/engine-run.ts) so its peak RSS is its own; the native
 * tools' peak RSS comes from GNU time. A reference whose tool is absent is skipped with a message.
 * Not a test: figures depend on the machine and its load (printed).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { generateInvoice } from '../test/fixtures/synthetic-invoices.js';
import { textToPdf } from '../test/fixtures/text-pdf.js';
import { jpegToPdf } from '../test/fixtures/image-pdf.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const devdata = path.resolve(option('--devdata') ?? '../shared/devdata');
const receiptCount = Number(option('--receipts') ?? 8);
const minMs = 3000;
const work = path.resolve('.tmp/bench-engine');
mkdirSync(work, { recursive: true });

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;

// ---------------------------------------------------------------- inputs
const pdfsIn = (dataset: string) =>
  existsSync(path.join(devdata, 'data', dataset)) ? readdirSync(path.join(devdata, 'data', dataset)).filter((f) => f.endsWith('.pdf')).map((f) => path.join(devdata, 'data', dataset, f)) : [];
const smallPdfs = ['zugferd_corpus', 'facturx_fixtures', 'extractthinker', 'transtractor'].flatMap(pdfsIn);
// A long text PDF (~100 pages): synthetic invoices one after another (the generator the tests use).
const longPdf = path.join(work, 'long-synthetic.pdf');
writeFileSync(longPdf, textToPdf(Array.from({ length: 280 }, (_, i) => generateInvoice(i + 1).text).join('\n\n')));
if (smallPdfs.length === 0) smallPdfs.push(longPdf);

const sroieDir = path.join(devdata, 'data', 'sroie');
const receipts = existsSync(sroieDir) ? readdirSync(sroieDir).filter((f) => f.endsWith('.jpg')).sort().slice(0, receiptCount).map((f) => path.join(sroieDir, f)) : [];
const scannedPdfs: string[] = [];
for (const r of receipts) {
  const meta = await sharp(r).metadata();
  const out = path.join(work, `${path.basename(r, '.jpg')}.pdf`);
  writeFileSync(out, jpegToPdf(readFileSync(r), meta.width ?? 0, meta.height ?? 0, meta.density ?? 150));
  scannedPdfs.push(out);
}

// ---------------------------------------------------------------- runners
interface Figure {
  pages: number;
  ms: number;
  rssKb: number | null;
  /** User + system CPU time (all threads; for native tools from GNU time), when known. */
  cpuMs?: number | null;
}

const ocrEngine = option('--ocr-engine') ?? 'auto';
function ours(mode: 'text' | 'ocr' | 'ocr2', files: string[], workers?: number): Figure & { warmupMs: number; perDocMs: number[] } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.resolve('bench/engine-run.ts'), mode, ...files], {
    encoding: 'utf8',
    // The engine runs as `npm start`, the Dockerfile and the systemd unit run the server: with glibc's
    // malloc arenas capped at 2 unless the caller sets MALLOC_ARENA_MAX.
    env: { MALLOC_ARENA_MAX: '2', ...process.env, BENCH_MIN_MS: String(minMs), BENCH_OCR_ENGINE: ocrEngine, ...(workers ? { BENCH_OCR_WORKERS: String(workers) } : {}) },
    maxBuffer: 16 * 1024 * 1024,
  });
  const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
  return { pages: r.pages, ms: r.ms, rssKb: r.maxRssKb, cpuMs: r.cpuMs, warmupMs: r.warmupMs, perDocMs: r.perDocMs };
}

/** Runs a native command; returns its wall time (spawn included), peak RSS and CPU time (GNU time). */
function native(cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; rssKb: number | null; cpuMs: number | null } {
  const t0 = performance.now();
  const r = gnuTime ? spawnSync('/usr/bin/time', ['-f', '%M %U %S', cmd, ...cmdArgs], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }) : spawnSync(cmd, cmdArgs, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  if (!gnuTime) return { ms, rssKb: null, cpuMs: null };
  const [rss, user, sys] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { ms, rssKb: rss, cpuMs: (user + sys) * 1000 };
}

const addCpu = (total: number | null | undefined, r: { cpuMs: number | null }) => (total === null || r.cpuMs === null ? null : (total ?? 0) + r.cpuMs);

function pageCount(pdf: string): number {
  if (!has('pdfinfo')) return 0;
  const m = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }));
  return m ? Number(m[1]) : 0;
}

function pdftotextRef(files: string[]): Figure | string {
  if (!has('pdftotext')) return 'skipped: pdftotext not installed (apt-get install poppler-utils)';
  const pages = files.reduce((n, f) => n + pageCount(f), 0);
  let ms = 0;
  let rounds = 0;
  let rssKb: number | null = null;
  do {
    for (const f of files) {
      const r = native('pdftotext', ['-layout', f, '-']);
      ms += r.ms;
      if (r.rssKb !== null) rssKb = Math.max(rssKb ?? 0, r.rssKb);
    }
    rounds++;
  } while (ms < minMs);
  return { pages: pages * rounds, ms, rssKb };
}

const tessEnv = { ...process.env, OMP_THREAD_LIMIT: '1' };
function tesseractRef(images: string[]): Figure | string {
  if (!has('tesseract')) return 'skipped: tesseract not installed (apt-get install tesseract-ocr)';
  native('tesseract', [images[0], 'stdout', '--psm', '6'], tessEnv); // warm the file cache, like our warm-up
  let ms = 0;
  let rssKb: number | null = null;
  let cpuMs: number | null | undefined;
  for (const img of images) {
    const r = native('tesseract', [img, 'stdout', '--psm', '6'], tessEnv);
    ms += r.ms;
    cpuMs = addCpu(cpuMs, r);
    if (r.rssKb !== null) rssKb = Math.max(rssKb ?? 0, r.rssKb);
  }
  return { pages: images.length, ms, rssKb, cpuMs };
}

function scannedPdfRef(pdfs: string[]): Figure | string {
  if (!has('pdftoppm') || !has('tesseract')) return 'skipped: needs pdftoppm and tesseract (poppler-utils, tesseract-ocr)';
  let ms = 0;
  let rssKb: number | null = null;
  let cpuMs: number | null | undefined;
  for (const pdf of pdfs) {
    const base = path.join(work, `${path.basename(pdf, '.pdf')}-ref`);
    const a = native('pdftoppm', ['-r', '300', '-gray', '-singlefile', pdf, base]);
    const b = native('tesseract', [`${base}.pgm`, 'stdout', '--psm', '6'], tessEnv);
    ms += a.ms + b.ms;
    cpuMs = addCpu(addCpu(cpuMs, a), b);
    for (const r of [a, b]) if (r.rssKb !== null) rssKb = Math.max(rssKb ?? 0, r.rssKb);
  }
  return { pages: pdfs.length, ms, rssKb, cpuMs };
}

// ---------------------------------------------------------------- report
const mb = (kb: number | null) => (kb === null ? 'n/a' : `${Math.round(kb / 1024)} MB`);
const rows: string[][] = [];
function row(label: string, unit: 'pages/s' | 'ms/page', a: Figure, ref: Figure | string, refName: string): void {
  const val = (f: Figure) => (unit === 'pages/s' ? f.pages / (f.ms / 1000) : f.ms / f.pages);
  const fmt = (v: number) => (unit === 'pages/s' ? v.toFixed(1) : v.toFixed(0));
  // CPU time per page (all threads): the figure that holds on a shared, loaded machine.
  const cpu = (f: Figure) => (unit === 'ms/page' && f.cpuMs != null ? f.cpuMs / f.pages : null);
  const cpuCell = (f: Figure) => (cpu(f) === null ? '' : `${(cpu(f) as number).toFixed(0)} ms`);
  if (typeof ref === 'string') {
    rows.push([label, `${fmt(val(a))} ${unit}`, cpuCell(a), mb(a.rssKb), refName, ref, '', '', '', '']);
    return;
  }
  // ratio > 1 means we are slower than the native tool.
  const ratio = unit === 'pages/s' ? val(ref) / val(a) : val(a) / val(ref);
  const cpuRatio = cpu(a) !== null && cpu(ref) ? `${((cpu(a) as number) / (cpu(ref) as number)).toFixed(2)}×` : '';
  rows.push([label, `${fmt(val(a))} ${unit}`, cpuCell(a), mb(a.rssKb), refName, `${fmt(val(ref))} ${unit}`, cpuCell(ref), mb(ref.rssKb), `${ratio.toFixed(2)}× slower`, cpuRatio]);
}

const load0 = os.loadavg()[0];
console.log(`bench:engine on ${os.cpus().length} cores, load average at start ${load0.toFixed(2)}`);
console.log(`OCR engine: ${ocrEngine} (as DOCSIFT_OCR_ENGINE)`);
console.log(`inputs: ${smallPdfs.length} devdata text PDFs, a ${pageCount(longPdf) || '?'}-page synthetic text PDF, ${receipts.length} SROIE receipts (JPEG and as image-only PDFs)`);

// `--ocr-only`: the scanned figures alone (the text-PDF rounds take a minute on a loaded machine).
if (!args.includes('--ocr-only')) {
  const small = ours('text', smallPdfs);
  row(`text PDFs, ${smallPdfs.length} devdata files`, 'pages/s', small, pdftotextRef(smallPdfs), 'pdftotext -layout');
  const slowest = smallPdfs.map((f, i) => ({ f: path.basename(f), ms: small.perDocMs[i] })).sort((a, b) => b.ms - a.ms).slice(0, 3);
  console.log(`slowest text PDFs (first round): ${slowest.map((s) => `${s.f} ${s.ms.toFixed(0)} ms`).join(', ')}`);
  const long = ours('text', [longPdf]);
  row('text PDF, long synthetic', 'pages/s', long, pdftotextRef([longPdf]), 'pdftotext -layout');
}
if (receipts.length) {
  const jpg = ours('ocr', receipts);
  const cli = tesseractRef(receipts);
  row(`scanned receipts (JPEG), ${receipts.length}`, 'ms/page', jpg, cli, 'tesseract CLI');
  // The server's default pool (a worker per core) with one receipt at a time: an idle pool shares
  // one page's pieces among its workers, so this is the wall time of a lone receipt.
  const lone = ours('ocr', receipts, 2);
  row(`  the same, one at a time, 2 OCR workers`, 'ms/page', lone, cli, 'tesseract CLI');
  const spdf = ours('ocr', scannedPdfs);
  row(`scanned PDFs (image only), ${scannedPdfs.length}`, 'ms/page', spdf, scannedPdfRef(scannedPdfs), 'pdftoppm -r 300 + tesseract');
  console.log(`OCR warm-up (model load + first page), not counted: ${jpg.warmupMs.toFixed(0)} ms`);
  const two = ours('ocr2', receipts);
  console.log(
    `JPEG receipts two at a time, 2 OCR workers: ${(two.ms / two.pages).toFixed(0)} ms/page (CPU ${((two.cpuMs ?? 0) / two.pages).toFixed(0)} ms/page), peak RSS ${mb(two.rssKb)}; speed-up over one worker ${(jpg.ms / jpg.pages / (two.ms / two.pages)).toFixed(2)}×`,
  );
} else {
  console.log(`skipped OCR figures: no receipts in ${sroieDir}`);
}

const head = ['figure', 'docsift', 'CPU/page', 'peak RSS', 'reference', 'reference figure', 'ref CPU/page', 'ref peak RSS', 'ratio', 'CPU ratio'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
console.log(`load average at end ${os.loadavg()[0].toFixed(2)} (2-core machine shared with others: compare ratios within one run)`);
if (!gnuTime) console.log('peak RSS of native tools: n/a (GNU time not found at /usr/bin/time)');
