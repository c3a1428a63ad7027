import PDFDocument from 'pdfkit';

/**
 * Builds a real text-layer PDF in memory (via pdfkit) so tests and benchmarks don't depend on files
 * from elsewhere. Each entry of `pages` is that page's lines (none: a PDF with zero pages).
 * `userPassword` encrypts it (pdfkit's standard security handler), as a real password-protected PDF.
 */
export async function makePdf(pages: string[][], options: { userPassword?: string } = {}): Promise<Buffer> {
  const encryption = options.userPassword ? { userPassword: options.userPassword, ownerPassword: `${options.userPassword}-owner` } : {};
  const doc = new PDFDocument({ size: 'A4', margin: 56, autoFirstPage: false, info: { Title: 'docsift test' }, ...encryption });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const lines of pages) {
    doc.addPage();
    doc.font('Helvetica').fontSize(11);
    for (const line of lines) doc.text(line);
  }
  doc.end();
  return done;
}

/** A one-page invoice with the usual fields, for end-to-end runs. */
export function sampleInvoiceLines(n = 1042): string[] {
  return [
    'ACME Supplies Ltd',
    '12 Harbour Road, Bristol BS1 4DJ, United Kingdom',
    `Invoice number: INV-${n}`,
    'Invoice date: 2026-03-14',
    'Due date: 2026-04-13',
    'Bill to: Northwind Traders, 5 Market Street, Leeds',
    'Description                 Qty   Unit price   Amount',
    'Paper A4 box                  2        25.00    50.00',
    'Toner cartridge               1       150.00   150.00',
    'Subtotal: 200.00',
    'VAT 20%: 40.00',
    'Total: GBP 240.00',
  ];
}
