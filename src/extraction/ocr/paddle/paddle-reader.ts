import ort from 'onnxruntime-node';
import type { GreyImage, OcrResult, OcrWord } from '../ocr-engine.js';
import { ctcWords, decodeCtc } from './ctc-decode.js';
import { dbBoxes } from './db-postprocess.js';
import { addLineEndCommas } from './line-end-comma.js';
import type { Box } from './line-boxes.js';
import { BAND_OVERLAP, type DetectionBand, detectionPlan, PADDLE_DEFAULTS, type PaddleReaderOptions, paddleModelFiles, pageLines, pageResult, readDictionary } from './paddle-plan.js';
import { type DetectionSize, detectionTensor, lineTensor } from './tensors.js';


/**
 * One intra-op thread per session. Recognition runs on a new input width for every line, so
 * onnxruntime's memory pattern (a plan of buffers for one input shape, kept per shape) is never
 * reused: off, ~20 MB less peak RSS over 4 receipts at the same CPU time.
 */
const SESSION = { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' as const, enableMemPattern: false };

/**
 * PP-OCRv4 on one thread: detection on the page scaled to a capped long side, then recognition of
 * each detected line cut from the full-resolution page, decoded with `ctc-decode.ts` into words whose
 * boxes are in the page's pixels. Loads each model once, the detector when it is first needed (a
 * pool worker that only recognises lines never holds it); one reader serves one thread, so
 * onnxruntime is held to one intra-op thread and parallelism comes from running several readers.
 */
export class PaddleReader {
  private det: Promise<ort.InferenceSession> | null = null;

  private constructor(
    private readonly rec: ort.InferenceSession,
    private readonly dictionary: string[],
    private readonly options: PaddleReaderOptions,
  ) {}

  static async load(options: PaddleReaderOptions = {}): Promise<PaddleReader> {
    const files = paddleModelFiles();
    const rec = await ort.InferenceSession.create(files.recognition, SESSION);
    return new PaddleReader(rec, readDictionary(files.dictionary), options);
  }

  private detector(): Promise<ort.InferenceSession> {
    this.det ??= ort.InferenceSession.create(paddleModelFiles().detection, SESSION);
    return this.det;
  }

  /** Reads a page on this thread: the same steps a pool of workers shares out (`paddle-engine.ts`). */
  async read(image: GreyImage): Promise<OcrResult> {
    const plan = detectionPlan(image, this.options);
    const boxes: Box[] = [];
    for (const band of plan.bands) boxes.push(...(await this.detectBand(image, plan.size, band)));
    const words: OcrWord[] = [];
    for (const line of pageLines(boxes, this.options, image.width)) words.push(...(await this.readLine(image, line)));
    if (!this.options.lineEndCommas) return pageResult(words);
    return pageResult(await addLineEndCommas(words, image.width, (box) => this.readLine(image, box)));
  }

  /** The boxes (page pixels) one detection band owns, in the detector's order. */
  async detectBand(image: GreyImage, size: DetectionSize, band: DetectionBand): Promise<Box[]> {
    const tensor = detectionTensor(image, size, band.top, band.rows);
    const det = await this.detector();
    const out = await det.run({ x: new ort.Tensor('float32', tensor.data, tensor.dims) });
    const map = out[det.outputNames[0]];
    const [, , h, w] = map.dims as number[];
    const from = band.first ? 0 : BAND_OVERLAP / 2;
    const to = band.last ? h : h - BAND_OVERLAP / 2;
    const boxes: Box[] = [];
    for (const { box } of dbBoxes(map.data as Float32Array, w, h, { scoreMode: this.options.boxScore ?? PADDLE_DEFAULTS.boxScore, boxThreshold: this.options.boxThreshold })) {
      const centre = (box[1] + box[3]) / 2;
      if (centre < from || centre >= to) continue;
      boxes.push([box[0] / size.scaleX, (box[1] + band.top) / size.scaleY, Math.min(image.width, box[2] / size.scaleX), Math.min(image.height, (box[3] + band.top) / size.scaleY)]);
    }
    return boxes;
  }

  /** One text line's words, boxes in page pixels. */
  async readLine(image: GreyImage, box: Box): Promise<OcrWord[]> {
    const { probs, steps, classes } = await this.lineProbabilities(image, box);
    const chars = decodeCtc(probs, steps, classes, { dictionary: this.dictionary, spaceThreshold: this.options.spaceThreshold ?? PADDLE_DEFAULTS.spaceThreshold, spaceGap: this.options.spaceGap ?? PADDLE_DEFAULTS.spaceGap });
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

  /** The recognizer's T × C class probabilities for one line box (diagnostics re-decode them). */
  async lineProbabilities(image: GreyImage, box: Box): Promise<{ probs: Float32Array; steps: number; classes: number }> {
    const tensor = lineTensor(image, box);
    const out = await this.rec.run({ x: new ort.Tensor('float32', tensor.data, tensor.dims) });
    const probs = out[this.rec.outputNames[0]];
    const [, steps, classes] = probs.dims as number[];
    return { probs: probs.data as Float32Array, steps, classes };
  }

  /** The recognizer's dictionary (class i + 1 is `dictionary[i]`). */
  get characters(): readonly string[] {
    return this.dictionary;
  }

  async close(): Promise<void> {
    await Promise.all([this.det?.then((d) => d.release()), this.rec.release()]);
  }
}

