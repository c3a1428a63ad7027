import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { textToPdf } from '../../../../test/fixtures/text-pdf.js';
import { openPdf } from '../../parse/pdf-document.js';
import { renderPdfPageGrey } from '../../parse/pdf-render.js';
import type { GreyImage } from '../ocr-engine.js';
import { PaddleReader } from './paddle-reader.js';

const LINES = ['GARDENIA BAKERIES (KL) SDN BHD (139386-X) LOT 3 JALAN', '', '', 'Total Rounded RM 26.60'];
const TEXT = 'GARDENIA BAKERIES (KL) SDN BHD (139386-X) LOT 3 JALAN Total Rounded RM 26.60';

/** The lines in Courier, their strip of a 300 dpi page at 1,600 px wide, turned by `angle` degrees on white (a receipt fed a little askew, under deskew's 0.8°… threshold or missed by it). */
async function slantedStrip(angle: number): Promise<GreyImage> {
  const doc = await openPdf(textToPdf(LINES.join('\n'), { fontSize: 12 }));
  try {
    const { image } = await renderPdfPageGrey(await doc.getPage(1), 300, 0);
    const white = { r: 255, g: 255, b: 255 };
    const strip = await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 1 } })
      .extract({ left: 60, top: 90, width: 2400, height: 360 })
      .resize({ width: 1600 })
      .extend({ top: 40, bottom: 40, left: 20, right: 20, background: white })
      .png()
      .toBuffer();
    const { data, info } = await sharp(strip).rotate(angle, { background: white }).greyscale().removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(1);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
  } finally {
    await doc.destroy();
  }
}

const readers: PaddleReader[] = [];
afterAll(async () => {
  await Promise.all(readers.map((r) => r.close()));
});

describe('PP-OCRv4 detection of lines a little off level', () => {
  it("reads lines turned by 1.5° that the bounding box's mean score dropped, and level lines as before", async () => {
    const region = await PaddleReader.load();
    const box = await PaddleReader.load({ boxScore: 'box' });
    readers.push(region, box);
    const text = async (r: PaddleReader, image: GreyImage) => (await r.read(image)).words.map((w) => w.text).join(' ');
    const level = await slantedStrip(0);
    expect(await text(region, level)).toBe(TEXT);
    expect(await text(box, level)).toBe(TEXT);
    const turned = await slantedStrip(1.5);
    expect(await text(region, turned)).toBe(TEXT);
    // Each line's box is more paper than ink: the box score finds nothing.
    expect(await text(box, turned)).toBe('');
  }, 240_000);
});
