import type { Table } from '../model/document.js';
import type { Row } from './lines.js';

/** Table detection comes in a later stage; pages start without tables. */
export function detectTables(_rows: readonly Row[], _page: number): Table[] {
  return [];
}
