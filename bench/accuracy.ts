/**
 * Scores the extraction engine on the development set (../shared/devdata, or --devdata PATH) with its own score.mjs,
 * the train and validation sides of its split apart (quote validation).
 *   npm run bench:accuracy [-- --devdata PATH] [--split train|validation] [--no-ocr-cache] [--no-xml] [--second-reading] [--only sroie] [--details]
 *                          [--ocr-variant NAME]   (preprocessing / tesseract parameters: accuracy-ocr-variants.ts)
 *                          [--ocr-width PX]       (scans narrower than this are enlarged to it; default 1200, 0: never)
 *                          [--ocr-engine auto|tesseract|paddle]  (as DOCSIFT_OCR_ENGINE; default auto, over English)
 *                          [--line-end-pad K]     (PP-OCRv4 line boxes widened on the right by K × their height; default 0.5, PADDLE_DEFAULTS)
 *                          [--paddle-options JSON] (other PP-OCRv4 reader options, e.g. '{"detectionMaxSide":1280}')
 * Writes predictions to .tmp/accuracy/pred[-noxml]/ and prints score.mjs's report, ms/page and the
 * confidence calibration table.
 */
// First: it stops with a clear message when devdata is missing, before score.mjs is imported from it.
import { devdata } from './devdata.js';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PipelineResult } from '../src/extraction/model/result.js';
import { runPipeline } from '../src/extraction/pipeline.js';
import { type OcrEngineChoice, SelectingOcrEngine } from '../src/extraction/ocr/engine-selection.js';
import type { PaddleReaderOptions } from '../src/extraction/ocr/paddle/paddle-plan.js';
import { CachingOcrEngine, OCR_CACHE_DIR } from './accuracy-ocr-cache.js';
import { variantEngine } from './accuracy-ocr-variants.js';
import { printCalibration, type ScoredValue } from './accuracy-calibration.js';
import { printSroieTranscriptScore } from './accuracy-sroie-transcripts.js';
import { type GoldDoc, loadDevdata, overallF1, scoreSide } from './accuracy-splits.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const useXml = !flag('--no-xml');
const only = option('--only');
// Each variant writes its own folder, so that runs side by side never score each other's files.
const ocrWidth = option('--ocr-width');
const ocrEngine = (option('--ocr-engine') ?? 'auto') as OcrEngineChoice;
const paddleOptions = JSON.parse(option('--paddle-options') ?? '{}') as PaddleReaderOptions;
const paddleOptionsTag = Object.entries(paddleOptions).map(([k, v]) => `-${k}${v}`).join('');
if (!['auto', 'tesseract', 'paddle'].includes(ocrEngine)) throw new Error(`--ocr-engine must be auto, tesseract or paddle, not ${ocrEngine}`);
const outDir = path.resolve(
  '.tmp/accuracy',
  `${useXml ? 'pred' : 'pred-noxml'}${option('--ocr-variant') ? `-${option('--ocr-variant')}` : ''}${ocrWidth ? `-w${ocrWidth}` : ''}${option('--ocr-engine') ? `-${ocrEngine}` : ''}${option('--line-end-pad') ? `-pad${option('--line-end-pad')}` : ''}${paddleOptionsTag}`,
);
const mediaTypes: Record<string, string> = { '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.png': 'image/png' };

