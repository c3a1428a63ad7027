import { readDocument } from '../src/extraction/parse/read-document.js';
import { InvoicePrinter, renderedInvoice } from './rendered-invoice-pdf.js';
import type { TrainingDoc } from './training-docs.js';

/**
 * The rendered-invoice templates a training run may read (none does today: tried for the invoice
 * scorers and reverted, BENCHMARKS.md "Rendered invoices"); `rendered-holdout.ts` scores the others
 * apart (template held out), so the figure on them says how scorers do on layouts they have not seen.
 */
export const RENDERED_TRAINING_TEMPLATES = ['ledger', 'xero', 'letter', 'band', 'boxed'];
export const RENDERED_HELD_OUT_TEMPLATES = ['stripe', 'zoho', 'latex', 'footer', 'split'];
/** How many rendered invoices training reads (seeds 1..count, the templates above in turn). */
export const RENDERED_TRAINING_INVOICES = 100;

const noOcr = (): never => {
  throw new Error('a rendered invoice page has no text layer');
};

/**
 * Rendered invoices (train/rendered-invoices.ts) as training documents: HTML printed to PDF by
 * chromium in the font pdfjs-dist ships (the same PDFs on every machine; cached under .tmp), read
 * back through the PDF reader. Seed s uses template s mod 5 of the training list; folds hold every
 * tenth seed.
 */
export async function renderedTrainingDocs(count = RENDERED_TRAINING_INVOICES): Promise<TrainingDoc[]> {
  const printer = new InvoicePrinter();
  const out: TrainingDoc[] = [];
  try {
    for (let seed = 1; seed <= count; seed++) {
      const inv = renderedInvoice(seed, { template: RENDERED_TRAINING_TEMPLATES[seed % RENDERED_TRAINING_TEMPLATES.length], bundledFont: true });
      const model = await readDocument({ bytes: await printer.pdf(inv), mediaType: 'application/pdf', filename: `rendered-${seed}.pdf`, ocr: noOcr });
      out.push({
        doc: { dataset: 'rendered', id: `rendered-${seed}`, file: null, side: 'train', gold: { doc_type: 'invoice', source_file: '', fields: { ...inv.gold } } },
        reading: 'page',
        model,
        group: `rendered-${seed % 10}`,
      });
    }
  } finally {
    await printer.close();
  }
  return out;
}
