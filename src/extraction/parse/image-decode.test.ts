import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImagePage } from './image-decode.js';

/** A 300 × 600 upright page, white, with a black square near its top-left corner. */
async function uprightPage(): Promise<Buffer> {
  const square = await sharp({ create: { width: 60, height: 60, channels: 3, background: '#000' } }).png().toBuffer();
  return sharp({ create: { width: 300, height: 600, channels: 3, background: '#fff' } })
    .composite([{ input: square, left: 20, top: 20 }])
    .png()
    .toBuffer();
}

const at = (img: { width: number; data: Uint8Array }, x: number, y: number) => img.data[Math.round(y) * img.width + Math.round(x)];

describe('decodeImagePage', () => {
  it('turns a photo stored sideways upright before cutting its margins', async () => {
    // Stored a quarter turn anticlockwise, tagged "rotate 90° clockwise to show" (EXIF 6), as phones do.
    const stored = await sharp(await uprightPage()).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const page = await decodeImagePage(stored, 0, 0);
    // 2 % of the width and 1 % of the height cut from each side of the upright page.
    expect([page.image.width, page.image.height]).toEqual([300 - 2 * 6, 600 - 2 * 6]);
    expect(at(page.image, 50 - 6, 50 - 6)).toBeLessThan(60);
    expect(at(page.image, 250, 550)).toBeGreaterThan(200);
    // Words are placed in points from the uncut page's corner.
    expect(page.offset[0]).toBeCloseTo(6 * page.pointsPerPixel, 5);
    expect(page.offset[1]).toBeCloseTo(6 * page.pointsPerPixel, 5);
  });

  it('enlarges a small scan towards the target width, and not at all for a target of 0', async () => {
    const bytes = await uprightPage();
    const enlarged = await decodeImagePage(bytes, 0, 1000);
    expect(enlarged.image.width).toBe(1000);
    // The square keeps its place on the page in points whatever the pixels.
    const k = enlarged.image.width / 288;
    expect(at(enlarged.image, (50 - 6) * k, (50 - 6) * k)).toBeLessThan(60);
    const own = await decodeImagePage(bytes, 0, 0);
    expect(own.image.width).toBe(288);
    expect(own.pointsPerPixel / enlarged.pointsPerPixel).toBeCloseTo(k, 5);
  });
});
