import { buildRows, type Row } from '../layout/lines.js';
import type { BBox, DocumentModel, Line, Word } from '../model/document.js';
import { fold } from './text-fold.js';

/** A line segment with what the extractors need: its page, row, folded text and word offsets. */
export interface Segment {
  page: number;
  rowIndex: number;
  line: Line;
  text: string;
  folded: string;
  /** Start offset of each word within `text` (words joined by one space). */
  offsets: number[];
  /** Label matches already computed for this segment, by field (extractors ask repeatedly). */
  labelMatches: Map<string, [number, number, number][]>;
}

export interface PageIndex {
  page: number;
  width: number;
  height: number;
  rows: Row[];
  segments: Segment[][];
}

/**
 * The document's rows of segments, built by pushing onto empty arrays rather than by `map`: every
 * extractor loops over them, and a `map` gives a packed array while it runs unoptimized but a holey
 * one once V8 has optimized the code calling it (after some hundred documents), so each extractor
 * compiled for the one met the other and was deoptimized and compiled again.
 */
export function indexDocument(doc: DocumentModel): PageIndex[] {
  const pages: PageIndex[] = [];
  for (const p of doc.pages) {
    const rows = buildRows(p.words);
    const segments: Segment[][] = [];
    for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
      const row: Segment[] = [];
      for (const line of rows[rowIndex].lines) {
        const offsets: number[] = [];
        let at = 0;
        for (const w of line.words) {
          offsets.push(at);
          at += w.text.length + 1;
        }
        row.push({ page: p.number, rowIndex, line, text: line.text, folded: fold(line.text), offsets, labelMatches: new Map() });
      }
      segments.push(row);
    }
    pages.push({ page: p.number, width: p.width, height: p.height, rows, segments });
  }
  return pages;
}

/** The words of a segment that overlap the character range [start, end). */
export function wordsInRange(seg: Segment, start: number, end: number): Word[] {
  return seg.line.words.filter((w, i) => {
    const s = seg.offsets[i];
    return s < end && s + w.text.length > start;
  });
}

/** Words of a segment from character `start` to the end (the value after a label). */
export function textFrom(seg: Segment, start: number): { text: string; words: Word[]; spans: [number, number][] } {
  const words = wordsInRange(seg, start, seg.text.length);
  if (!words.length) return { text: '', words, spans: [] };
  // The first word may straddle the label ("No.:00012"): keep only the part after `start`.
  const firstIdx = seg.line.words.indexOf(words[0]);
  const cut = Math.max(0, start - seg.offsets[firstIdx]);
  const parts = [words[0].text.slice(cut)];
  for (let i = 1; i < words.length; i++) parts.push(words[i].text);
  const spans: [number, number][] = [];
  let at = 0;
  for (const p of parts) {
    spans.push([at, at + p.length]);
    at += p.length + 1;
  }
  return { text: parts.join(' '), words, spans };
}

const h = (b: BBox) => b[3] - b[1];

/** Segments to the right of `seg` in the same row, nearest first. */
export function rightOf(index: PageIndex, seg: Segment): Segment[] {
  return index.segments[seg.rowIndex].filter((s) => s.line.bbox[0] >= seg.line.bbox[2] - 1).sort((a, b) => a.line.bbox[0] - b.line.bbox[0]);
}

/**
 * Segments below `seg` that share its column (horizontal overlap), nearest first, within a few
 * line heights: the layout of a header over its value ("Invoice date" / "25.04.2018", "TOTAL TTC"
 * over a totals row). Several are returned because a wrapped text line may sit in between.
 */
export function below(index: PageIndex, seg: Segment, maxRows = 4): Segment[] {
  const box = seg.line.bbox;
  const out: Segment[] = [];
  for (let r = seg.rowIndex + 1; r < index.segments.length && r <= seg.rowIndex + maxRows; r++) {
    const rowBox = index.rows[r].bbox;
    if (rowBox[1] - box[3] > 4 * h(box)) break;
    for (const s of index.segments[r]) {
      const b = s.line.bbox;
      const overlap = Math.min(b[2], box[2]) - Math.max(b[0], box[0]);
      if (overlap > 0.3 * Math.min(b[2] - b[0], box[2] - box[0])) out.push(s);
    }
  }
  return out;
}
