/** An 8-bit greyscale raster, row-major, one byte per pixel. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A recognised word in the raster's pixel coordinates. */
export interface OcrWord {
  text: string;
  bbox: [number, number, number, number];
  /** 0–1. */
  confidence: number;
}

export interface OcrResult {
  words: OcrWord[];
  /** The page's mean confidence, 0–1. */
  confidence: number;
  /** Which engine read the page ('paddle' | 'tesseract'), when a choice was made (`engine-selection.ts`). */
  engine?: string;
}

/**
 * What the pipeline needs from an OCR engine. Implementations run recognition off the main thread
 * (tesseract.js runs each worker in a worker_thread) so the server keeps answering while pages are read.
 */
export interface OcrEngine {
  recognize(image: GreyImage, options?: { signal?: AbortSignal }): Promise<OcrResult>;
  close(): Promise<void>;
}

/** Wraps raw grey pixels in a binary PGM header: tesseract reads it directly, with no PNG encode. */
export function toPgm(image: GreyImage): Buffer {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'ascii');
  return Buffer.concat([header, Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength)]);
}

/** Table rules and specks come out of OCR as "|", "\\", "!" or "~": they are not words. */
export function dropOcrNoise(words: OcrWord[]): OcrWord[] {
  return words.filter((w) => !/^[|\\/!~_—–-]+$/.test(w.text));
}

/**
 * A page with almost no ink (a blank back side, a separator sheet) has nothing to read: OCR would
 * spend a second finding that out, and orientation correction three more. Ink is measured against
 * the page's own paper (its median grey), not against mid-grey: a faint thermal receipt whose
 * print is all lighter than 128 is not blank (four devdata receipts were skipped that way).
 */
export function isBlank(image: GreyImage): boolean {
  const { data } = image;
  const step = Math.max(1, Math.floor(data.length / 200_000));
  const hist = new Array<number>(256).fill(0);
  let seen = 0;
  for (let i = 0; i < data.length; i += step) {
    hist[data[i]]++;
    seen++;
  }
  let median = 255;
  for (let v = 0, acc = 0; v < 256; v++) {
    acc += hist[v];
    if (acc >= seen / 2) {
      median = v;
      break;
    }
  }
  // Darker than the paper by a clear margin; never a threshold above mid-grey on dark paper.
  const threshold = Math.max(128, median - 60);
  let ink = 0;
  for (let v = 0; v < threshold; v++) ink += hist[v];
  return ink / seen < 0.001;
}
