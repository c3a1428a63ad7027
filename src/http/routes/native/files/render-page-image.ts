import { createCanvas } from '@napi-rs/canvas';
import sharp, { type Metadata } from 'sharp';
import { mapSharpError } from '../../../../extraction/parse/image-decode.js';
import { imageDpi } from '../../../../extraction/parse/image-resolution.js';
import { openPdf } from '../../../../extraction/parse/pdf-document.js';
import { budgetScale, maxInputPixels } from '../../../../extraction/parse/pixel-budget.js';
import { errors } from '../../../../internal/errors/errors.js';

/** Page images are for people, not OCR: 2× CSS pixels per point is sharp on a retina screen and cheap to encode. */
const PDF_SCALE = 2;

export interface PageSize {
  page: number;
  /** In PDF points, the unit of the `bbox` of every citation. */
  width: number;
  height: number;
}

function isPdf(mediaType: string): boolean {
  return mediaType === 'application/pdf';
}

/** Reads an image's header; a decompression bomb (past twice the pixel budget) or a broken file is a 422 with its reason. */
async function imageMeta(bytes: Buffer, maxPixels: number): Promise<Metadata> {
  try {
    return await sharp(bytes, { limitInputPixels: maxInputPixels(maxPixels) }).metadata();
  } catch (err) {
    return mapSharpError(err, maxPixels);
  }
}

export async function listPageSizes(bytes: Buffer, mediaType: string, maxPixels: number): Promise<PageSize[]> {
  if (isPdf(mediaType)) {
    const doc = await openPdf(bytes);
    try {
      const sizes: PageSize[] = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const viewport = (await doc.getPage(n)).getViewport({ scale: 1 });
        sizes.push({ page: n, width: viewport.width, height: viewport.height });
      }
      return sizes;
    } finally {
      await doc.destroy();
    }
  }
  if (!mediaType.startsWith('image/')) throw errors.fieldInvalid('file_id', 'Only PDF and image files have page images.');
  const meta = await imageMeta(bytes, maxPixels);
  // In points as the OCR stage measures it, after EXIF orientation, so citations on photos line up.
  const ppp = 72 / imageDpi(meta.density);
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  return Array.from({ length: meta.pages ?? 1 }, (_, i) => ({ page: i + 1, width: width * ppp, height: height * ppp }));
}

/**
 * One page as an image: a PDF page rendered in colour, or the photo itself (converted to PNG when a
 * browser may not show it). Rasters stay within `maxPixels` (DOCSIFT_MAX_PIXELS): a 7,000-point page
 * at 2× was 196 MP and 784 MB of canvas; it is now drawn smaller, and a page no budget can draw is a
 * 422 (PAGE_TOO_LARGE).
 */
export async function renderPageImage(bytes: Buffer, mediaType: string, page: number, maxPixels: number): Promise<{ type: string; body: Buffer }> {
  if (isPdf(mediaType)) {
    const doc = await openPdf(bytes);
    try {
      if (page < 1 || page > doc.numPages) throw errors.fieldInvalid('page', `The file has ${doc.numPages} page(s).`);
      const pdfPage = await doc.getPage(page);
      const base = pdfPage.getViewport({ scale: 1 });
      const scale = budgetScale({ width: base.width, height: base.height, scale: PDF_SCALE, maxPixels, page });
      const viewport = pdfPage.getViewport({ scale });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      try {
        await pdfPage.render({
          canvasContext: canvas.getContext('2d') as never,
          canvas: canvas as never,
          viewport,
          background: 'rgb(255,255,255)',
        }).promise;
        return { type: 'image/png', body: await canvas.encode('png') };
      } finally {
        // Release the native buffer now rather than at the next GC.
        canvas.width = 0;
        canvas.height = 0;
      }
    } finally {
      await doc.destroy();
    }
  }
  if (!mediaType.startsWith('image/')) throw errors.fieldInvalid('file_id', 'Only PDF and image files have page images.');
  const meta = await imageMeta(bytes, maxPixels);
  const pages = meta.pages ?? 1;
  if (page < 1 || page > pages) throw errors.fieldInvalid('page', `The file has ${pages} page(s).`);
  const upright = !meta.orientation || meta.orientation === 1;
  const pixels = (meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0);
  const withinBudget = pixels <= maxPixels;
  if (pages === 1 && upright && withinBudget && (meta.format === 'jpeg' || meta.format === 'png')) {
    return { type: `image/${meta.format}`, body: bytes };
  }
  try {
    let image = sharp(bytes, { page: page - 1, limitInputPixels: maxInputPixels(maxPixels) }).rotate();
    const uprightWidth = meta.autoOrient?.width ?? meta.width ?? 1;
    if (!withinBudget) image = image.resize({ width: Math.max(1, Math.floor(uprightWidth * Math.sqrt(maxPixels / pixels))) });
    return { type: 'image/png', body: await image.png().toBuffer() };
  } catch (err) {
    return mapSharpError(err, maxPixels);
  }
}
