import fsp from 'node:fs/promises';
import { documentError, unsupportedMediaType } from '../extraction-errors.js';
import { countTextFilePages } from './count-text-pages.js';
import { countDocxPages } from './docx.js';
import { countImagePages } from './image-decode.js';
import { countPdfFilePages } from './pdf-file.js';

/**
 * countPages for a file on disk (an upload spooled to a temp file), reading no more of it than each
 * format needs: a PDF's cross-reference table and page tree, an image's header (libvips reads the
 * file itself), a text file as a stream. A DOCX is read whole (its zip directory sits at the end and
 * its text must be laid out), which DOCSIFT_MAX_UPLOAD_MB bounds.
 */
export async function countFilePages(file: string, mediaType: string): Promise<number> {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  if (type === 'application/pdf') return countPdfFilePages(file);
  if (type.startsWith('image/')) return countImagePages(file);
  if (type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return countDocxPages(await fsp.readFile(file));
  if (type.startsWith('text/')) {
    if ((await fsp.stat(file)).size === 0) throw documentError('FILE_EMPTY', 'The text file is empty.');
    return countTextFilePages(file);
  }
  throw unsupportedMediaType('document', mediaType);
}
