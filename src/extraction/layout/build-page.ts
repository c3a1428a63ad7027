import type { Page, PageSource, Word } from '../model/document.js';
import { buildBlocks, buildRows } from './lines.js';

export interface RawPage {
  number: number;
  width: number;
  height: number;
  source: PageSource;
  words: Word[];
}

/**
 * Lays out one page's words: rows and line segments, then blocks. Tables are read from these rows
 * where a field needs one (line items and list fields: extract/table-reader.ts; statement rows:
 * extract/statement-rows.ts).
 */
export function buildPage(raw: RawPage): Page {
  const rows = buildRows(raw.words);
  const lines = rows.flatMap((r) => r.lines);
  const blocks = buildBlocks(rows);
  return { ...raw, lines, blocks };
}
