import { afterAll, describe, expect, it } from 'vitest';
import { scanPdfPage } from '../../../test/fixtures/scanned-invoice.js';
import { generateInvoice } from '../../../test/fixtures/synthetic-invoices.js';
import { textToPdf } from '../../../test/fixtures/text-pdf.js';
import { runPipeline } from '../pipeline.js';
import { openPdf } from '../parse/pdf-document.js';
import { renderPdfPageGrey } from '../parse/pdf-render.js';
import { paddleCoversLanguages, primaryEngine, SelectingOcrEngine } from './engine-selection.js';

const engines: SelectingOcrEngine[] = [];
const make = (...args: ConstructorParameters<typeof SelectingOcrEngine>) => {
  const e = new SelectingOcrEngine(...args);
  engines.push(e);
  return e;
};

afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
});

describe('which engine reads a page', () => {
  it('PP-OCRv4 only where its dictionary has every letter of the configured languages', () => {
    expect(paddleCoversLanguages(['eng'])).toBe(true);
    // Its dictionary has no ß, ö, Ä, ç, ê, €.
    expect(paddleCoversLanguages(['deu'])).toBe(false);
    expect(paddleCoversLanguages(['fra'])).toBe(false);
    expect(paddleCoversLanguages(['eng', 'deu'])).toBe(false);
    expect(paddleCoversLanguages(['xyz'])).toBe(false);
    expect(primaryEngine('auto', ['eng'])).toBe('paddle');
    expect(primaryEngine('auto', ['eng', 'fra'])).toBe('tesseract');
    expect(primaryEngine('paddle', ['deu'])).toBe('paddle');
    expect(primaryEngine('tesseract', ['eng'])).toBe('tesseract');
  });

  it('names the engine that read each page, and both read a rendered page alike', async () => {
    const doc = await openPdf(textToPdf('Invoice INV-77 Total 82.50', { fontSize: 12 }));
    const { image } = await renderPdfPageGrey(await doc.getPage(1), 300, 0);
    await doc.destroy();
    const paddle = await make({ choice: 'auto', languages: ['eng'], workers: 1 }).recognize(image);
    const tesseract = await make({ choice: 'auto', languages: ['deu'], workers: 1 }).recognize(image);
    expect(paddle.engine).toBe('paddle');
    expect(tesseract.engine).toBe('tesseract');
    for (const r of [paddle, tesseract]) expect(r.words.map((w) => w.text)).toEqual(['Invoice', 'INV-77', 'Total', '82.50']);
  });

  it("records the chosen engine in the pipeline's result", async () => {
    const inv = generateInvoice(10);
    const { jpeg } = await scanPdfPage(textToPdf(inv.text, { font: 'Helvetica' }), 1, { seed: 10, skew: 0 });
    const ocr = make({ choice: 'paddle', workers: 1 });
    const r = await runPipeline({ bytes: jpeg, mediaType: 'image/jpeg', filename: 'scan.jpg', ocr });
    expect(r.ocr_engine).toBe('paddle');
    expect(r.data.total_amount).toBe(inv.gold.total_amount);
    const text = await runPipeline({ bytes: textToPdf(inv.text), mediaType: 'application/pdf', filename: 'inv.pdf', ocr });
    expect(text.ocr_engine).toBeUndefined();
  });
});
