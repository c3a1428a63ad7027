import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../../test/fixtures/documents.js';
import { jpegToPdf } from '../../../test/fixtures/image-pdf.js';
import { textToPdf } from '../../../test/fixtures/text-pdf.js';
import { openPdf } from './pdf-document.js';
import { renderDpi, renderPdfPageGrey } from './pdf-render.js';
import { scanResolution } from './pdf-scan-resolution.js';

const receipt = readDocument('data/sroie/X51005230617.jpg');
const opened: Array<{ destroy(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(opened.map((d) => d.destroy()));
});

async function firstPage(pdf: Buffer) {
  const doc = await openPdf(pdf);
  opened.push(doc);
  return doc.getPage(1);
}

describe('scanResolution', () => {
  it('reads the resolution a scan was wrapped at, and finds none on a text page', async () => {
    const { width, height } = await sharp(receipt).metadata();
    expect(await scanResolution(await firstPage(jpegToPdf(receipt, width!, height!, 150)))).toBeCloseTo(150, 0);
    expect(await scanResolution(await firstPage(jpegToPdf(receipt, width!, height!, 300)))).toBeCloseTo(300, 0);
    expect(await scanResolution(await firstPage(textToPdf('Invoice 1\nTotal 10.00')))).toBeNull();
  });

  it('renders a low-resolution scan at its own pixels, enlarged only as an image file would be', async () => {
    const { width, height } = await sharp(receipt).metadata();
    const page = await firstPage(jpegToPdf(receipt, width!, height!, 100));
    const { image } = await renderPdfPageGrey(page);
    // The image file's own width, or 1,200 px when narrower (as decodeImagePage), but never past
    // 300 dpi (3× here); before, every such page was rendered 3× across.
    const expected = width! < 996 ? Math.min(1200, 3 * width!) : width!;
    expect(Math.abs(image.width - expected)).toBeLessThanOrEqual(1);
  });
});

describe('renderDpi', () => {
  it('keeps the asked resolution for text pages and scans at or above it', () => {
    expect(renderDpi(300, null, 612, 1200)).toBe(300);
    expect(renderDpi(300, 400, 612, 1200)).toBe(300);
  });

  it('renders a scan below it at its own resolution, enlarged to about the target width, at most 4× and never past it', () => {
    expect(renderDpi(300, 200, 612, 1200)).toBe(200); // 1,700 px across: wide enough
    expect(renderDpi(300, 72, 288, 1200)).toBe(288); // 288 px across: 4.17× wanted, 4× given
    expect(renderDpi(300, 100, 288, 1200)).toBe(300); // 400 px across: 3× wanted, stops at 300 dpi
    expect(renderDpi(300, 150, 288, 1200)).toBeCloseTo(300, 5); // 600 px → 1,200 px
    expect(renderDpi(300, 150, 360, 1200)).toBeCloseTo(240, 5); // 750 px → 1,200 px
  });
});
