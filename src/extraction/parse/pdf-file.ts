import fsp, { type FileHandle } from 'node:fs/promises';
import { documentError } from '../extraction-errors.js';
import { loadPdf } from './pdf-document.js';
import { pdfjs } from './pdfjs.js';
import { checkPdfStreams, pdfFileBytes } from './pdf-stream-budget.js';

/** What pdfjs asks for at a time: the cross-reference table, the catalog and the page tree are a few of these. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Counts a PDF's pages from a file without reading it whole: pdfjs is handed a range transport and
 * asks for the byte ranges it needs (the trailer, the cross-reference table, the page tree), which are
 * read from the file. A 60 MB upload is counted by reading a few hundred KB (after its compressed
 * streams are measured, streamed from the file); a PDF whose cross-reference table is broken makes
 * pdfjs scan the whole file, as it would from memory.
 */
export async function countPdfFilePages(file: string): Promise<number> {
  const measured = await pdfFileBytes(file);
  try {
    await checkPdfStreams(measured.bytes);
  } finally {
    await measured.close();
  }
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) throw documentError('FILE_EMPTY', 'The PDF file is empty.');
    const transport = new FileRangeTransport(handle, size);
    const doc = await loadPdf({ range: transport, rangeChunkSize: CHUNK_BYTES, disableAutoFetch: true, disableStream: true });
    try {
      if (transport.failure) throw transport.failure;
      return doc.numPages;
    } finally {
      await doc.destroy();
    }
  } finally {
    await handle.close();
  }
}

/** pdfjs's PDFDataRangeTransport over an open file: each requested range is read from disk when asked for. */
class FileRangeTransport extends pdfjs.PDFDataRangeTransport {
  failure: Error | undefined;

  constructor(
    private readonly handle: FileHandle,
    length: number,
  ) {
    super(length, null);
  }

  override requestDataRange(begin: number, end: number): void {
    const chunk = new Uint8Array(end - begin);
    this.handle.read(chunk, 0, chunk.length, begin).then(
      ({ bytesRead }) => this.onDataRange(begin, chunk.subarray(0, bytesRead)),
      (err: Error) => {
        // pdfjs has no way to be told a range failed: hand it empty bytes (it then fails to parse) and
        // report the read error instead of its parse error.
        this.failure = err;
        this.onDataRange(begin, new Uint8Array(end - begin));
      },
    );
  }
}
