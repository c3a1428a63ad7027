import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { scanPdfPage } from '../../../test/fixtures/scanned-invoice.js';
import { generateInvoice } from '../../../test/fixtures/synthetic-invoices.js';
import { textToPdf } from '../../../test/fixtures/text-pdf.js';
import { deskew, estimateSkew } from './deskew.js';
import type { GreyImage } from './ocr-engine.js';

async function grey(jpeg: Buffer): Promise<GreyImage> {
  const { data, info } = await sharp(jpeg).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** A generated invoice scanned at `skew` degrees (noise, dust, blur, JPEG; grey scanner bed in the corners). */
async function scanAt(seed: number, skew: number, turn: 0 | 90 | 180 | 270 = 0): Promise<GreyImage> {
  const inv = generateInvoice(seed);
  const scan = await scanPdfPage(textToPdf(inv.text, { font: seed % 2 ? 'Helvetica' : 'Times-Roman' }), 1, { seed, skew, turn });
  return grey(scan.jpeg);
}

describe('skew estimate (projection profile)', () => {
  it('finds the angle a page was scanned at, within 0.2°, either way, upside down and on its side', async () => {
    const found: Record<string, number> = {};
    for (const [seed, skew, turn] of [
      [1, 2, 0],
      [2, -4, 0],
      [3, 7, 0],
      [4, -9.5, 0],
      [5, 3, 180],
      [3, 3, 90],
      [8, -2, 270],
    ] as const) {
      found[`${seed}:${skew}`] = await estimateSkew(await scanAt(seed, skew, turn));
      expect(Math.abs(found[`${seed}:${skew}`] - skew)).toBeLessThanOrEqual(0.2);
    }
  });

  it('leaves a level page and a blank one alone', async () => {
    const level = await scanAt(6, 0);
    expect(await estimateSkew(level)).toBe(0);
    const result = await deskew(level);
    expect(result.angle).toBe(0);
    expect(result.image).toBe(level);
    const blank: GreyImage = { width: 1000, height: 1300, data: new Uint8Array(1000 * 1300).fill(235) };
    expect(await estimateSkew(blank)).toBe(0);
  });

  it('turns a skewed page level, keeping its size', async () => {
    const skewed = await scanAt(7, 5);
    const { image, angle } = await deskew(skewed);
    expect(angle).toBeCloseTo(5, 0);
    expect([image.width, image.height]).toEqual([skewed.width, skewed.height]);
    // Turned the right way: measured again, the page is level (turned the wrong way it would be at 10°).
    expect(Math.abs(await estimateSkew(image))).toBeLessThanOrEqual(0.3);
  });
});
