import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { EmbeddedInvoice } from '../model/document.js';

/** The attachment names the Factur-X, ZUGFeRD 1/2 and XRechnung conventions use for their XML. */
const INVOICE_XML = /^(factur-x|zugferd-invoice|xrechnung|order-x)\.xml$/i;

/**
 * Returns the e-invoice XML a PDF carries as an attachment, if any. Other attachments (delivery
 * notes, images) are ignored: they describe something else.
 */
export async function readPdfAttachments(doc: PDFDocumentProxy): Promise<Omit<EmbeddedInvoice, 'invoice' | 'refused'>[]> {
  const attachments = (await doc.getAttachments()) as Record<string, { filename: string; content: Uint8Array }> | null;
  if (!attachments) return [];
  const out: Omit<EmbeddedInvoice, 'invoice' | 'refused'>[] = [];
  for (const a of Object.values(attachments)) {
    if (!INVOICE_XML.test(a.filename) && !/\.xml$/i.test(a.filename)) continue;
    const xml = Buffer.from(a.content).toString('utf8');
    if (/CrossIndustry(Invoice|Document)|<(\w+:)?Invoice\b/.test(xml)) out.push({ filename: a.filename, xml });
  }
  return out;
}
