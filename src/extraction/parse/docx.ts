import mammoth from 'mammoth';
import { documentError } from '../extraction-errors.js';
import type { RawPage } from '../layout/build-page.js';
import { checkDocxArchive } from './docx-archive.js';
import { htmlToLines } from './docx-layout.js';
import { layoutPlainText } from './plain-text.js';

/**
 * Reads a DOCX as text. Word files have no fixed layout, so the text is laid out like plain text:
 * one line per paragraph, and each table row on one line with its columns aligned (docx-layout.ts).
 */
export async function readDocx(bytes: Buffer): Promise<RawPage[]> {
  if (bytes.length === 0) throw documentError('FILE_EMPTY', 'The DOCX file is empty.');
  await checkDocxArchive(bytes);
  let text: string;
  try {
    // As HTML, so tables keep their rows (raw text puts every cell on a line of its own).
    text = htmlToLines((await mammoth.convertToHtml({ buffer: bytes })).value).join('\n');
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw documentError('FILE_CORRUPT', `The DOCX file could not be read (${detail}).`);
  }
  return layoutPlainText(text, 'docx');
}

/** Word documents have no page count without laying them out; estimate from the text as printed. */
export async function countDocxPages(bytes: Buffer): Promise<number> {
  return (await readDocx(bytes)).length;
}
