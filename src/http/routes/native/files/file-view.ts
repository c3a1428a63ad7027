import type { FileRow } from '../../../../internal/db/schema.js';

export function fileView(file: FileRow) {
  return {
    file_id: file.id,
    filename: file.filename,
    media_type: file.media_type,
    size: file.size,
    sha256: file.sha256,
    pages: file.pages,
    created_at: file.created_at,
  };
}
