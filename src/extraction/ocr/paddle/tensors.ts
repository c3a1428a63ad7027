import type { GreyImage } from '../ocr-engine.js';

/**
 * The PP-OCR models' input tensors, sampled straight from the grey page (bilinear) into normalised
 * floats: one pass, no intermediate RGB raster or resized copy. Both models take 3 channels; a grey
 * page gives three equal ones.
 */

export interface Tensor {
  data: Float32Array;
  dims: [number, number, number, number];
}

/** Bilinear sample of the region [sx0, sy0]–[sx0 + sw, sy0 + sh] to an outW × outH grid, fed to `put`. */
function sample(
  image: GreyImage,
  region: { x: number; y: number; w: number; h: number },
  outW: number,
  outH: number,
  put: (i: number, v: number) => void,
): void {
  const { width, height, data } = image;
  const fx = region.w / outW;
  const fy = region.h / outH;
  for (let oy = 0; oy < outH; oy++) {
    const sy = Math.min(height - 1, Math.max(0, region.y + (oy + 0.5) * fy - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(height - 1, y0 + 1);
    const wy = sy - y0;
    for (let ox = 0; ox < outW; ox++) {
      const sx = Math.min(width - 1, Math.max(0, region.x + (ox + 0.5) * fx - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(width - 1, x0 + 1);
      const wx = sx - x0;
      const top = data[y0 * width + x0] * (1 - wx) + data[y0 * width + x1] * wx;
      const bottom = data[y1 * width + x0] * (1 - wx) + data[y1 * width + x1] * wx;
      put(oy * outW + ox, top * (1 - wy) + bottom * wy);
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

/**
 * The detector's input for map rows `top` to `top + rows` (multiples of 32) of the scaled page,
 * normalised with ImageNet's mean and deviation as PaddleOCR's NormalizeImage does. Sampling a band
 * gives the same values as the whole page would in those rows.
 */
export function detectionTensor(image: GreyImage, size: DetectionSize, top = 0, rows = size.height): Tensor {
  const w = size.width;
  const h = rows;
  const data = new Float32Array(3 * w * h);
  const mean = [0.485, 0.456, 0.406];
  const std = [0.229, 0.224, 0.225];
  const plane = w * h;
  sample(image, { x: 0, y: top / size.scaleY, w: image.width, h: rows / size.scaleY }, w, h, (i, v) => {
    const u = v / 255;
    data[i] = (u - mean[0]) / std[0];
    data[plane + i] = (u - mean[1]) / std[1];
    data[2 * plane + i] = (u - mean[2]) / std[2];
  });
  return { data, dims: [1, 3, h, w] };
}

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
  const plane = w * REC_HEIGHT;
  const data = new Float32Array(3 * plane);
  sample(image, { x: box[0], y: box[1], w: bw, h: bh }, w, REC_HEIGHT, (i, v) => {
    const u = v / 127.5 - 1;
    data[i] = u;
    data[plane + i] = u;
    data[2 * plane + i] = u;
  });
  return { data, dims: [1, 3, REC_HEIGHT, w] };
}
