import { execFileSync } from 'node:child_process';
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

  it('is loaded under tsx as pdfjs ships it, with no source map (tsx\'s rewrite and its map cost 300 MB of RSS)', () => {
    // A process run as `npm start` runs: under tsx, which turns source maps on. Node keeps a map
    // for every module it was given one for; pdfjs's files must have none (see pdfjs.ts).
    const script = [
      "import { findSourceMap } from 'node:module';",
      "import path from 'node:path';",
      "await import('./src/extraction/parse/pdfjs.ts');",
      "const mapped = (f) => findSourceMap(path.resolve('node_modules/pdfjs-dist/legacy/build', f)) !== undefined;",
      "console.log(JSON.stringify({ main: mapped('pdf.mjs'), worker: mapped('pdf.worker.mjs'), own: mapped(path.resolve('src/extraction/parse/pdfjs.ts')) }));",
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    // Our own TypeScript keeps its map (stack traces name .ts lines): the hook touches only pdfjs.
    expect(JSON.parse(out.trim().split('\n').pop() ?? '{}')).toEqual({ main: false, worker: false, own: true });
  });
});
