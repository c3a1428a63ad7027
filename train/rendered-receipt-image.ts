import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM } from './rendered-invoice-pdf.js';
import type { RenderedReceipt } from './rendered-receipts.js';

/** Photographed receipts are kept here by the hash of their HTML and degradation: generated, never committed. */
export const RECEIPT_CACHE = path.resolve('.tmp/rendered-receipts');

/**
 * Prints rendered receipts to images with one headless chromium (a screenshot of the paper at 2–3
 * device pixels per CSS pixel, ~200–290 dpi for a 80 mm roll), then "photographs" them: on a grey
 * table, turned by up to ±2°, slightly blurred, as JPEG, as the receipt says.
 */
export class ReceiptPhotographer {
  private browser: Browser | null = null;

  constructor(private readonly cacheDir: string = RECEIPT_CACHE) {}

  async image(rec: RenderedReceipt): Promise<{ bytes: Buffer; mediaType: 'image/png' | 'image/jpeg' }> {
    const mediaType = rec.jpeg ? 'image/jpeg' : 'image/png';
    const key = createHash('sha1').update(`${rec.width} ${rec.scale} ${rec.rotate} ${rec.blur} ${rec.jpeg}\n${rec.html}`).digest('hex').slice(0, 16);
    const file = path.join(this.cacheDir, `${key}.${rec.jpeg ? 'jpg' : 'png'}`);
    if (existsSync(file)) return { bytes: readFileSync(file), mediaType };
    this.browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    const page = await this.browser.newPage({ viewport: { width: rec.width, height: 400 }, deviceScaleFactor: rec.scale });
    let shot: Buffer;
    try {
      await page.setContent(rec.html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => true)');
      shot = await page.locator('.paper').screenshot();
    } finally {
      await page.close();
    }
    const margin = Math.round(12 * rec.scale);
    let img = sharp(shot).extend({ top: margin, bottom: margin, left: margin, right: margin, background: '#8a8a86' });
    if (rec.rotate) img = sharp(await img.png().toBuffer()).rotate(rec.rotate, { background: '#8a8a86' });
    if (rec.blur) img = sharp(await img.png().toBuffer()).blur(rec.blur);
    const bytes = rec.jpeg ? await img.jpeg({ quality: rec.jpeg }).toBuffer() : await img.png().toBuffer();
    mkdirSync(this.cacheDir, { recursive: true });
    writeFileSync(file, bytes);
    return { bytes, mediaType };
  }

  async close(): Promise<void> {
    await this.browser?.close();
    this.browser = null;
  }
}
