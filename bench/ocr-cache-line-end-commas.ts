/**
 * Fills the OCR cache of PP-OCRv4 with line-end commas (`lineEndCommas`, on by default since issue 14)
 * from the cache of the readings without them, so the benches and training need not read every page
 * again: each cached reading is split into lines and only the lines' ends are recognised
 * (`line-end-comma.ts`, in-process, ~0.1–0.3 s a receipt), exactly as the engine's last step does. A
 * page with no cached reading is read by the engine without the step, then completed the same way.
 *   node --import tsx bench/ocr-cache-line-end-commas.ts [--devdata PATH] [--from DIR] [--to DIR] [--only DATASET]
 * DIRs default to the benches' OCR cache (`DOCSIFT_OCR_CACHE` or .tmp/accuracy/ocr-cache).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { devdata } from './devdata.js';
import { loadDevdata } from './accuracy-splits.js';
import { CachingOcrEngine, OCR_CACHE_DIR } from './accuracy-ocr-cache.js';
import { readDocument } from '../src/extraction/parse/read-document.js';
import type { GreyImage, OcrEngine, OcrResult } from '../src/extraction/ocr/ocr-engine.js';
import { SelectingOcrEngine } from '../src/extraction/ocr/engine-selection.js';
import { PaddleReader } from '../src/extraction/ocr/paddle/paddle-reader.js';
import { addLineEndCommas } from '../src/extraction/ocr/paddle/line-end-comma.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const mediaTypes: Record<string, string> = { '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.png': 'image/png' };

const target = new SelectingOcrEngine({ choice: 'auto', workers: 2 });
const without = new SelectingOcrEngine({ choice: 'auto', workers: 2, paddle: { lineEndCommas: false } });
// The readings without the step were cached under the key the engine had before the option existed.
const oldKey = (() => {
  const { lineEndCommas: _, ...rest } = JSON.parse(without.configKey) as Record<string, unknown>;
  return JSON.stringify(rest);
})();
if (target.configKey === without.configKey) throw new Error('lineEndCommas is off by default: nothing to fill');

class Completed implements OcrEngine {
  readonly configKey = target.configKey;
  private reader?: Promise<PaddleReader>;
  added = 0;
  constructor(private readonly base: OcrEngine) {}
  async recognize(image: GreyImage, options?: { signal?: AbortSignal }): Promise<OcrResult> {
    const result = await this.base.recognize(image, options);
    if (result.engine !== 'paddle') return result;
    this.reader ??= PaddleReader.load();
    const reader = await this.reader;
    const words = await addLineEndCommas(result.words, image.width, (box) => reader.readLine(image, box));
    this.added += words.filter((w, i) => w.text !== result.words[i].text).length;
    return { ...result, words };
  }
  async close() {
    await this.base.close();
    if (this.reader) await (await this.reader).close();
  }
}

const from = new CachingOcrEngine({ configKey: oldKey, recognize: (image, o) => without.recognize(image, o), close: () => without.close() }, path.resolve(option('--from') ?? OCR_CACHE_DIR));
const completed = new Completed(from);
const to = new CachingOcrEngine(completed, path.resolve(option('--to') ?? OCR_CACHE_DIR));
const docs = loadDevdata(option('--devdata') ?? devdata, { only: option('--only') }).filter((d) => d.file && d.gold.doc_type === 'receipt');
let next = 0;
const work = async () => {
  while (next < docs.length) {
    const d = docs[next++];
    const file = d.file as string;
    await readDocument({ bytes: readFileSync(file), mediaType: mediaTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream', filename: path.basename(file), ocr: () => to });
  }
};
await Promise.all([work(), work()]);
await to.close();
console.log(`${docs.length} receipts: ${to.hits} already filled, ${to.misses} filled (${from.hits} from the cache without the step, ${from.misses} read); ${completed.added} line-end commas added`);
