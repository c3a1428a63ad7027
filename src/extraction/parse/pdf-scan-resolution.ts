import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfjs } from './pdfjs.js';

type Matrix = number[];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/**
 * The resolution of a scanned page's image, in pixels per inch of the page, or null when no image
 * covers at least half of the page. Walks the page's operator list (which rendering then reuses),
 * keeping the transformation matrix through save/restore, `cm` and form XObjects: an image is drawn
 * into the unit square of the matrix current when it is painted, so its size on the page is the
 * length of the matrix's two axes.
 */
export async function scanResolution(page: PDFPageProxy): Promise<number | null> {
  const { OPS, Util } = pdfjs;
  const list = await page.getOperatorList();
  const view = page.getViewport({ scale: 1 });
  const pageArea = view.width * view.height;
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  let best: { area: number; dpi: number } | null = null;
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform && args) ctm = Util.transform(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin && args) {
      stack.push(ctm);
      if (args[0]) ctm = Util.transform(ctm, Array.from(args[0] as ArrayLike<number>));
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
      const width = fn === OPS.paintImageXObject ? Number(args?.[1]) : Number((args?.[0] as { width?: number } | undefined)?.width);
      const across = Math.hypot(ctm[0], ctm[1]);
      const area = across * Math.hypot(ctm[2], ctm[3]);
      if (!(width > 0) || !(across > 0) || area < pageArea / 2) continue;
      // Pixels per point along the image's own width, 72 points an inch.
      if (!best || area > best.area) best = { area, dpi: (width / across) * 72 };
    }
  }
  return best ? best.dpi : null;
}
