import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type GoldDoc, loadDevdata, sroieBoxesFile } from '../bench/accuracy-splits.js';
import { CachingOcrEngine, OCR_CACHE_DIR } from '../bench/accuracy-ocr-cache.js';
import { readDocument } from '../src/extraction/parse/read-document.js';
import type { DocumentModel } from '../src/extraction/model/document.js';
import { type OcrEngineChoice, SelectingOcrEngine } from '../src/extraction/ocr/engine-selection.js';
import { documentFromSroieBoxes } from '../test/fixtures/sroie-boxes.js';

/** One reading of a training document: our own OCR of its image, or the dataset's transcript. */
export interface TrainingDoc {
  doc: GoldDoc;
  reading: 'page' | 'transcript';
  model: DocumentModel;
  /** Documents of one merchant or producer share a group: folds never split a group. */
  group: string;
}

const mediaTypes: Record<string, string> = { '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.png': 'image/png' };

/** SROIE's company label folded like SPLITS.md folds it: the receipts of one merchant share a group. */
export function merchantGroup(doc: GoldDoc): string {
  const company = doc.gold.fields.merchant_name;
  if (typeof company !== 'string') return `${doc.dataset}:${doc.id.replace(/[-_]?\d.*$/, '')}`;
  const words = company.toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim().split(' ');
  return words.filter((w) => !['SDN', 'BHD', 'SB', 'PLT', 'M', 'S', 'B'].includes(w)).slice(0, 2).join(' ');
}

/**
 * The train side of devdata as document models, each read once and kept under .tmp/train (OCR output
 * is cached too, shared with bench:accuracy). Validation documents are never read here.
 *
 * Pages are read by the engine the pipeline uses (`auto`: PP-OCRv4 for English receipts), so the
 * scorers learn from the readings they will judge; the model cache is kept per engine configuration,
 * like the OCR cache, so a change of engine never trains on another engine's readings.
 */
export async function loadTrainingDocs(
  devdata: string,
  opts: { types: string[]; readings?: TrainingDoc['reading'][]; ocrEngine?: OcrEngineChoice },
): Promise<TrainingDoc[]> {
  const readings = opts.readings ?? ['page', 'transcript'];
  const engine = new SelectingOcrEngine({ choice: opts.ocrEngine ?? 'auto', workers: 2 });
  const cacheDir = path.resolve('.tmp/train/models', createHash('sha1').update(engine.configKey).digest('hex').slice(0, 8));
  mkdirSync(cacheDir, { recursive: true });
  const ocr = new CachingOcrEngine(engine, OCR_CACHE_DIR);
  const docs = loadDevdata(devdata).filter((d) => d.side === 'train' && opts.types.includes(d.gold.doc_type));
  const out: TrainingDoc[] = [];
  let next = 0;
  const work = async () => {
    while (next < docs.length) {
      const d = docs[next++];
      const group = merchantGroup(d);
      if (d.file && readings.includes('page')) {
        const cached = path.join(cacheDir, `${d.id}.json`);
        let model: DocumentModel;
        if (existsSync(cached)) model = JSON.parse(readFileSync(cached, 'utf8')) as DocumentModel;
        else {
          model = await readDocument({
            bytes: readFileSync(d.file),
            mediaType: mediaTypes[path.extname(d.file).toLowerCase()] ?? 'application/octet-stream',
            filename: path.basename(d.file),
            ocr: () => ocr,
          });
          writeFileSync(cached, JSON.stringify(model));
        }
        out.push({ doc: d, reading: 'page', model, group });
      }
      const boxes = sroieBoxesFile(devdata, d);
      if (boxes && readings.includes('transcript')) out.push({ doc: d, reading: 'transcript', model: documentFromSroieBoxes(boxes), group });
    }
  };
  await Promise.all([work(), work()]);
  await ocr.close();
  return out.sort((a, b) => (a.doc.id + a.reading).localeCompare(b.doc.id + b.reading));
}
