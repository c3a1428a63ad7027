import sharp from 'sharp';
import type { GreyImage } from './ocr-engine.js';

/** Angles searched, in degrees: a page laid crooked on the glass or photographed by hand. */
const MAX_ANGLE = 10;
/** Below this the page is left alone: rotating costs a resample, and a line drifts less than its own height (not measured below 2°). */
const MIN_CORRECTION = 0.8;
/**
 * The angle is estimated on a copy about this wide: text lines still separate, the search stays cheap.
 * 600 px reads the synthetic skew sweep as well as 800 did (24/26/26 of 36 fields at 2°/−4°/7°,
 * against 24/25/26) for about two thirds of the time (≈ 80 against ≈ 120 ms a receipt).
 */
const ESTIMATE_WIDTH = 600;
/** Ink pixels the search uses at most (evenly sampled beyond): a dense receipt has ten times more. */
const MAX_POINTS = 40_000;

/** The page shrunk to about ESTIMATE_WIDTH pixels across (by libvips, off the event loop). */
async function shrink(image: GreyImage): Promise<GreyImage> {
  const f = image.width / ESTIMATE_WIDTH;
  if (f < 1.5) return image;
  const width = Math.round(image.width / f);
  const height = Math.round(image.height / f);
  const { data, info } = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), { raw: { width: image.width, height: image.height, channels: 1 } })
    .resize({ width, height, fit: 'fill' })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Each pixel's lightest neighbour within `r` pixels (a square window): the local paper tone. */
function localPaper(img: GreyImage, r: number): Uint8Array {
  // A square window's maximum is the maximum along rows of the maximum along columns.
  return maxAlong(maxAlong(img.data, img.width, img.height, r, false), img.width, img.height, r, true);
}

/** Each pixel's largest value within `r` pixels along its row, or along its column. */
function maxAlong(src: Uint8Array, w: number, h: number, r: number, vertical: boolean): Uint8Array {
  const out = new Uint8Array(w * h);
  const len = vertical ? h : w;
  const step = vertical ? w : 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const p = vertical ? y : x;
      let m = 0;
      for (let k = Math.max(0, p - r); k <= Math.min(len - 1, p + r); k++) {
        const v = src[i + (k - p) * step];
        if (v > m) m = v;
      }
      out[i] = m;
    }
  }
  return out;
}

/**
 * Ink pixels of the shrunken page, relative to its centre. Ink is what is clearly darker than the
 * lightest paper around it, not than a global threshold: a scanner bed's grey corners or a shadow
 * over a photo are dark but even, and only their edges count.
 */
function inkPoints(small: GreyImage): { xs: Float64Array; ys: Float64Array; total: number } {
  const paper = localPaper(small, 3);
  const { width, height, data } = small;
  const isInk = (i: number) => paper[i] - data[i] > 60;
  let total = 0;
  for (let i = 0; i < data.length; i++) if (isInk(i)) total++;
  // Every stride-th ink pixel in reading order, into arrays sized once.
  const stride = Math.max(1, Math.ceil(total / MAX_POINTS));
  const xs = new Float64Array(Math.ceil(total / stride));
  const ys = new Float64Array(xs.length);
  const cx = width / 2;
  const cy = height / 2;
  let seen = 0;
  let k = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!isInk(y * width + x)) continue;
      if (seen++ % stride === 0) {
        xs[k] = x - cx;
        ys[k] = y - cy;
        k++;
      }
    }
  }
  return { xs, ys, total };
}

/**
 * How sharply the ink falls into lines when the page is turned back by `deg`: the sum of squared
 * counts of the projection, largest when text lines are level (each line a tall peak, the gaps
 * between them empty). `sideways` projects onto the x axis instead, for a page whose lines run
 * up or down (turned a quarter, which orientation correction turns upright after this).
 */
