import fs from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { cMapUrl, openPdf, standardFontDataUrl, warmUpPdf } from './pdf-document.js';

// A fresh realm's Function.prototype.toString tells a native function from a JavaScript one even
// when this realm's toString has been replaced to hide the difference (as core-js does).
const realmToString = vm.runInNewContext('Function.prototype.toString') as (this: unknown) => string;
const isNative = (f: unknown) => /\{\s*\[native code\]\s*\}$/.test(realmToString.call(f));

describe('pdfjs', () => {
  it('finds its standard-font and CMap data where it reads them from: the file name appended to a folder path', () => {
    // pdfjs under Node reads `${url}${name}` with fs.readFile, which takes a path, not a file:// URL.
    expect(fs.existsSync(`${standardFontDataUrl}FoxitFixed.pfb`)).toBe(true);
    expect(fs.existsSync(`${cMapUrl}UniJIS-UCS2-H.bcmap`)).toBe(true);
  });

  it('reads a PDF and leaves JSON, Array.prototype.push and Function.prototype.toString native', async () => {
    const doc = await openPdf(warmUpPdf());
    try {
      const page = await doc.getPage(1);
      const text = await page.getTextContent();
      expect(text.items.length).toBeGreaterThan(0);
    } finally {
      await doc.destroy();
    }
    for (const builtIn of [JSON.stringify, JSON.parse, Array.prototype.push, Function.prototype.toString]) {
      expect(isNative(builtIn), realmToString.call(builtIn).slice(0, 60)).toBe(true);
    }
  });
});
