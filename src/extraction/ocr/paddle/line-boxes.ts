/**
 * Detected text boxes → text lines to recognise, in reading order. DB finds text at the word level
 * where words stand apart (Courier at 300 dpi, spaced-out receipt columns) and now and then a sliver
 * between two words (a box a few pixels wide that reads as "1" or ":"). Boxes of one line that
 * overlap or nearly touch are joined: the recognizer reads a whole phrase better than its pieces,
 * and the decoder gives the words back with their own boxes.
 */
export type Box = [number, number, number, number];

/** Joins boxes on one line whose horizontal gap is at most `gap` × their height (default 0.5). */
export function joinLineBoxes(boxes: readonly Box[], gap = 0.5): Box[] {
  const out = boxes.map((b) => [...b] as Box);
  let joined = true;
  while (joined) {
    joined = false;
    for (let i = 0; i < out.length && !joined; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i];
        const b = out[j];
        const h = Math.min(a[3] - a[1], b[3] - b[1]);
        const overlapY = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        const gapX = Math.max(a[0], b[0]) - Math.min(a[2], b[2]);
        if (overlapY < 0.6 * h || gapX > gap * h) continue;
        out[i] = [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
        out.splice(j, 1);
        joined = true;
        break;
      }
    }
  }
  return out;
}

/** Reading order: rows top to bottom (a box whose centre lies within a row's height joins it), each left to right. */
export function readingOrder(boxes: readonly Box[]): Box[] {
  const byY = [...boxes].sort((a, b) => a[1] + a[3] - (b[1] + b[3]));
  const rows: { top: number; bottom: number; boxes: Box[] }[] = [];
  for (const b of byY) {
    const centre = (b[1] + b[3]) / 2;
    const row = rows[rows.length - 1];
    if (row && centre >= row.top && centre <= row.bottom) row.boxes.push(b);
    else rows.push({ top: b[1], bottom: b[3], boxes: [b] });
  }
  return rows.flatMap((r) => r.boxes.sort((a, b) => a[0] - b[0]));
}

/**
 * Widens each box on the right by `pad` × its height, up to the next box of its row and the page's
 * edge. DB's region of a line often stops before a small trailing mark (a comma or period after the
 * last word), which the recognizer then never sees.
 */
export function padLineEnds(boxes: readonly Box[], pad: number, pageWidth: number): Box[] {
  if (pad <= 0) return [...boxes];
  return boxes.map((b) => {
    const h = b[3] - b[1];
    let limit = Math.min(pageWidth, b[2] + pad * h);
    for (const o of boxes) {
      const overlapY = Math.min(b[3], o[3]) - Math.max(b[1], o[1]);
      if (o !== b && o[0] >= b[2] && overlapY > 0.5 * Math.min(h, o[3] - o[1])) limit = Math.min(limit, o[0]);
    }
    return [b[0], b[1], Math.max(b[2], limit), b[3]];
  });
}
