/** A run of consecutive pages sent in one request. */
export interface PageChunk {
  pages: number[];
  markdown: string;
}

/**
 * Groups pages (each already rendered as markdown with its `<!-- page N -->` marker) into chunks of
 * at most `maxChars`, never splitting a page unless the page alone is larger: then it is cut at line
 * ends, each part keeping its page marker so the model still knows where it is.
 */
export function chunkPages(pages: { page: number; markdown: string }[], maxChars: number): PageChunk[] {
  const parts: { page: number; markdown: string }[] = [];
  for (const p of pages) {
    if (p.markdown.length <= maxChars) {
      parts.push(p);
      continue;
    }
    const marker = `<!-- page ${p.page} (continued) -->`;
    let current = '';
    for (const line of p.markdown.split('\n')) {
      if (current && current.length + line.length + 1 > maxChars) {
        parts.push({ page: p.page, markdown: current });
        current = marker;
      }
      current = current ? `${current}\n${line}` : line;
    }
    if (current) parts.push({ page: p.page, markdown: current });
  }
  const chunks: PageChunk[] = [];
  for (const part of parts) {
    const last = chunks[chunks.length - 1];
    if (last && last.markdown.length + part.markdown.length + 2 <= maxChars) {
      last.markdown += `\n\n${part.markdown}`;
      if (!last.pages.includes(part.page)) last.pages.push(part.page);
    } else chunks.push({ pages: [part.page], markdown: part.markdown });
  }
  return chunks;
}

/** Halves a chunk by pages (for a retry when the answer to it was cut off); null when it has one page. */
export function splitChunk(chunk: PageChunk, pageMarkdown: Map<number, string>): [PageChunk, PageChunk] | null {
  if (chunk.pages.length < 2) return null;
  const mid = Math.ceil(chunk.pages.length / 2);
  const make = (pages: number[]): PageChunk => ({ pages, markdown: pages.map((p) => pageMarkdown.get(p) ?? '').join('\n\n') });
  return [make(chunk.pages.slice(0, mid)), make(chunk.pages.slice(mid))];
}
