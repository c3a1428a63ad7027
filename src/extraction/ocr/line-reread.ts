import sharp from 'sharp';
import type { GreyImage, OcrWord } from './ocr-engine.js';

/** One recognised text line: its words and its box in the page raster's pixels. */
export interface OcrLine {
  words: OcrWord[];
  bbox: [number, number, number, number];
}

export interface RereadOptions {
  /** Lines whose mean word confidence is under this are read again (0–1). */
  below: number;
  /** Enlargement of the cropped line before the second reading. */
  scale: number;
  /** At most this many lines per page, the least confident first (bounds the extra time). */
  maxLines: number;
}

const mean = (words: OcrWord[]) => (words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0);

/**
 * A line tesseract read with little confidence is often small or faint print: cut out alone and
 * enlarged it is read again, and the reading tesseract is more confident of is kept. The page
 * reading decides the layout; only the words of each weak line can change. `read` recognises one
 * raster and returns its words in that raster's pixels.
 */
export async function rereadWeakLines(
  image: GreyImage,
  lines: OcrLine[],
  read: (strip: GreyImage) => Promise<OcrWord[]>,
  opts: RereadOptions,
): Promise<OcrWord[][]> {
  const weak = lines
    .map((line, i) => ({ i, conf: mean(line.words) }))
    .filter((l) => l.conf < opts.below && lines[l.i].words.some((w) => /[\p{L}\d]{2}/u.test(w.text)))
    .sort((a, b) => a.conf - b.conf)
    .slice(0, opts.maxLines);
  const out = lines.map((l) => l.words);
  await Promise.all(
    weak.map(async ({ i, conf }) => {
      const [x0, y0, x1, y1] = lines[i].bbox;
      // A margin of half the line's height keeps ascenders, descenders and the first/last letters whole.
      const pad = Math.max(4, Math.round((y1 - y0) / 2));
      const left = Math.max(0, x0 - pad);
      const top = Math.max(0, y0 - pad);
      const width = Math.min(image.width, x1 + pad) - left;
      const height = Math.min(image.height, y1 + pad) - top;
      if (width < 8 || height < 8) return;
      const strip = await crop(image, left, top, width, height, opts.scale);
      const words = await read(strip);
      if (!words.length || mean(words) <= conf) return;
      out[i] = words.map((w) => ({
        ...w,
        bbox: [left + w.bbox[0] / opts.scale, top + w.bbox[1] / opts.scale, left + w.bbox[2] / opts.scale, top + w.bbox[3] / opts.scale],
      }));
    }),
  );
  return out;
}

async function crop(image: GreyImage, left: number, top: number, width: number, height: number, scale: number): Promise<GreyImage> {
  const { data, info } = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .extract({ left, top, width, height })
    .resize({ width: Math.round(width * scale), kernel: 'lanczos3' })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one channel, got ${info.channels}`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
}
