import type { FileRow } from '../../internal/db/schema.js';

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

/** An Extend `File`: the summary plus contents (not served: docsift reads files in the pipeline). */
export function fileView(file: FileRow) {
  return { ...fileSummary(file), presignedUrl: null, contents: null };
}
