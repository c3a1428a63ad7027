import { createCanvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { GreyImage } from '../ocr/ocr-engine.js';
import { OCR_TARGET_WIDTH, ocrEnlargement } from './ocr-scale.js';
import { scanResolution } from './pdf-scan-resolution.js';
import { budgetScale, DEFAULT_MAX_PIXELS } from './pixel-budget.js';


/**
 * Renders one PDF page to grey pixels for OCR. 300 dpi is where tesseract reads small print well;
 * oversized pages are scaled down to stay within a bounded raster. A page that is a scan of lower
 * resolution is rendered as its image would be read on its own (`renderDpi`). Pages larger than
 * `maxPixels` at that resolution are scaled down to it (an A0 poster at 300 dpi would be 140 MP).
 * Returns the scale used so OCR boxes can be mapped back to points.
 */
export async function renderPdfPageGrey(
  page: PDFPageProxy,
  dpi = 300,
  targetWidth = OCR_TARGET_WIDTH,
  maxPixels = DEFAULT_MAX_PIXELS,
): Promise<{ image: GreyImage; scale: number }> {
  const base = page.getViewport({ scale: 1 });
  const wanted = renderDpi(dpi, await scanResolution(page), base.width, targetWidth) / 72;
  const scale = budgetScale({ width: base.width, height: base.height, scale: wanted, maxPixels, page: page.pageNumber });
  const viewport = page.getViewport({ scale });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  try {
    await page.render({
      canvasContext: context as never,
      canvas: canvas as never,
      viewport,
      background: 'rgb(255,255,255)',
    }).promise;
    const rgba = context.getImageData(0, 0, width, height).data;
    const grey = new Uint8Array(width * height);
    for (let i = 0, j = 0; j < grey.length; i += 4, j++) {
      // ITU-R BT.601 luma, the weights tesseract's own conversion uses.
      grey[j] = (rgba[i] * 299 + rgba[i + 1] * 587 + rgba[i + 2] * 114) / 1000;
    }
    return { image: { width, height, data: grey }, scale };
  } finally {
    // Release the native buffer now rather than at the next GC: scans are tens of megabytes.
    canvas.width = 0;
    canvas.height = 0;
  }
}

/**
 * The resolution to render at: `dpi`, or a scan's own resolution when lower, so a scan wrapped in a
 * PDF is read like the same scan sent as an image file (`decodeImagePage`): at its own pixels,
 * enlarged as `ocrEnlargement` says but never past `dpi`. Resampling a 150 dpi receipt to 300 dpi
 * gave OCR four times the pixels and nothing more to read.
 */
export function renderDpi(dpi: number, scanDpi: number | null, pageWidthPt: number, targetWidth: number): number {
  if (scanDpi === null || scanDpi >= dpi) return dpi;
  return Math.min(dpi, scanDpi * ocrEnlargement((pageWidthPt / 72) * scanDpi, targetWidth));
}
