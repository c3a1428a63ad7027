import fsp from 'node:fs/promises';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';

export type SupportedMediaType =
  | 'application/pdf'
  | 'image/png'
  | 'image/jpeg'
  | 'image/tiff'
  | 'image/webp'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'text/plain';

const SUPPORTED = new Set<string>([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);

/** Leading bytes of the supported image formats (null: any byte). */
const IMAGE_SIGNATURES: Array<[Array<number | null>, SupportedMediaType]> = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
  [[0xff, 0xd8, 0xff], 'image/jpeg'],
  [[0x49, 0x49, 0x2a, 0x00], 'image/tiff'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'image/tiff'],
  [[0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50], 'image/webp'],
];

export type SniffResult = { supported: true; mediaType: SupportedMediaType } | { supported: false; detected: string | undefined };

/**
 * Decides a file's format from its bytes alone; the name and the client's content type are ignored,
 * since both are often wrong (a .pdf that is a PNG, a JPEG sent as application/octet-stream).
 */
export async function sniffFormat(bytes: Buffer): Promise<SniffResult> {
  if (bytes.length === 0) return { supported: false, detected: 'empty' };
  return classify(bytes, await fileTypeFromBuffer(bytes));
}

/** The leading bytes the checks below look at (the text check reads the most). */
const HEAD_BYTES = 64 * 1024;

/**
 * sniffFormat for a file on disk (a spooled upload): file-type reads what it needs through the file,
 * and the other checks only the first 64 KB, so a large upload is never read whole to learn its type.
 */
export async function sniffFile(file: string): Promise<SniffResult> {
  const handle = await fsp.open(file, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head.length === 0) return { supported: false, detected: 'empty' };
  return classify(head, await fileTypeFromFile(file));
}

function classify(bytes: Buffer, type: { mime: string } | undefined): SniffResult {
  if (type) {
    if (SUPPORTED.has(type.mime)) return { supported: true, mediaType: type.mime as SupportedMediaType };
    return { supported: false, detected: type.mime };
  }
  // Some PDF writers put junk (up to 1 KB is allowed by readers) before the %PDF header.
  if (bytes.subarray(0, 1024).includes('%PDF-')) return { supported: true, mediaType: 'application/pdf' };
  // A truncated or damaged image still opens with its format's signature, which file-type alone
  // does not trust: it is that format, corrupt, and fails as its own document (FILE_CORRUPT) rather
  // than turning the whole submit away as an unknown format.
  const signed = IMAGE_SIGNATURES.find(([signature]) => signature.every((b, i) => b === null || bytes[i] === b));
  if (signed) return { supported: true, mediaType: signed[1] };
  if (looksLikeText(bytes)) return { supported: true, mediaType: 'text/plain' };
  return { supported: false, detected: undefined };
}

/** UTF-8 (or UTF-16 with a BOM) text with no NUL bytes and almost no control characters. */
function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, HEAD_BYTES);
  if (sample[0] === 0xff && sample[1] === 0xfe) return true;
  if (sample[0] === 0xfe && sample[1] === 0xff) return true;
  let text: string;
  try {
    // Cut at a character boundary: a multi-byte character split by the sample end is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(trimPartialUtf8(sample));
  } catch {
    return false;
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return false;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control <= text.length * 0.01;
}

function trimPartialUtf8(buf: Buffer): Buffer {
  let end = buf.length;
  let back = 0;
  while (end - back - 1 >= 0 && back < 3 && (buf[end - back - 1] & 0xc0) === 0x80) back++;
  const lead = buf[end - back - 1];
  if (lead !== undefined && lead >= 0xc0) {
    const need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : 1;
    if (back < need) end = end - back - 1;
  }
  return buf.subarray(0, end);
}

/** The usual extension for a media type, for export file names and downloads. */
export function extensionOf(mediaType: string): string {
  return (
    {
      'application/pdf': 'pdf',
      'image/png': 'png',
      'image/jpeg': 'jpg',
      'image/tiff': 'tiff',
      'image/webp': 'webp',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
      'text/plain': 'txt',
    } as Record<string, string>
  )[mediaType] ?? 'bin';
}
