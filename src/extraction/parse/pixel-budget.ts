import { documentError } from '../extraction-errors.js';

/**
 * The most pixels one page is rendered or decoded at (DOCSIFT_MAX_PIXELS). An A4 page at 300 dpi is
 * 8.7 MP and an A0 poster at 150 dpi 35 MP; a raster costs 1 byte per pixel grey, 4 in colour.
 */
export const DEFAULT_MAX_PIXELS = 40_000_000;
/** Canvas and PNG encoders refuse a side longer than this. */
const MAX_RASTER_SIDE = 32_767;
/** A page that must shrink more than this to fit the budget shows nothing readable: refused. */
const MAX_SHRINK = 100;

/**
 * The scale to render a `width` × `height` point page at: `scale`, or less so the raster fits
 * `maxPixels`. Throws PAGE_TOO_LARGE (422) for a page that cannot be drawn usefully within it (a
 * million-point page, or one a few points wide and kilometres long).
 */
export function budgetScale(options: { width: number; height: number; scale: number; maxPixels: number; page: number }): number {
  const { width, height, scale, maxPixels, page } = options;
  let fitted = scale;
  if (width * height * scale * scale > maxPixels) fitted = Math.sqrt(maxPixels / (width * height));
  const longest = Math.max(width, height) * fitted;
  const shortest = Math.min(width, height) * fitted;
  if (!Number.isFinite(fitted) || fitted * MAX_SHRINK < scale || longest > MAX_RASTER_SIDE || shortest < 1) {
    throw documentError(
      'PAGE_TOO_LARGE',
      `Page ${page} is ${Math.round(width)} × ${Math.round(height)} points: it cannot be drawn within the budget of ${maxPixels} pixels a page (DOCSIFT_MAX_PIXELS).`,
    );
  }
  return fitted;
}

/** Images are streamed through the decoder and shrunk to the budget; sources past this many pixels are refused. */
export function maxInputPixels(maxPixels: number): number {
  return 2 * maxPixels;
}
