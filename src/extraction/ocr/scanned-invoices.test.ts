import { afterAll, describe, expect, it } from 'vitest';
import { type ScanOptions, scannedPdf, scanPdfPage } from '../../../test/fixtures/scanned-invoice.js';
import { jpegsToPdf } from '../../../test/fixtures/image-pdf-pages.js';
import { generateInvoice } from '../../../test/fixtures/synthetic-invoices.js';
import { type StandardFont, textToPdf } from '../../../test/fixtures/text-pdf.js';
import { closeSharedOcrEngine, runPipeline } from '../pipeline.js';

afterAll(async () => {
  await closeSharedOcrEngine();
});

// Generated invoices printed, then "scanned": rendered offline, put crooked on a grey scanner bed,
// sensor noise, dust, a slight blur, JPEG, wrapped in an image-only PDF. Real OCR (tesseract.js),
// about 2 s a page, so a handful. Without levelling (deskew.ts) tesseract loses the invoice number,
// date or total on most pages from 2° on (figures in src/extraction/README.md).
// The seeds are ones whose level scan reads right (noise costs a field on about half the pages
// even level); the sweep over 12 seeds per angle is in the README. The pages are drawn with pdfjs's
// own standard-font data, so the scans are the same on every machine, whatever fonts it has.
const CASES: { seed: number; font: StandardFont; scan: Omit<ScanOptions, 'seed'>; what: string; jpeg?: boolean }[] = [
  { seed: 10, font: 'Courier', scan: { skew: 0 }, what: 'level, Dutch, Courier' },
  { seed: 2, font: 'Times-Roman', scan: { skew: 2 }, what: '2° clockwise, French, Times' },
  { seed: 4, font: 'Helvetica', scan: { skew: -4 }, what: '4° anticlockwise, Dutch, Helvetica' },
  { seed: 8, font: 'Times-Roman', scan: { skew: 7 }, what: '7° clockwise, French, Times' },
  { seed: 3, font: 'Helvetica', scan: { skew: 3, turn: 180 }, what: 'fed upside down and 3° crooked, Spanish, Helvetica, as a JPEG', jpeg: true },
];

describe('scanned synthetic invoices (image-only PDF, OCR)', () => {
  for (const c of CASES) {
    it(`reads the number, date and total of a scan ${c.what} (seed ${c.seed})`, async () => {
      const inv = generateInvoice(c.seed);
      const page = textToPdf(inv.text, { font: c.font });
      const opts = { seed: c.seed, ...c.scan };
      const r = c.jpeg
        ? await runPipeline({ bytes: (await scanPdfPage(page, 1, opts)).jpeg, mediaType: 'image/jpeg', filename: `scan-${c.seed}.jpg` })
        : await runPipeline({ bytes: await scannedPdf(page, 1, opts), mediaType: 'application/pdf', filename: `scan-${c.seed}.pdf` });
      expect(r.document_type).toBe('invoice');
      expect({ invoice_number: r.data.invoice_number, invoice_date: r.data.invoice_date, total_amount: r.data.total_amount }).toEqual({
        invoice_number: inv.gold.invoice_number,
        invoice_date: inv.gold.invoice_date,
        total_amount: inv.gold.total_amount,
      });
      // Citations are on the page, in points: the levelled raster kept the page's size.
      const [x0, y0, x1, y1] = r.fields.total_amount.citations[0].bbox;
      expect(x0).toBeGreaterThanOrEqual(0);
      expect(y0).toBeGreaterThanOrEqual(0);
      expect(x1).toBeLessThanOrEqual(612);
      expect(y1).toBeLessThanOrEqual(792);
    });
  }
});

describe('a scanned two-page invoice whose item table continues on page 2', () => {
  it('finds every item row, in order, across specks and the running page header', async () => {
    const inv = generateInvoice(10, { items: 30, rowsPerPage: 18 });
    const pdf = textToPdf(inv.text, { font: 'Helvetica' });
    const pages = [await scanPdfPage(pdf, 1, { seed: 10, skew: 1.5 }), await scanPdfPage(pdf, 2, { seed: 110, skew: -2.5 })];
    const bytes = jpegsToPdf(pages, 2);
    const r = await runPipeline({ bytes, mediaType: 'application/pdf', filename: 'scan-2-pages.pdf' });
    expect(r.document_type).toBe('invoice');
    expect([r.data.invoice_number, r.data.total_amount]).toEqual([inv.gold.invoice_number, inv.gold.total_amount]);
    // Every gold amount, in order; OCR may add a row of its own (dust read as "3"): counted, not hidden.
    const amounts = (r.data.line_items as { amount: number }[]).map((i) => i.amount);
    let found = 0;
    for (const a of amounts) if (a === inv.gold.line_items[found]?.amount) found++;
    expect(found).toBe(30);
    expect(amounts.length).toBeLessThanOrEqual(32);
  });
});