let docs: GoldDoc[];
try {
  docs = loadDevdata(devdata, { only });
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const sides = (option('--split') ?? 'train,validation').split(',') as GoldDoc['side'][];
// Receipts that devdata ships without their image (labels and SROIE's OCR boxes only) cannot go
// through the image pipeline: they serve training on transcripts, not this score.
const jobs = docs.filter((d) => d.file !== null && sides.includes(d.side));
const variant = option('--ocr-variant');
// The OCR cache keys on the engine's configKey, which names the engine (PP-OCRv4's includes it;
// tesseract's is its languages and parameters), so engines never read each other's output.
const lineEndPad = option('--line-end-pad') === undefined ? undefined : Number(option('--line-end-pad'));
const engine = variant ? variantEngine(variant, 2) : new SelectingOcrEngine({ choice: ocrEngine, workers: 2, paddle: { ...paddleOptions, ...(lineEndPad !== undefined ? { lineEndPad } : {}) } });
const ocr = flag('--no-ocr-cache') ? engine : new CachingOcrEngine(engine, OCR_CACHE_DIR);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const timing = new Map<string, { ms: number; pages: number }>();
const scored: ScoredValue[] = [];
// Two documents at a time: the OCR scheduler has two workers, and text PDFs interleave with them.
let next = 0;
async function worker(): Promise<void> {
  while (next < jobs.length) {
    const job = jobs[next++];
    const bytes = readFileSync(job.file as string);
    const t0 = performance.now();
    let result: PipelineResult;
    try {
      result = await runPipeline({
        bytes,
        mediaType: mediaTypes[path.extname(job.file as string).toLowerCase()] ?? 'application/octet-stream',
        filename: path.basename(job.file as string),
        ocr,
        useEmbeddedInvoice: useXml,
        secondReading: flag('--second-reading'),
        ocrTargetWidth: ocrWidth ? Number(ocrWidth) : undefined,
      });
    } catch (err) {
      console.error(`${job.id}: ${(err as Error).message}`);
      continue;
    }
    const ms = performance.now() - t0;
    const t = timing.get(job.dataset) ?? { ms: 0, pages: 0 };
    t.ms += ms;
    t.pages += result.pages;
    timing.set(job.dataset, t);
    writeFileSync(path.join(outDir, `${job.id}.json`), JSON.stringify({ doc_type: result.document_type, fields: result.data }, null, 1));
    for (const [name, gold] of Object.entries(job.gold.fields)) {
      if (Array.isArray(gold)) continue;
      const f = result.fields[name];
      scored.push({ side: job.side, field: name, gold, value: f?.value ?? null, confidence: f?.confidence ?? 0 });
    }
  }
}
await Promise.all([worker(), worker()]);
await ocr.close();

// Each side is scored on its own: validation is the figure to quote, train what rules were shaped on.
const f1: Partial<Record<GoldDoc['side'], number>> = {};
for (const side of sides) {
  const sideDocs = jobs.filter((j) => j.side === side);
  if (!sideDocs.length) continue;
  const report = scoreSide({ devdata, predDir: outDir, docs: sideDocs, workDir: `${outDir}-gold-${side}`, details: flag('--details') });
  f1[side] = overallF1(report);
  console.log(`\n########## ${side.toUpperCase()} split: ${sideDocs.length} documents ##########`);
  console.log(report);
}
if (f1.train !== undefined && f1.validation !== undefined) {
  console.log(`\nfield F1: train ${f1.train.toFixed(3)}  validation ${f1.validation.toFixed(3)}  gap ${(f1.train - f1.validation).toFixed(3)}  (quote validation)`);
}
console.log(`embedded e-invoice XML used: ${useXml ? 'yes' : 'no (page only)'}`);
console.log('time per page (end to end, 2 documents in parallel, 2 OCR workers):');
for (const [dataset, t] of timing) {
  console.log(`  ${dataset.padEnd(18)} ${t.pages} pages  ${(t.ms / t.pages).toFixed(0)} ms/page`);
}
if (ocr instanceof CachingOcrEngine) {
  console.log(`OCR cache: ${ocr.hits} hits, ${ocr.misses} misses${ocr.misses ? `, ${(ocr.ocrMs / ocr.misses).toFixed(0)} ms per OCR call (2 in parallel)` : ''}`);
}
for (const side of sides) printCalibration(scored.filter((v) => v.side === side), side);
if (!only || only === 'sroie') printSroieTranscriptScore(devdata);

