/**
 * bench:memory — peak memory while one long scanned PDF goes through the engine:
 *   npm run bench:memory [-- --pages 300] [--devdata ../shared/devdata]
 * Builds an image-only PDF of N pages (SROIE receipt photos, repeated) and runs it through
 * runPipeline with one OCR worker, sampling this process's RSS (the render and OCR worker threads
 * included) every 50 ms, and printing it every tenth of the run, so the printout shows whether memory
 * stays flat as pages go by.
 * Not a test: the figures depend on the machine and its load.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { runPipeline } from '../src/extraction/pipeline.js';
import { TesseractEngine } from '../src/extraction/ocr/tesseract-engine.js';
import { jpegsToPdf } from '../test/fixtures/image-pdf-pages.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const pageCount = Number(option('--pages') ?? 300);
const devdata = path.resolve(option('--devdata') ?? '../shared/devdata');
const sroie = path.join(devdata, 'data', 'sroie');
if (!existsSync(sroie)) throw new Error(`no receipts at ${sroie}: pass --devdata`);

const photos = readdirSync(sroie).filter((f) => f.endsWith('.jpg')).sort().slice(0, 6);
const images = await Promise.all(
  photos.map(async (f) => {
    const jpeg = readFileSync(path.join(sroie, f));
    const meta = await sharp(jpeg).metadata();
    return { jpeg, width: meta.width ?? 0, height: meta.height ?? 0, dpi: 150 };
  }),
);
const pdf = jpegsToPdf(images, pageCount);

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const started = performance.now();
let peak = process.memoryUsage().rss;
const samples: Array<{ s: number; rssMb: number }> = [];
// Roughly 1 s a page: a tenth of the run is about pageCount / 10 seconds.
const every = Math.max(1000, pageCount * 100);
let lastSample = 0;
const timer = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peak = Math.max(peak, rss);
  const at = performance.now() - started;
  if (at - lastSample >= every) {
    lastSample = at;
    samples.push({ s: Math.round(at / 1000), rssMb: mb(rss) });
  }
}, 50);
const ocr = new TesseractEngine({ workers: 1 });
const baseline = process.memoryUsage().rss;
const result = await runPipeline({
  bytes: pdf,
  mediaType: 'application/pdf',
  filename: 'long-scan.pdf',
  ocr,
  maxPages: pageCount,
});
const ms = performance.now() - started;
clearInterval(timer);
await ocr.close();
peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);

const lines = [
  `bench:memory on ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}: one ${pageCount}-page scanned PDF (${mb(pdf.length)} MB), one OCR worker`,
  `pages read               ${result.pages} in ${(ms / 1000).toFixed(0)} s (${(ms / result.pages).toFixed(0)} ms/page)`,
  `RSS before the document  ${mb(baseline)} MB`,
  `RSS over time (s: MB)    ${samples.map((x) => `${x.s}: ${x.rssMb}`).join('  ')}`,
  `peak RSS                 ${mb(peak)} MB (target < 1024 MB)`,
];
process.stdout.write(`${lines.join('\n')}\n`);
