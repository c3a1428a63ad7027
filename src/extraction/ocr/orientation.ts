import { deskew } from './deskew.js';
import { type GreyImage, isBlank, type OcrEngine, type OcrResult } from './ocr-engine.js';

export type Rotation = 0 | 90 | 180 | 270;

/** Rotates grey pixels clockwise by a quarter turn multiple. */
export function rotateGrey(image: GreyImage, rotation: Rotation): GreyImage {
  if (rotation === 0) return image;
  const { width: w, height: h, data } = image;
  const turned = rotation === 180 ? { width: w, height: h } : { width: h, height: w };
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x];
      if (rotation === 90) out[x * h + (h - 1 - y)] = v;
      else if (rotation === 180) out[(h - 1 - y) * w + (w - 1 - x)] = v;
      else out[(w - 1 - x) * h + y] = v;
    }
  }
  return { ...turned, data: out };
}

/** How much real text a reading found: confident words of three or more characters. */
function textMass(r: OcrResult): number {
  return r.words.filter((w) => w.text.length >= 3 && /[\p{L}\d]{3}/u.test(w.text)).reduce((s, w) => s + w.confidence, 0);
}

/**
 * OCRs a page, correcting its orientation when needed. A skewed page is levelled first
 * (`deskew.ts`: tesseract's own line finding loses values from about 2° on); the raster keeps its
 * size, so word boxes stay in the page's coordinates. An upright page reads well the first time
 * and costs nothing more; a page that reads badly (sideways or upside-down scans, phone photos) is
 * read again at the other three quarter turns and the reading with the most confident text wins.
 */
export async function recognizeUpright(
  engine: OcrEngine,
  page: GreyImage,
  signal?: AbortSignal,
): Promise<{ result: OcrResult; image: GreyImage; rotation: Rotation; skew: number }> {
  if (isBlank(page)) return { result: { words: [], confidence: 0 }, image: page, rotation: 0, skew: 0 };
  const { image, angle: skew } = await deskew(page);
  const first = await engine.recognize(image, { signal });
  const readsWell = (r: OcrResult) => r.confidence >= 0.5 && r.words.length >= 8;
  if (readsWell(first)) return { result: first, image, rotation: 0, skew };
  let best = { result: first, image, rotation: 0 as Rotation, mass: textMass(first) };
  // Upside-down is the commonest mistake of a scan, so it is tried first; a turn that reads well
  // ends the search.
  for (const rotation of [180, 90, 270] as const) {
    if (signal?.aborted) break;
    const turned = rotateGrey(image, rotation);
    const result = await engine.recognize(turned, { signal });
    const mass = textMass(result);
    if (mass > best.mass * 1.3) best = { result, image: turned, rotation, mass };
    if (best.rotation === rotation && readsWell(result)) break;
  }
  return { result: best.result, image: best.image, rotation: best.rotation, skew };
}
