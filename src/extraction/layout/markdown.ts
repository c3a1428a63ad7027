import type { Page } from '../model/document.js';
import { buildRows } from './lines.js';

/**
 * Renders pages as markdown: a `<!-- page N -->` marker before each page, one text line per visual
 * row, with segments of a row separated by a wide gap (" | " would suggest a table that may not
 * exist).
 */
export function renderMarkdown(pages: readonly Page[]): string {
  const parts: string[] = [];
  for (const page of pages) {
    parts.push(`<!-- page ${page.number} -->`);
    const rows = buildRows(page.words);
    let lastBottom: number | null = null;
    const out: string[] = [];
    for (const row of rows) {
      const h = row.bbox[3] - row.bbox[1];
      // A blank line where the vertical gap is larger than a line: keeps blocks apart for readers.
      if (lastBottom !== null && row.bbox[1] - lastBottom > 1.2 * h) out.push('');
      let text = '';
      for (let i = 0; i < row.lines.length; i++) text += i ? `    ${row.lines[i].text}` : row.lines[i].text;
      out.push(text);
      lastBottom = row.bbox[3];
    }
    parts.push(out.join('\n'));
  }
  return parts.join('\n\n');
}
