import type { GreyImage } from '../ocr-engine.js';

/**
 * The PP-OCR models' input tensors, sampled straight from the grey page (bilinear) into normalised
 * floats: one pass, no intermediate RGB raster or resized copy. Both models take 3 channels; a grey
 * page gives three equal ones.
 */

/** Grey value v of channel c becomes (v / div − sub[c]) / dvd[c]. */
interface Normalise {
  div: number;
  sub: readonly [number, number, number];
  dvd: readonly [number, number, number];
}

export interface Tensor {
  data: Float32Array;
  dims: [number, number, number, number];
}

/**
 * Bilinear sample of the region [x, y]–[x + w, y + h] to an outW × outH grid of grey values 0–255,
 * each mapped to (v / div − sub[c]) / dvd[c] and written to `data` at the same index of plane c.
 * The column weights are worked out once, not per pixel, and no function is called per pixel: these
 * loops are most of a page's JavaScript.
 */
function sample(
  image: GreyImage,
  region: { x: number; y: number; w: number; h: number },
  outW: number,
  outH: number,
  data: Float32Array,
  map: Normalise,
): void {
  const { width, height, data: src } = image;
  const fx = region.w / outW;
  const fy = region.h / outH;
  const xs0 = new Int32Array(outW);
  const xs1 = new Int32Array(outW);
  const wxs = new Float64Array(outW);
  for (let ox = 0; ox < outW; ox++) {
    const sx = Math.min(width - 1, Math.max(0, region.x + (ox + 0.5) * fx - 0.5));
    const x0 = Math.floor(sx);
    xs0[ox] = x0;
    xs1[ox] = Math.min(width - 1, x0 + 1);
    wxs[ox] = sx - x0;
  }
  const plane = outW * outH;
  const div = map.div;
  const [s0, s1, s2] = map.sub;
  const [d0, d1, d2] = map.dvd;
  for (let oy = 0; oy < outH; oy++) {
    const sy = Math.min(height - 1, Math.max(0, region.y + (oy + 0.5) * fy - 0.5));
    const y0 = Math.floor(sy);
    const r0 = y0 * width;
    const r1 = Math.min(height - 1, y0 + 1) * width;
    const wy = sy - y0;
    const row = oy * outW;
    for (let ox = 0; ox < outW; ox++) {
      const x0 = xs0[ox];
      const x1 = xs1[ox];
      const wx = wxs[ox];
      const top = src[r0 + x0] * (1 - wx) + src[r0 + x1] * wx;
      const bottom = src[r1 + x0] * (1 - wx) + src[r1 + x1] * wx;
      const v = top * (1 - wy) + bottom * wy;
      const i = row + ox;
      const u = v / div;
      data[i] = (u - s0) / d0;
      data[plane + i] = (u - s1) / d1;
      data[2 * plane + i] = (u - s2) / d2;
    }
  }
}

/** The page as the detector sees it: `width` × `height` map pixels, `scaleX`/`scaleY` map pixels per page pixel. */
export interface DetectionSize {
  width: number;
  height: number;
  scaleX: number;
  scaleY: number;
}

/**
 * The page scaled so its long side is at most `maxSide` (never enlarged), each side a multiple of 32
 * (the network downsamples 32×), as PaddleOCR's DetResizeForTest does.
 */
export function detectionSize(image: GreyImage, maxSide: number): DetectionSize {
  const k = Math.min(1, maxSide / Math.max(image.width, image.height));
  const width = Math.max(32, Math.round((image.width * k) / 32) * 32);
  const height = Math.max(32, Math.round((image.height * k) / 32) * 32);
  return { width, height, scaleX: width / image.width, scaleY: height / image.height };
}

/** ImageNet's mean and deviation per channel, as PaddleOCR's NormalizeImage applies them. */
const DETECTION_NORMALISE: Normalise = { div: 255, sub: [0.485, 0.456, 0.406], dvd: [0.229, 0.224, 0.225] };

/**
 * The detector's input for map rows `top` to `top + rows` (multiples of 32) of the scaled page,
 * normalised with ImageNet's mean and deviation as PaddleOCR's NormalizeImage does. Sampling a band
 * gives the same values as the whole page would in those rows.
 */
export function detectionTensor(image: GreyImage, size: DetectionSize, top = 0, rows = size.height): Tensor {
  const w = size.width;
  const h = rows;
  const data = new Float32Array(3 * w * h);
  sample(image, { x: 0, y: top / size.scaleY, w: image.width, h: rows / size.scaleY }, w, h, data, DETECTION_NORMALISE);
  return { data, dims: [1, 3, h, w] };
}

/** Grey 0–255 to [-1, 1] in every channel (dividing by 1 leaves a value as it is). */
const LINE_NORMALISE: Normalise = { div: 127.5, sub: [1, 1, 1], dvd: [1, 1, 1] };

/** The recognizer's fixed input height. */
export const REC_HEIGHT = 48;

/**
 * One text line's input for the recognizer: the box cut from the page and scaled to 48 px high, its
 * width following the box's aspect (at most `maxWidth`), values mapped to [-1, 1].
 */
export function lineTensor(image: GreyImage, box: readonly [number, number, number, number], maxWidth = 2400): Tensor {
  const bw = Math.max(1, box[2] - box[0]);
  const bh = Math.max(1, box[3] - box[1]);
  const w = Math.max(REC_HEIGHT / 2, Math.min(maxWidth, Math.round((bw / bh) * REC_HEIGHT)));
  const data = new Float32Array(3 * w * REC_HEIGHT);
  sample(image, { x: box[0], y: box[1], w: bw, h: bh }, w, REC_HEIGHT, data, LINE_NORMALISE);
  return { data, dims: [1, 3, REC_HEIGHT, w] };
}
