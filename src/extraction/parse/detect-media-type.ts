import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

const BY_EXTENSION: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.webp': 'image/webp',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/plain',
};

/**
 * The media type of a file from its bytes (magic numbers), falling back to its extension: a DOCX
 * sniffs as a ZIP, and plain text has no signature at all.
 */
export async function detectMediaType(bytes: Buffer, filename: string): Promise<string> {
  const ext = path.extname(filename).toLowerCase();
  const sniffed = await fileTypeFromBuffer(bytes).catch(() => undefined);
  if (sniffed && sniffed.mime !== 'application/zip' && sniffed.mime !== 'application/x-cfb') return sniffed.mime;
  return BY_EXTENSION[ext] ?? sniffed?.mime ?? 'application/octet-stream';
}
