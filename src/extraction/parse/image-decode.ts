import sharp from 'sharp';
import { documentError } from '../extraction-errors.js';
import type { GreyImage } from '../ocr/ocr-engine.js';
import { imageDpi } from './image-resolution.js';
import { OCR_TARGET_WIDTH, ocrEnlargement } from './ocr-scale.js';
import { DEFAULT_MAX_PIXELS, maxInputPixels } from './pixel-budget.js';


export interface DecodedPage {
  image: GreyImage;
  /** PDF points per pixel, from the image's declared resolution. */
  pointsPerPixel: number;
  /** Where the decoded raster starts on the page, in points (margins cut off). */
  offset: [number, number];
}

/**
 * Rasters beyond maxInputPixels are refused unread: a 20 MB upload can declare a 100k×100k image (a
 * decompression bomb). libvips streams the rest through and shrinks them to the budget.
 */
export function mapSharpError(err: unknown, maxPixels = DEFAULT_MAX_PIXELS): never {
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit|exceeds/i.test(message)) {
    throw documentError('IMAGE_TOO_LARGE', `The image's dimensions exceed the limit of ${maxInputPixels(maxPixels) / 1e6} megapixels.`);
  }
  throw documentError('FILE_CORRUPT', `The image could not be decoded (${message}).`);
}

/** The image's frames (TIFF pages), from its bytes or a file (which libvips reads itself, header only). */
export async function countImagePages(bytes: Buffer | string, maxPixels = DEFAULT_MAX_PIXELS): Promise<number> {
  if (typeof bytes !== 'string' && bytes.length === 0) throw documentError('FILE_EMPTY', 'The image file is empty.');
  try {
    const meta = await sharp(bytes, { limitInputPixels: maxInputPixels(maxPixels) }).metadata();
    return meta.pages ?? 1;
  } catch (err) {
    return mapSharpError(err, maxPixels);
  }
}

/**
 * Decodes one page (frame) of an image to grey pixels. EXIF orientation is applied (phone photos
 * are stored sideways with a rotation tag). Small rasters are enlarged (`ocrEnlargement`), ones past
 * `maxPixels` shrunk to it.
 */
export async function decodeImagePage(bytes: Buffer, pageIndex: number, targetWidth = OCR_TARGET_WIDTH, maxPixels = DEFAULT_MAX_PIXELS): Promise<DecodedPage> {
  const limitInputPixels = maxInputPixels(maxPixels);
  try {
    const meta = await sharp(bytes, { page: pageIndex, limitInputPixels }).metadata();
    const density = imageDpi(meta.density);
    const fullWidth = meta.autoOrient?.width ?? meta.width ?? 0;
    const fullHeight = meta.autoOrient?.height ?? meta.height ?? 0;
    // Scanner edges (a dark band along the border) can make tesseract's page layout find no text
    // at all: a thin margin, which never holds text on a scan, is cut off first.
    const dx = Math.round(fullWidth * 0.02);
    const dy = Math.round(fullHeight * 0.01);
    const cropped = fullWidth > 200 && fullHeight > 200;
    const oriented = await sharp(bytes, { page: pageIndex, limitInputPixels }).rotate().toBuffer();
    const source = cropped
      ? sharp(oriented).extract({ left: dx, top: dy, width: fullWidth - 2 * dx, height: fullHeight - 2 * dy })
      : sharp(oriented);
    const width = cropped ? fullWidth - 2 * dx : fullWidth;
    const height = cropped ? fullHeight - 2 * dy : fullHeight;
    const enlarged = ocrEnlargement(width, targetWidth);
    const upscale = Math.min(enlarged, Math.sqrt(maxPixels / (width * height)));
    const pipeline = upscale !== 1 ? source.resize({ width: Math.max(1, Math.round(width * upscale)), kernel: 'lanczos3' }) : source;
    const { data, info } = await pipeline.greyscale().raw().toBuffer({ resolveWithObject: true });
    const grey = info.channels === 1 ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : firstChannel(data, info.channels);
    return {
      image: { width: info.width, height: info.height, data: grey },
      pointsPerPixel: 72 / (density * upscale),
      offset: cropped ? [(dx * 72) / density, (dy * 72) / density] : [0, 0],
    };
  } catch (err) {
    return mapSharpError(err, maxPixels);
  }
}

function firstChannel(data: Buffer, channels: number): Uint8Array {
  const out = new Uint8Array(data.length / channels);
  for (let i = 0, j = 0; j < out.length; i += channels, j++) out[j] = data[i];
  return out;
}
