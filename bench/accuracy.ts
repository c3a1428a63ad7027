/**
 * Scores the extraction engine on ../shared/devdata with its own score.mjs.
 *   npm run bench:accuracy [-- --no-ocr-cache] [--no-xml] [--second-reading] [--only sroie] [--details]
 *                          [--ocr-variant NAME]   (preprocessing / tesseract parameters: accuracy-ocr-variants.ts)
 *                          [--ocr-width PX]       (scans narrower than this are enlarged to it; default 1200, 0: never)
 *                          [--ocr-engine auto|tesseract|paddle]  (as DOCSIFT_OCR_ENGINE; default auto, over English)
 * Writes predictions to .tmp/accuracy/pred[-noxml]/ and prints score.mjs's report, ms/page and the
 * confidence calibration table.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runPipeline, type PipelineResult } from '../src/extraction/pipeline.js';
import { type OcrEngineChoice, SelectingOcrEngine } from '../src/extraction/ocr/engine-selection.js';
import { CachingOcrEngine } from './accuracy-ocr-cache.js';
import { variantEngine } from './accuracy-ocr-variants.js';
import { printCalibration, type ScoredValue } from './accuracy-calibration.js';
import { printSroieTranscriptScore } from './accuracy-sroie-transcripts.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const devdata = path.resolve(option('--devdata') ?? '../shared/devdata');
const useXml = !flag('--no-xml');
const only = option('--only');
// Each variant writes its own folder, so that runs side by side never score each other's files.
const ocrWidth = option('--ocr-width');
const ocrEngine = (option('--ocr-engine') ?? 'auto') as OcrEngineChoice;
if (!['auto', 'tesseract', 'paddle'].includes(ocrEngine)) throw new Error(`--ocr-engine must be auto, tesseract or paddle, not ${ocrEngine}`);
const outDir = path.resolve(
  '.tmp/accuracy',
  `${useXml ? 'pred' : 'pred-noxml'}${option('--ocr-variant') ? `-${option('--ocr-variant')}` : ''}${ocrWidth ? `-w${ocrWidth}` : ''}${option('--ocr-engine') ? `-${ocrEngine}` : ''}`,
);
const mediaTypes: Record<string, string> = { '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.png': 'image/png' };

const variant = option('--ocr-variant');
// The OCR cache keys on the engine's configKey, which names the engine (PP-OCRv4's includes it;
// tesseract's is its languages and parameters), so engines never read each other's output.
const engine = variant ? variantEngine(variant, 2) : new SelectingOcrEngine({ choice: ocrEngine, workers: 2 });
const ocr = flag('--no-ocr-cache') ? engine : new CachingOcrEngine(engine, path.resolve('.tmp/accuracy/ocr-cache'));

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

interface Job {
  dataset: string;
  id: string;
  file: string;
  gold: { doc_type: string; fields: Record<string, unknown> };
}
const jobs: Job[] = [];
for (const dataset of readdirSync(path.join(devdata, 'gold')).sort()) {
  if (only && dataset !== only) continue;
  for (const f of readdirSync(path.join(devdata, 'gold', dataset)).sort()) {
    const gold = JSON.parse(readFileSync(path.join(devdata, 'gold', dataset, f), 'utf8'));
    jobs.push({ dataset, id: f.replace(/\.json$/, ''), file: path.join(devdata, gold.source_file), gold });
  }
}

const timing = new Map<string, { ms: number; pages: number }>();
const scored: ScoredValue[] = [];
// Two documents at a time: the OCR scheduler has two workers, and text PDFs interleave with them.
let next = 0;
async function worker(): Promise<void> {
  while (next < jobs.length) {
    const job = jobs[next++];
    const bytes = readFileSync(job.file);
    const t0 = performance.now();
    let result: PipelineResult;
    try {
      result = await runPipeline({
        bytes,
        mediaType: mediaTypes[path.extname(job.file).toLowerCase()] ?? 'application/octet-stream',
        filename: path.basename(job.file),
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
      scored.push({ field: name, gold, value: f?.value ?? null, confidence: f?.confidence ?? 0 });
    }
  }
}
await Promise.all([worker(), worker()]);
await ocr.close();

const scorer = path.join(devdata, 'score.mjs');
const scoreArgs = [scorer, '--pred', outDir, ...(flag('--details') ? ['--details'] : [])];
if (only) {
  // Score against the selected dataset's gold only.
  const goldDir = path.resolve(`${outDir}-gold`);
  rmSync(goldDir, { recursive: true, force: true });
  mkdirSync(path.join(goldDir, only), { recursive: true });
  for (const j of jobs) writeFileSync(path.join(goldDir, only, `${j.id}.json`), JSON.stringify(j.gold));
  scoreArgs.push('--gold', goldDir);
}
console.log(execFileSync('node', scoreArgs, { encoding: 'utf8' }));
console.log(`embedded e-invoice XML used: ${useXml ? 'yes' : 'no (page only)'}`);
console.log('time per page (end to end, 2 documents in parallel, 2 OCR workers):');
for (const [dataset, t] of timing) {
  console.log(`  ${dataset.padEnd(18)} ${t.pages} pages  ${(t.ms / t.pages).toFixed(0)} ms/page`);
}
if (ocr instanceof CachingOcrEngine) {
  console.log(`OCR cache: ${ocr.hits} hits, ${ocr.misses} misses${ocr.misses ? `, ${(ocr.ocrMs / ocr.misses).toFixed(0)} ms per OCR call (2 in parallel)` : ''}`);
}
printCalibration(scored);
if (!only || only === 'sroie') printSroieTranscriptScore(devdata);
if (!existsSync(scorer)) process.exitCode = 1;
