/**
 * Scans narrower than about this many pixels are enlarged before OCR: tesseract's LSTM reads text
 * best at a cap height of about 20–30 px, and receipts scanned at low resolution fall well below it.
 */
export const OCR_TARGET_WIDTH = 1200;

/**
 * How much to enlarge a scan `width` pixels across before OCR: to about `targetWidth`, at most 4×,
 * and not at all when it is already within 17% of it (or `targetWidth` is 0). Image files and scans
 * inside PDFs share it, so a scan reads the same whichever way it is sent.
 */
export function ocrEnlargement(width: number, targetWidth = OCR_TARGET_WIDTH): number {
  return width > 0 && width < targetWidth * 0.83 ? Math.min(4, targetWidth / width) : 1;
}
