import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { generateRenderedContent, type RenderedGold } from './rendered-invoices.js';
import { TEMPLATE_NAMES, TEMPLATES } from './rendered-invoice-templates.js';
import type { RenderLang } from './rendered-invoice-vocabulary.js';

/** Debian's chromium (`apt-get install chromium`, as .ci/run installs it), never a downloaded browser. */
export const CHROMIUM = process.env.DOCSIFT_CHROMIUM || '/usr/bin/chromium';
/** Rendered PDFs are kept here by the hash of their HTML: generated, never committed. */
export const RENDERED_CACHE = path.resolve('.tmp/rendered-invoices');

export interface RenderedInvoice {
  seed: number;
  template: string;
  lang: RenderLang;
  html: string;
  /** Letter for US invoices, A4 for the rest. */
  format: 'A4' | 'Letter';
  gold: RenderedGold;
}

/**
 * The invoice of a seed: its template is the seed's turn in the template list (seed mod 10), so a
 * template's seeds are known without rendering. `bundledFont`: every text in Liberation Sans as
 * pdfjs-dist ships it (node_modules), not the machine's fonts, so that training reads the same PDFs
 * on every machine with chromium (Debian's chromium pulls in no fonts of its own).
 */
export function renderedInvoice(seed: number, opts: { template?: string; bundledFont?: boolean } = {}): RenderedInvoice {
  const template = opts.template ?? TEMPLATE_NAMES[seed % TEMPLATE_NAMES.length];
  const content = generateRenderedContent(seed);
  const printed = TEMPLATES[template](content);
  const html = opts.bundledFont ? withBundledFont(printed) : printed;
  return { seed, template, lang: content.lang, html, format: content.gold.currency === 'USD' ? 'Letter' : 'A4', gold: content.gold };
}

let bundledCss: string | null = null;
function withBundledFont(html: string): string {
  if (!bundledCss) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts');
    const face = (file: string, weight: string, style: string) =>
      `@font-face { font-family: 'Docsift Sans'; src: url(data:font/ttf;base64,${readFileSync(path.join(dir, file)).toString('base64')}) format('truetype'); font-weight: ${weight}; font-style: ${style}; }`;
    bundledCss = [face('LiberationSans-Regular.ttf', '100 500', 'normal'), face('LiberationSans-Bold.ttf', '600 900', 'normal'), face('LiberationSans-Italic.ttf', '100 500', 'italic'), face('LiberationSans-BoldItalic.ttf', '600 900', 'italic')].join('\n');
  }
  // U+202F (French thousands) is not in Liberation Sans: a no-break space is, so no glyph falls back to a machine font.
  return html.replace(/\u202f/g, '\u00a0').replace(/font-family: '[^']+', sans-serif;/, "font-family: 'Docsift Sans';").replace('<style>', `<style>${bundledCss}\n`);
}

/** Prints rendered invoices to PDF with one headless chromium, cached under .tmp by the HTML's hash. */
export class InvoicePrinter {
  private browser: Browser | null = null;

  constructor(private readonly cacheDir: string | null = RENDERED_CACHE) {}

  async pdf(inv: Pick<RenderedInvoice, 'html' | 'format'>): Promise<Buffer> {
    const key = createHash('sha1').update(`${inv.format}\n${inv.html}`).digest('hex').slice(0, 16);
    const file = this.cacheDir ? path.join(this.cacheDir, `${key}.pdf`) : null;
    if (file && existsSync(file)) return readFileSync(file);
    this.browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    const page = await this.browser.newPage();
    try {
      // The HTML loads nothing from outside: fonts are the machine's, there are no images.
      await page.setContent(inv.html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => true)');
      const bytes = await page.pdf({ format: inv.format, printBackground: true, margin: { top: '0', bottom: '0', left: '0', right: '0' } });
      if (file) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, bytes);
      }
      return bytes;
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.browser?.close();
    this.browser = null;
  }
}
