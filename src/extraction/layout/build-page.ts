import type { Page, PageSource, Word } from '../model/document.js';
import { buildBlocks, buildRows } from './lines.js';
import { detectTables } from './tables.js';

export interface RawPage {
  number: number;
  width: number;
  height: number;
  source: PageSource;
  words: Word[];
}

/** Lays out one page's words: rows and line segments, blocks, then tables over the rows. */
export function buildPage(raw: RawPage): Page {
  const rows = buildRows(raw.words);
  const lines = rows.flatMap((r) => r.lines);
  const blocks = buildBlocks(rows);
  const tables = detectTables(rows, raw.number);
  return { ...raw, lines, blocks, tables };
}
