/**
 * One measured run of the engine, in its own process so that its peak RSS is its own
 * (bench/engine.ts starts one per figure). Prints one JSON line on stdout.
 *   node --import tsx bench/engine-run.ts text <pdf...>     text-layer PDFs through runPipeline
 *   node --import tsx bench/engine-run.ts ocr <image|pdf...> scanned pages through runPipeline, one OCR worker
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runPipeline } from '../src/extraction/pipeline.js';
import { TesseractEngine } from '../src/extraction/ocr/tesseract-engine.js';

const [mode, ...files] = process.argv.slice(2);
const minMs = Number(process.env.BENCH_MIN_MS ?? 3000);
const mediaTypes: Record<string, string> = { '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' };
const docs = files.map((f) => ({ f, bytes: readFileSync(f), mediaType: mediaTypes[path.extname(f).toLowerCase()] ?? 'application/octet-stream' }));

// One worker: the figure is per core. OCR workers run in a worker_thread of this process, so
// their memory is part of this process's peak RSS.
const ocr = new TesseractEngine({ workers: 1 });
const run = (d: (typeof docs)[number]) => runPipeline({ bytes: d.bytes, mediaType: d.mediaType, filename: path.basename(d.f), ocr });

// Warm-up, not timed: module loading, pdfjs fonts, tesseract's model load (≈ 1 s per worker) are
// paid once per process, not per page.
const w0 = performance.now();
await run(docs[0]);
const warmupMs = performance.now() - w0;

let pages = 0;
let rounds = 0;
const t0 = performance.now();
const perDoc: number[] = [];
// Text PDFs take milliseconds each: the whole set is repeated until at least minMs has passed.
// Scanned pages take a second each: one round.
do {
  for (const d of docs) {
    const s = performance.now();
    const r = await run(d);
    if (rounds === 0) perDoc.push(performance.now() - s);
    pages += r.pages;
  }
  rounds++;
} while (mode === 'text' && performance.now() - t0 < minMs);
const ms = performance.now() - t0;
await ocr.close();

console.log(JSON.stringify({ mode, docs: docs.length, rounds, pages, ms, warmupMs, perDocMs: perDoc, maxRssKb: process.resourceUsage().maxRSS }));
