/**
 * One measured run of the engine, in its own process so that its peak RSS is its own
 * (bench/engine.ts starts one per figure). Prints one JSON line on stdout.
 *   node --import tsx bench/engine-run.ts text <pdf...>     text-layer PDFs through runPipeline
 *   node --import tsx bench/engine-run.ts ocr <image|pdf...> scanned pages through runPipeline, one OCR worker
 *   node --import tsx bench/engine-run.ts ocr2 <image|pdf...> the same, two OCR workers and two documents at a time
 * BENCH_OCR_ENGINE picks the OCR engine as DOCSIFT_OCR_ENGINE does (auto | tesseract | paddle; default auto);
 * BENCH_OCR_WORKERS the OCR pool's size (default: one per document read at a time).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runPipeline } from '../src/extraction/pipeline.js';
import { type OcrEngineChoice, SelectingOcrEngine } from '../src/extraction/ocr/engine-selection.js';

const [mode, ...files] = process.argv.slice(2);
const minMs = Number(process.env.BENCH_MIN_MS ?? 3000);
const mediaTypes: Record<string, string> = { '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' };
const docs = files.map((f) => ({ f, bytes: readFileSync(f), mediaType: mediaTypes[path.extname(f).toLowerCase()] ?? 'application/octet-stream' }));

// One worker by default: the figure is per core. OCR workers run in a worker_thread of this
// process, so their memory is part of this process's peak RSS.
const parallel = mode === 'ocr2' ? 2 : 1;
const workers = Number(process.env.BENCH_OCR_WORKERS ?? parallel);
const ocr = new SelectingOcrEngine({ choice: (process.env.BENCH_OCR_ENGINE ?? 'auto') as OcrEngineChoice, workers });
const run = (d: (typeof docs)[number]) => runPipeline({ bytes: d.bytes, mediaType: d.mediaType, filename: path.basename(d.f), ocr });

// Warm-up, not timed: module loading, pdfjs fonts, the OCR models' load (≈ 1 s per worker) are
// paid once per process, not per page.
const w0 = performance.now();
await Promise.all(docs.slice(0, Math.max(parallel, workers)).map(run));
const warmupMs = performance.now() - w0;

let pages = 0;
let rounds = 0;
// CPU time of the whole process: getrusage counts every thread, so OCR workers, onnxruntime's and
// libvips's threads are in it. Unlike wall time it barely moves with other processes' load.
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const perDoc: number[] = [];
// Text PDFs take milliseconds each: the whole set is repeated until at least minMs has passed.
// Scanned pages take a second each: one round.
do {
  let next = 0;
  const lane = async () => {
    while (next < docs.length) {
      const d = docs[next++];
      const s = performance.now();
      const r = await run(d);
      if (rounds === 0) perDoc.push(performance.now() - s);
      pages += r.pages;
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  rounds++;
} while (mode === 'text' && performance.now() - t0 < minMs);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
await ocr.close();

console.log(JSON.stringify({ mode, engine: ocr.primary, docs: docs.length, rounds, pages, ms, warmupMs, perDocMs: perDoc, cpuMs, maxRssKb: process.resourceUsage().maxRSS }));
