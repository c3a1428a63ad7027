import sharp, { type Sharp } from 'sharp';
import type { GreyImage, OcrEngine, OcrResult } from '../src/extraction/ocr/ocr-engine.js';
import { TesseractEngine } from '../src/extraction/ocr/tesseract-engine.js';
import type { RereadOptions } from '../src/extraction/ocr/line-reread.js';

/**
 * OCR variants for `bench:accuracy -- --ocr-variant NAME`: image preprocessing applied to the page
 * the pipeline hands to OCR, and tesseract parameters, so that each idea is scored by the field F1
 * it yields on devdata rather than by eye. The variant's name is part of the OCR cache key.
 */
type Prep = (img: GreyImage) => Promise<{ image: GreyImage; scale: number }>;

const same: Prep = async (image) => ({ image, scale: 1 });

async function viaSharp(img: GreyImage, f: (s: Sharp) => Sharp, scale = 1): Promise<{ image: GreyImage; scale: number }> {
  const { data, info } = await f(sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 1 } }))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(info.width * info.height);
  for (let i = 0, j = 0; j < grey.length; i += info.channels, j++) grey[j] = data[i];
  return { image: { width: info.width, height: info.height, data: grey }, scale };
}

function map(img: GreyImage, f: (v: number, i: number) => number): GreyImage {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(img.data[i], i);
  return { ...img, data: out };
}

function otsu(img: GreyImage): number {
  const hist = new Array(256).fill(0);
  for (const v of img.data) hist[v]++;
  const total = img.data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i];
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (!wB || wB === total) continue;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / (total - wB);
    const between = wB * (total - wB) * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** Local-mean threshold (Bradley): dark where a pixel is k% under its neighbourhood's mean. */
async function adaptive(img: GreyImage, sigma: number, k: number): Promise<GreyImage> {
  const { image: blurred } = await viaSharp(img, (s) => s.blur(sigma));
  return map(img, (v, i) => (v < blurred.data[i] * (1 - k) ? 0 : 255));
}

const PREP: Record<string, Prep> = {
  base: same,
  otsu: async (img) => {
    const t = otsu(img);
    return { image: map(img, (v) => (v <= t ? 0 : 255)), scale: 1 };
  },
  adaptive: async (img) => ({ image: await adaptive(img, 12, 0.12), scale: 1 }),
  darken: async (img) => ({ image: map(img, (v) => Math.round(255 * (v / 255) ** 2)), scale: 1 }),
  median: (img) => viaSharp(img, (s) => s.median(3)),
  up15: (img) => viaSharp(img, (s) => s.resize({ width: Math.round(img.width * 1.5), kernel: 'lanczos3' }), 1.5),
  normalise: (img) => viaSharp(img, (s) => s.normalise()),
};

const PARAMS: Record<string, Record<string, string>> = {
  psm4: { tessedit_pageseg_mode: '4' },
  psm11: { tessedit_pageseg_mode: '11' },
  psm3: { tessedit_pageseg_mode: '3' },
  nodpi: { user_defined_dpi: '0' },
  dpi400: { user_defined_dpi: '400' },
  nospaces: { preserve_interword_spaces: '0' },
  dpi200: { user_defined_dpi: '200' },
};

/** Engine options that are not tesseract parameters: `best` is the `4.0.0` model instead of `4.0.0_best_int`. */
const MODELS: Record<string, '4.0.0'> = { best: '4.0.0' };
/** Second readings of weak lines (`line-reread.ts`): lines under 0.8 or 0.7 mean confidence, enlarged 2×. */
const REREAD: Record<string, RereadOptions> = {
  reread80: { below: 0.8, scale: 2, maxLines: 12 },
  reread70: { below: 0.7, scale: 2, maxLines: 12 },
};

/** `name` is `prep` followed by any parameters or models, joined by `+` (e.g. `otsu`, `base+psm4`, `base+best+psm4`). */
export function variantEngine(name: string, workers: number): OcrEngine & { configKey: string } {
  const [prepName, ...rest] = name.split('+');
  const prep = PREP[prepName];
  if (!prep || rest.some((r) => !PARAMS[r] && !MODELS[r] && !REREAD[r])) {
    throw new Error(
      `unknown OCR variant ${name}; preprocessing: ${Object.keys(PREP).join(', ')}; parameters: ${Object.keys(PARAMS).join(', ')}; models: ${Object.keys(MODELS).join(', ')}; re-reading: ${Object.keys(REREAD).join(', ')}`,
    );
  }
  const parameters = Object.assign({}, ...rest.map((r) => PARAMS[r] ?? {})) as Record<string, string>;
  const model = rest.map((r) => MODELS[r]).find(Boolean);
  const reread = rest.map((r) => REREAD[r]).find(Boolean);
  const inner = new TesseractEngine({ workers, parameters, model, reread });
  return {
    // `base` is the engine as configured: it shares the plain run's OCR cache.
    configKey: prepName === 'base' ? inner.configKey : `${inner.configKey}|${prepName}`,
    async recognize(image): Promise<OcrResult> {
      const { image: prepared, scale } = await prep(image);
      const r = await inner.recognize(prepared);
      if (scale === 1) return r;
      return { ...r, words: r.words.map((w) => ({ ...w, bbox: w.bbox.map((c) => c / scale) as [number, number, number, number] })) };
    },
    close: () => inner.close(),
  };
}
