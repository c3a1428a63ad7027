import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import JSZip from 'jszip';
import { documentError } from '../extraction-errors.js';

/**
 * Bounds a DOCX (a zip) before anything inflates it. A 3.5 MB upload can expand to gigabytes; mammoth
 * would inflate it whole in memory while counting pages. Here the central directory is read (nothing
 * inflated), its entry count and declared sizes checked, then the parts mammoth reads (XML and
 * relationships) are inflated with an output cap and dropped: a part that inflates past what it
 * declares, or parts past the budget, stop at the cap.
 */
export const DOCX_LIMITS = {
  /** A Word file has tens of parts; thousands is an archive built to exhaust something. */
  maxEntries: 2_000,
  /** What the whole archive may declare once inflated (media included, which is never inflated here). */
  maxDeclaredBytes: 512 * 1024 * 1024,
  /** What the XML parts may inflate to: a 2,000-page document's XML is a few megabytes. */
  maxXmlBytes: 32 * 1024 * 1024,
  /** A part larger than 1 MB compressed more than this is a bomb (Word XML compresses 10–50×). */
  maxRatio: 500,
};

const RATIO_FLOOR_BYTES = 1024 * 1024;

/**
 * What JSZip read from the central directory and local headers, before inflating anything. Not in its
 * typings (it keeps them on `_data`), but the only way to check a part's size without inflating it.
 */
interface EntryData {
  compressedSize?: number;
  uncompressedSize?: number;
  compressedContent?: Uint8Array;
  compression?: { magic: string };
}

const STORED = '\x00\x00';
const DEFLATE = '\x08\x00';
const inflateRawAsync = promisify(inflateRaw);

function entryData(f: JSZip.JSZipObject): EntryData {
  return (f as unknown as { _data?: EntryData })._data ?? {};
}

function tooLarge(message: string): Error {
  return documentError('FILE_TOO_LARGE', `${message} The DOCX was not read.`);
}

/**
 * What one entry inflates to, up to `limit` (limit + 1 means "more"). zlib runs in the thread pool, so
 * the event loop is free meanwhile, and its output stops at `limit + 1` bytes however far the data
 * would expand: a 200 KB part that inflates to 200 MB costs what `limit` does.
 */
async function inflatedSize(entry: EntryData, limit: number): Promise<number> {
  const data = entry.compressedContent;
  if (!data) return 0;
  const method = entry.compression?.magic;
  if (method === STORED) return data.length;
  if (method !== DEFLATE) throw new Error('unsupported compression method');
  try {
    return (await inflateRawAsync(data, { maxOutputLength: limit + 1 })).length;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return limit + 1;
    throw err;
  }
}

/** Throws FILE_TOO_LARGE (a bound broken) or FILE_CORRUPT (not a zip, or sizes that lie). */
export async function checkDocxArchive(bytes: Buffer, limits = DOCX_LIMITS): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch (err) {
    throw documentError('FILE_CORRUPT', `The DOCX file could not be read (${err instanceof Error ? err.message : String(err)}).`);
  }
  const files = Object.values(zip.files).filter((f) => !f.dir);
  if (files.length > limits.maxEntries) throw tooLarge(`The archive has ${files.length} entries; the limit is ${limits.maxEntries}.`);
  let declaredTotal = 0;
  for (const f of files) {
    const sizes = entryData(f);
    const declared = sizes.uncompressedSize ?? 0;
    declaredTotal += declared;
    const compressed = sizes.compressedSize ?? 0;
    if (declared > RATIO_FLOOR_BYTES && compressed > 0 && declared / compressed > limits.maxRatio) {
      throw tooLarge(`The part '${f.name}' expands ${Math.round(declared / compressed)} times (to ${declared} bytes), a zip bomb's ratio.`);
    }
  }
  if (declaredTotal > limits.maxDeclaredBytes) {
    throw tooLarge(`The archive expands to ${declaredTotal} bytes; the limit is ${limits.maxDeclaredBytes}.`);
  }
  // The declared sizes are the archive's word: the parts that will be read are inflated to check it.
  let xmlTotal = 0;
  for (const f of files) {
    if (!/\.(xml|rels)$/i.test(f.name)) continue;
    const data = entryData(f);
    const declared = data.uncompressedSize;
    const budget = limits.maxXmlBytes - xmlTotal;
    let size: number;
    try {
      size = await inflatedSize(data, declared === undefined ? budget : Math.min(budget, declared));
    } catch (err) {
      throw documentError('FILE_CORRUPT', `The part '${f.name}' of the DOCX could not be inflated (${err instanceof Error ? err.message : String(err)}).`);
    }
    if (declared !== undefined && size > declared) {
      throw documentError('FILE_CORRUPT', `The part '${f.name}' inflates past the ${declared} bytes its header declares; the DOCX was not read.`);
    }
    xmlTotal += size;
    if (xmlTotal > limits.maxXmlBytes) throw tooLarge(`Its XML parts expand past ${limits.maxXmlBytes} bytes.`);
  }
}