function profileScore(xs: Float64Array, ys: Float64Array, deg: number, bins: Float64Array, sideways: boolean): number {
  const a = (deg * Math.PI) / 180;
  const sin = Math.sin(a);
  const cos = Math.cos(a);
  const offset = bins.length / 2;
  bins.fill(0);
  for (let i = 0; i < xs.length; i++) {
    // Where a pixel lands after rotating the page by -deg about its centre: its row, or its column.
    // Math.round(v) is floor(v + 0.5); `| 0` floors the non-negative values that can land in a bin.
    const t = (sideways ? xs[i] * cos + ys[i] * sin : ys[i] * cos - xs[i] * sin) + offset + 0.5;
    if (t >= 0 && t < bins.length) bins[t | 0]++;
  }
  let score = 0;
  for (const c of bins) score += c * c;
  return score;
}

/**
 * The page's skew in degrees (positive: turned clockwise), by the projection-profile method on a
 * shrunken copy: coarse steps of 0.5° over ±10°, then 0.1° around the best. 0 when the page has no
 * clear text lines or is level already (the best angle must beat level by a clear margin).
 */
export async function estimateSkew(image: GreyImage): Promise<number> {
  const small = await shrink(image);
  const ink = inkPoints(small);
  // Too little ink for lines (a blank page), or so much that it is a photo rather than print.
  if (ink.total < 200 || ink.total > small.data.length * 0.4) return 0;
  const bins = new Float64Array(Math.ceil(Math.hypot(small.width, small.height)) + 2);
  // Each axis searched alone; the one whose lines sharpen most tells the angle (both agree on an
  // upright page; only the x axis sees the lines of a page lying on its side).
  let found = { deg: 0, gain: 1 };
  for (const sideways of [false, true]) {
    const score = (deg: number) => profileScore(ink.xs, ink.ys, deg, bins, sideways);
    const level = score(0);
    let best = { deg: 0, score: level };
    for (let deg = -MAX_ANGLE; deg <= MAX_ANGLE; deg += 0.5) {
      const s = score(deg);
      if (s > best.score) best = { deg, score: s };
    }
    const coarse = best.deg;
    for (let deg = coarse - 0.4; deg <= coarse + 0.4; deg += 0.1) {
      const s = score(deg);
      if (s > best.score) best = { deg: Math.round(deg * 10) / 10, score: s };
    }
    const gain = best.score / Math.max(1, level);
    if (gain > found.gain) found = { deg: best.deg, gain };
  }
  return found.gain > 1.1 ? found.deg : 0;
}

/** The median grey of the page: the paper colour the corners uncovered by a rotation are filled with. */
function paperGrey(image: GreyImage): number {
  const hist = new Array<number>(256).fill(0);
  const step = Math.max(1, Math.floor(image.data.length / 100_000));
  let seen = 0;
  for (let i = 0; i < image.data.length; i += step, seen++) hist[image.data[i]]++;
  for (let v = 0, acc = 0; v < 256; v++) if ((acc += hist[v]) >= seen / 2) return v;
  return 255;
}

/**
 * Levels a skewed page before OCR: tesseract segments lines on the pixel grid, and at 2° or more a
 * line of an invoice already runs into its neighbour (values are lost from 2° on; measured on the
 * synthetic scans in `scanned-invoices.test.ts`). The page is turned back about its centre and cut
 * to its own size again, so the raster keeps its dimensions and word boxes stay in the page's
 * coordinates: the text of a page that was itself turned within its frame lands back inside it.
 * A level page (|angle| < 0.8°) is returned as it is, at the cost of the estimate alone.
 */
export async function deskew(image: GreyImage): Promise<{ image: GreyImage; angle: number }> {
  const angle = await estimateSkew(image);
  if (Math.abs(angle) < MIN_CORRECTION) return { image, angle: 0 };
  const { width, height } = image;
  const bg = paperGrey(image);
  const turned = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), { raw: { width, height, channels: 1 } })
    .rotate(-angle, { background: { r: bg, g: bg, b: bg } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { data } = await sharp(turned.data, { raw: { width: turned.info.width, height: turned.info.height, channels: turned.info.channels } })
    .extract({ left: Math.floor((turned.info.width - width) / 2), top: Math.floor((turned.info.height - height) / 2), width, height })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { image: { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }, angle };
}
