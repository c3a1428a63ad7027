import type { FileRow } from '../../internal/db/schema.js';
import type { FileContents } from './file-contents.js';

/** Extend's file `type` for a stored media type. */
export function extendFileType(mediaType: string): string {
  if (mediaType === 'application/pdf') return 'PDF';
  if (mediaType.startsWith('image/')) return 'IMG';
  if (mediaType.startsWith('text/')) return 'TXT';
  if (mediaType.includes('wordprocessingml')) return 'DOCX';
  if (mediaType.includes('spreadsheetml') || mediaType.includes('excel')) return 'EXCEL';
  if (mediaType.includes('xml')) return 'XML';
  return mediaType;
}

/** An Extend `FileSummary`: a docsift file under its own id. */
export function fileSummary(file: FileRow, pages?: number | null) {
  return {
    object: 'file' as const,
    id: file.id,
    name: file.filename,
    type: extendFileType(file.media_type),
    parentFileId: null,
    metadata: { ...((file.pages ?? pages) != null ? { pageCount: (file.pages ?? pages) as number } : {}) },
    createdAt: file.created_at,
    updatedAt: file.created_at,
  };
}

/** An Extend `File`: the summary plus `contents` when asked for and parsed (see file-contents.ts). */
export function fileView(file: FileRow, contents: FileContents | null = null) {
  return { ...fileSummary(file), presignedUrl: null, contents };
}
