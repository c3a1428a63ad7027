import type { FilesService } from '../../documents/files-service.js';
import { parseStoredResult } from '../../documents/result-view.js';

/** What `GET /files/{id}` was asked to include (the SDK's FilesRetrieveRequest). */
export interface ContentsRequest {
  rawText?: boolean;
  markdown?: boolean;
  html?: boolean;
}

export interface FileContents {
  rawText?: string;
  pages: Array<{ pageNumber: number; markdown?: string }>;
}

const PAGE_MARKER = /<!-- page (\d+) -->/g;

/**
 * Extend's (deprecated) file `contents`: present only when asked for and when the file has been
 * parsed by a run. Here that is the markdown the pipeline stored with the latest completed document
 * of this file (`<!-- page N -->` before each page). `rawText` is that text without the page markers
 * and without the markdown tables the pipeline appends (their cells are already in the page's lines).
 * docsift keeps no page sizes or HTML, so pages carry `pageNumber` and, if asked, `markdown` only.
 */
export async function loadFileContents(files: FilesService, tenantId: string, fileId: string, want: ContentsRequest): Promise<FileContents | null> {
  if (!want.rawText && !want.markdown && !want.html) return null;
  const doc = await files.latestCompletedDocument(tenantId, fileId);
  const text = doc ? parseStoredResult(doc)?.text : undefined;
  if (typeof text !== 'string') return null;

  const pages: FileContents['pages'] = [];
  const markers = [...text.matchAll(PAGE_MARKER)];
  markers.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = i + 1 < markers.length ? markers[i + 1].index : text.length;
    const markdown = text.slice(start, end).trim();
    pages.push({ pageNumber: Number(m[1]), ...(want.markdown ? { markdown } : {}) });
  });
  const rawText = text
    .replace(PAGE_MARKER, '')
    .split('\n')
    .filter((line) => !line.startsWith('|'))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { ...(want.rawText ? { rawText } : {}), pages };
}
