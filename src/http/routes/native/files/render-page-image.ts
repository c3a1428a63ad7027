import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { openPdf } from '../../../../extraction/parse/pdf-document.js';
import { errors } from '../../../../internal/errors/errors.js';

/** Page images are for people, not OCR: 2× CSS pixels per point is sharp on a retina screen and cheap to encode. */
const PDF_SCALE = 2;
const MAX_INPUT_PIXELS = 80_000_000;

export interface PageSize {
  page: number;
  /** In PDF points, the unit of the `bbox` of every citation. */
  width: number;
  height: number;
}

function isPdf(mediaType: string): boolean {
  return mediaType === 'application/pdf';
}

/**
 * An image's size in points, computed as the OCR stage does (image-decode.ts): declared density when
 * plausible, else 150 dpi, after EXIF orientation. Citations on photos use the same scale.
 */
function imagePointsPerPixel(density: number | undefined): number {
  const dpi = density && density >= 72 && density <= 1200 ? density : 150;
  return 72 / dpi;
}

export async function listPageSizes(bytes: Buffer, mediaType: string): Promise<PageSize[]> {
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
  const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  const ppp = imagePointsPerPixel(meta.density);
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  return Array.from({ length: meta.pages ?? 1 }, (_, i) => ({ page: i + 1, width: width * ppp, height: height * ppp }));
}

/** One page as an image: a PDF page rendered in colour, or the photo itself (converted to PNG when a browser may not show it). */
export async function renderPageImage(bytes: Buffer, mediaType: string, page: number): Promise<{ type: string; body: Buffer }> {
  if (isPdf(mediaType)) {
    const doc = await openPdf(bytes);
    try {
      if (page < 1 || page > doc.numPages) throw errors.fieldInvalid('page', `The file has ${doc.numPages} page(s).`);
      const pdfPage = await doc.getPage(page);
      const viewport = pdfPage.getViewport({ scale: PDF_SCALE });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      await pdfPage.render({
        canvasContext: canvas.getContext('2d') as never,
        canvas: canvas as never,
        viewport,
        background: 'rgb(255,255,255)',
      }).promise;
      return { type: 'image/png', body: await canvas.encode('png') };
    } finally {
      await doc.destroy();
    }
  }
  if (!mediaType.startsWith('image/')) throw errors.fieldInvalid('file_id', 'Only PDF and image files have page images.');
  const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  const pages = meta.pages ?? 1;
  if (page < 1 || page > pages) throw errors.fieldInvalid('page', `The file has ${pages} page(s).`);
  const upright = !meta.orientation || meta.orientation === 1;
  if (pages === 1 && upright && (meta.format === 'jpeg' || meta.format === 'png')) {
    return { type: `image/${meta.format}`, body: bytes };
  }
  const body = await sharp(bytes, { page: page - 1, limitInputPixels: MAX_INPUT_PIXELS }).rotate().png().toBuffer();
  return { type: 'image/png', body };
}
