import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scannedPdf } from '../../../test/fixtures/scanned-invoice.js';
import { generateInvoice } from '../../../test/fixtures/synthetic-invoices.js';
import { textToPdf } from '../../../test/fixtures/text-pdf.js';
import type { DocumentModel } from '../model/document.js';
import { runPipeline } from '../pipeline.js';
import { classify } from './classify.js';

const typeOf = async (text: string) => (await runPipeline({ bytes: Buffer.from(text), mediaType: 'text/plain', filename: 'x.txt' })).document_type;

describe('classify', () => {
  it('does not read version numbers and decimals as the dated rows of a bank statement', async () => {
    // A package manifest: dozens of "20.9", "^1.9.3" and the word "bank" once, no statement cue.
    const manifest = fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8');
    expect(await typeOf(manifest)).toBe('other');
    const versions = Array.from({ length: 30 }, (_, i) => `lib-${i} ^${(i % 28) + 1}.${(i % 12) + 1}.${i % 10}  mirror  ${i + 10}.${i + 40}`).join('\n');
    expect(await typeOf(versions)).toBe('other');
  });

  it('still counts dated rows in every common form', async () => {
    const forms = ['03.01.2024', '3/1/24', '03-01', '03 Jan', '3 mars', '03. Okt', '12 dic'];
    const rows = Array.from({ length: 18 }, (_, i) => `${forms[i % forms.length]}  Card payment ${i}   ${(i + 1) * 3}.50`).join('\n');
    expect(await typeOf(`Bank\n${rows}`)).toBe('bank_statement');
  });

  it('knows a short till receipt from another country by its payment, tax and thanks lines', async () => {
    // Neither says "receipt", "cash" or "thank you"; both are too short to be till-shaped.
    const uk = ['THE GREEN GROCER', '8 Victoria Avenue', 'Bristol BS1 5TR', '22/03/2023 17:30', 'CHEDDAR CHEESE    1.34', 'BURGER COMBO    4.64', 'TOTAL    5.98', 'Incl. VAT 20%    1.00', 'CONTACTLESS ****7991    5.98', 'Cheers!'];
    const nl = ['DROGISTERIJ VAN DIJK', 'Marktplein 3', '1012 PH Amsterdam', 'APPELTAART    14,89', 'TOTAAL    14,89', 'waarvan BTW 9%    1,23', 'CONTANT    20,00', 'Terug    5,11', 'Tot ziens!'];
    expect(await typeOf(uk.join('\n'))).toBe('receipt');
    expect(await typeOf(nl.join('\n'))).toBe('receipt');
  });

  it('calls prose "other" however often it names invoices, receipts or servers', async () => {
    const sentence = 'The supplier sends each invoice and receipt to the finance team, which checks the bank statement on the server every Monday at 10:30 and files the table of results.';
    const letter = Array.from({ length: 12 }, () => sentence).join(' ');
    expect(await typeOf(letter)).toBe('other');
    const architecture = fs.readFileSync(path.resolve(import.meta.dirname, '../../../ARCHITECTURE.md'), 'utf8');
    expect(await typeOf(architecture)).toBe('other');
  });

  it('calls a scanned letter "other" too (read by OCR, A4-shaped, with a till\'s words but no amounts)', async () => {
    const letter = [
      'Dear Ms Novak,',
      '',
      ...Array.from({ length: 9 }, (_, i) => `Paragraph ${i + 1}: our team moved the archive to a new server last week; the cash desk at the front counter now opens at 08:30, and the member lounge has a new table for guests.`.match(/.{1,80}(\s|$)/g)!.map((l) => l.trim())),
      '',
      'Kind regards,',
      'Jonas Weber',
    ].join('\n');
    const scan = await scannedPdf(textToPdf(letter, { font: 'Helvetica' }), 1, { seed: 5, skew: 1 });
    const r = await runPipeline({ bytes: scan, mediaType: 'application/pdf', filename: 'letter.pdf' });
    expect(r.text).toMatch(/Kind regards/); // read by OCR: the scan has no text layer
    expect(r.document_type).toBe('other');
  }, 60_000);

  it('keeps an invoice an invoice when pages of terms follow it', async () => {
    const terms = Array.from({ length: 60 }, (_, i) => `Clause ${i + 1}. Payment is due within thirty days of the invoice date; late payment accrues interest as the law allows.`).join('\n');
    const invoice = generateInvoice(3);
    const r = await runPipeline({ bytes: Buffer.from(`${invoice.text}\n\n${terms}`), mediaType: 'text/plain', filename: 'x.txt' });
    expect(r.document_type).toBe('invoice');
    expect(r.data.total_amount).toBe(invoice.gold.total_amount);
  });

  it('needs an amount to call a short text a receipt, unless the text names its type', async () => {
    expect(await typeOf('Team lunch moved: meet the server at table 4, 12:30, cash or card.')).toBe('other');
    expect(await typeOf('INVOICE 42\nBill to: Globex\nDue date: 2026-01-31\nTotal 1500')).toBe('invoice');
  });

  it('reads a letter-spaced title on a text layer, and a title compound ("Verkoopfactuur")', async () => {
    expect(await typeOf('I N V O I C E\nGlobex Ltd, 12 High Street, Leeds\nTotal 1,200.00 GBP')).toBe('invoice');
    expect(await typeOf('Verkoopfactuur\nBakkerij de Vries, Kerkstraat 12, Utrecht\nVervaldatum 12-03-2026\nTe betalen 242,00 EUR')).toBe('invoice');
  });

  it('finds a type name that OCR split into pieces ("I nvoi ce No.")', () => {
    const ocrPage = (text: string): DocumentModel => ({
      pageCount: 1,
      embedded: [],
      warnings: [],
      pages: [
        {
          number: 1,
          width: 595,
          height: 842,
          source: 'ocr',
          words: text.split(' ').map((t, i) => ({ text: t, bbox: [i * 30, 100, i * 30 + 25, 110], confidence: 0.8 })),
          lines: [],
          blocks: [],
        },
      ],
    });
    const text = 'Van Dijk B.V. I nvoi ce No.: F-2019-5645 I nvoi ce Date: 11 February 2019 Subt ot al 4,625.34 EUR Total 5,550.41 EUR';
    expect(classify(ocrPage(text)).type).toBe('invoice');
  });

  it('knows a photographed till receipt by its narrow printed column, not by the photo\'s shape', () => {
    // A receipt photographed on a table: the photo is wider than tall, the print 30 characters wide.
    const lines = ['NORTHERN GROCERS', 'Store #318', '9 King St W', 'Ottawa, ON K1P 5G8', 'Dec 19, 2025 #20355', 'WHOLE MILK 1GAL    3.66',
      'ICED TEA    18.40', 'ORANGE JUICE    14.71', 'SUBTOTAL    36.77', 'HST 15%    5.52', 'AMOUNT DUE    42.29', 'Cash    50.00', 'CHANGE    7.71', 'Thanks for visiting'];
    const photo = (charWidth: number, gap: number): DocumentModel => ({
      pageCount: 1,
      embedded: [],
      warnings: [],
      pages: [{
        number: 1, width: 1600, height: 1200, source: 'ocr', lines: [], blocks: [],
        words: lines.flatMap((line, row) => {
          let x = 500;
          return line.split(/\s+/).map((t) => {
            const w = { text: t, bbox: [x, 100 + row * 30, x + t.length * charWidth, 120 + row * 30] as [number, number, number, number], confidence: 0.9 };
            x += (t.length + gap) * charWidth;
            return w;
          });
        }),
      }],
    });
    expect(classify(photo(12, 1)).type).toBe('receipt');
    // The same words spread over a page's width (60+ characters) are not till-shaped: too few cues.
    expect(classify(photo(12, 24)).type).toBe('other');
  });
});
