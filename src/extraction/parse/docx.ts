import mammoth from 'mammoth';
import { documentError } from '../extraction-errors.js';
import type { RawPage } from '../layout/build-page.js';
import { checkDocxArchive } from './docx-archive.js';
import { layoutPlainText } from './plain-text.js';

/**
 * Reads a DOCX as text. Word files have no fixed layout, so the text is laid out like plain text;
 * table cells arrive as their own paragraphs, which mammoth's raw text separates with blank lines.
 */
export async function readDocx(bytes: Buffer): Promise<RawPage[]> {
  if (bytes.length === 0) throw documentError('FILE_EMPTY', 'The DOCX file is empty.');
  await checkDocxArchive(bytes);
  let text: string;
  try {
    text = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw documentError('FILE_CORRUPT', `The DOCX file could not be read (${detail}).`);
  }
  // mammoth writes two newlines after every paragraph; one is enough for a line-based layout.
  return layoutPlainText(text.replace(/\n\n/g, '\n'), 'docx');
}

/** Word documents have no page count without laying them out; estimate from the text as printed. */
export async function countDocxPages(bytes: Buffer): Promise<number> {
  return (await readDocx(bytes)).length;
}
