/**
 * Text boxes from a DB (Differentiable Binarization) detector's probability map, as PaddleOCR's
 * DBPostProcess does it, for level pages: the map is thresholded, each connected region of text is a
 * candidate, a candidate whose mean probability is low is dropped, and the survivors are grown back
 * ("unclipped") by the margin the model was trained to shrink text regions by. Pages reach OCR
 * levelled (`deskew.ts`), so boxes are axis-aligned rectangles, for which the unclip offset
 * (area × ratio / perimeter) is exact and needs no polygon library.
 */

export interface DbOptions {
  /** Probability above which a pixel is text (PaddleOCR: 0.3). */
  threshold?: number;
  /** Minimum mean probability of a region (PaddleOCR: 0.6). */
  boxThreshold?: number;
  /** How far regions are grown back (PaddleOCR: 1.5). */
  unclipRatio?: number;
  /** Regions whose shorter side is below this many map pixels are specks (PaddleOCR: 3). */
  minSize?: number;
  /**
   * What `boxThreshold` is compared with: `box`, the mean probability over the region's bounding
   * box (PaddleOCR's "fast" score), or `region`, over the region's own pixels (close to its "slow",
   * polygon score). A long line a little off level fills its bounding box with paper, so its box
   * mean can fall under the threshold while every pixel of it is text.
   */
  scoreMode?: 'box' | 'region';
}

/** [x0, y0, x1, y1] in map pixels (x1, y1 exclusive), with the region's mean probability. */
export interface DbBox {
  box: [number, number, number, number];
  score: number;
}

export function dbBoxes(map: Float32Array, width: number, height: number, options: DbOptions = {}): DbBox[] {
  const threshold = options.threshold ?? 0.3;
  const boxThreshold = options.boxThreshold ?? 0.6;
  const unclipRatio = options.unclipRatio ?? 1.5;
  const minSize = options.minSize ?? 3;
  const labels = labelRegions(map, width, height, threshold);
  const regions = new Map<number, { x0: number; y0: number; x1: number; y1: number; sum: number; n: number }>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const l = labels[y * width + x];
      if (!l) continue;
      const r = regions.get(l);
      const p = map[y * width + x];
      if (!r) regions.set(l, { x0: x, y0: y, x1: x + 1, y1: y + 1, sum: p, n: 1 });
      else {
        if (x < r.x0) r.x0 = x;
        if (x + 1 > r.x1) r.x1 = x + 1;
        if (y + 1 > r.y1) r.y1 = y + 1;
        r.sum += p;
        r.n++;
      }
    }
  }
  const out: DbBox[] = [];
  for (const r of regions.values()) {
    const w = r.x1 - r.x0;
    const h = r.y1 - r.y0;
    if (Math.min(w, h) < minSize) continue;
    let score = r.sum / r.n;
    if (options.scoreMode !== 'region') {
      // PaddleOCR's "fast" score: the mean probability inside the region's box.
      let sum = 0;
      for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) sum += map[y * width + x];
      score = sum / (w * h);
    }
    if (score < boxThreshold) continue;
    const d = (w * h * unclipRatio) / (2 * (w + h));
    const box: [number, number, number, number] = [
      Math.max(0, r.x0 - d),
      Math.max(0, r.y0 - d),
      Math.min(width, r.x1 + d),
      Math.min(height, r.y1 + d),
    ];
    if (Math.min(box[2] - box[0], box[3] - box[1]) < minSize + 2) continue;
    out.push({ box, score });
  }
  return out;
}

/** 8-connected components of the pixels above `threshold`, by union–find; 0 = background. */
function labelRegions(map: Float32Array, width: number, height: number, threshold: number): Int32Array {
  const labels = new Int32Array(width * height);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    const lo = Math.min(ra, rb);
    parent[Math.max(ra, rb)] = lo;
    return lo;
  };
  /** Label l (0: none yet) merged with neighbour n's, if n has one. */
  const join = (n: number, l: number): number => (labels[n] ? (l ? union(l, labels[n]) : find(labels[n])) : l);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (map[i] <= threshold) continue;
      let l = 0;
      // Already-visited neighbours, in this order: left, and the three above (no array per pixel:
      // this loop runs over every pixel of the map).
      if (x > 0) l = join(i - 1, l);
      if (y > 0) {
        if (x > 0) l = join(i - width - 1, l);
        l = join(i - width, l);
        if (x + 1 < width) l = join(i - width + 1, l);
      }
      if (!l) {
        l = parent.length;
        parent.push(l);
      }
      labels[i] = l;
    }
  }
  for (let i = 0; i < labels.length; i++) if (labels[i]) labels[i] = find(labels[i]);
  return labels;
}
