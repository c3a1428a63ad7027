import { type BBox, type Block, type Line, textOfWords, unionBox, unionBoxOf, type Word } from '../model/document.js';

/** A visual row: every line segment whose vertical extent overlaps, left to right. */
export interface Row {
  lines: Line[];
  bbox: BBox;
}

const height = (b: BBox) => b[3] - b[1];

function verticalOverlap(a: BBox, b: BBox): number {
  return Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
}

/**
 * Groups words into rows by vertical overlap. Half the smaller height is the bar: superscripts and
 * slightly skewed OCR words still join their row, while two tightly spaced rows stay apart.
 */
function groupRows(words: readonly Word[]): Word[][] {
  const sorted = [...words].sort((a, b) => a.bbox[1] + a.bbox[3] - (b.bbox[1] + b.bbox[3]));
  const rows: { words: Word[]; box: BBox }[] = [];
  for (const word of sorted) {
    let best: { words: Word[]; box: BBox } | undefined;
    let bestOverlap = 0;
    // Only the last few rows can still overlap a word further down the page.
    for (let i = rows.length - 1; i >= 0 && i >= rows.length - 4; i--) {
      const row = rows[i];
      const overlap = verticalOverlap(row.box, word.bbox);
      const bar = 0.5 * Math.min(height(row.box), height(word.bbox));
      if (overlap > bar && overlap > bestOverlap) {
        best = row;
        bestOverlap = overlap;
      }
    }
    if (best) {
      best.words.push(word);
      // Keep the row's vertical band at its median word's so one tall word does not swallow rows.
      best.box = [Math.min(best.box[0], word.bbox[0]), best.box[1], Math.max(best.box[2], word.bbox[2]), best.box[3]];
    } else {
      rows.push({ words: [word], box: [...word.bbox] as BBox });
    }
  }
  const out: Word[][] = [];
  for (const r of rows) out.push(r.words.sort((a, b) => a.bbox[0] - b.bbox[0]));
  return out;
}

function makeLine(words: Word[]): Line {
  return { words, text: textOfWords(words), bbox: unionBoxOf(words) };
}

/**
 * Joins fragments a PDF draws as separate runs without a gap ("78" + "th", kerned pairs), then
 * splits the row where the gap is wider than about one line height: that is a column gutter or a
 * label/value gap, not a space between words.
 */
function splitRow(words: Word[]): Line[] {
  const merged: Word[] = [];
  for (const w of words) {
    const prev = merged[merged.length - 1];
    const h = Math.min(height(w.bbox), prev ? height(prev.bbox) : Infinity);
    if (prev && w.bbox[0] - prev.bbox[2] < 0.08 * h && w.bbox[0] >= prev.bbox[0]) {
      merged[merged.length - 1] = {
        text: prev.text + w.text,
        bbox: unionBox([prev.bbox, w.bbox]),
        confidence: Math.min(prev.confidence, w.confidence),
      };
    } else {
      merged.push(w);
    }
  }
  const lines: Line[] = [];
  let current: Word[] = [];
  for (const w of merged) {
    const prev = current[current.length - 1];
    if (prev) {
      const h = Math.max(height(prev.bbox), height(w.bbox));
      if (w.bbox[0] - prev.bbox[2] > 1.2 * h) {
        lines.push(makeLine(current));
        current = [];
      }
    }
    current.push(w);
  }
  if (current.length) lines.push(makeLine(current));
  return lines;
}

/** Rows pushed onto an empty array, not mapped: a packed array however far V8 has optimized this (see indexDocument). */
export function buildRows(words: readonly Word[]): Row[] {
  const rows: Row[] = [];
  for (const rowWords of groupRows(words)) {
    const lines = splitRow(rowWords);
    rows.push({ lines, bbox: unionBoxOf(lines) });
  }
  return rows;
}

/**
 * Stacks line segments into blocks: a segment joins the block above when it starts under it
 * (left edges within two line heights, or overlapping horizontally) and the vertical gap is
 * under one line height — how addresses and paragraphs are set.
 */
export function buildBlocks(rows: readonly Row[]): Block[] {
  const blocks: Block[] = [];
  for (const row of rows) {
    for (const line of row.lines) {
      const h = height(line.bbox);
      const target = blocks.find((b) => {
        const last = b.lines[b.lines.length - 1];
        const gap = line.bbox[1] - last.bbox[3];
        const overlapsX = Math.min(last.bbox[2], line.bbox[2]) - Math.max(last.bbox[0], line.bbox[0]) > 0;
        const alignedLeft = Math.abs(last.bbox[0] - line.bbox[0]) < 2 * h;
        return gap > -0.3 * h && gap < 1.0 * h && (alignedLeft || overlapsX) && last !== line;
      });
      if (target) {
        target.lines.push(line);
        target.bbox = unionBox([target.bbox, line.bbox]);
      } else {
        blocks.push({ lines: [line], bbox: [...line.bbox] as BBox });
      }
    }
  }
  return blocks;
}
