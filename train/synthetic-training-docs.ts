import { textToPdf } from '../test/fixtures/text-pdf.js';
import { readDocument } from '../src/extraction/parse/read-document.js';
import { generateTrainingInvoice } from './synthetic-invoice-layouts.js';
import type { TrainingDoc } from './training-docs.js';

/** Generated invoices have a text layer on every page: nothing is read by OCR. */
const noOcr = (): never => {
  throw new Error('a generated invoice page has no text layer');
};

/** How many generated invoices training reads: enough that each layout choice is seen in every language. */
export const SYNTHETIC_INVOICES = 300;

/**
 * Generated invoices (train/synthetic-invoice-layouts.ts) as training documents: each written as a
 * text-layer PDF in its font and read back through the PDF reader, so the scorers learn from the
 * same document model real PDFs give. Seeds 1..count; a fold holds every tenth seed, so layouts
 * spread over all folds.
 */
export async function syntheticTrainingDocs(count = SYNTHETIC_INVOICES): Promise<TrainingDoc[]> {
  const out: TrainingDoc[] = [];
  for (let seed = 1; seed <= count; seed++) {
    const inv = generateTrainingInvoice(seed);
    const model = await readDocument({ bytes: textToPdf(inv.text, { font: inv.font }), mediaType: 'application/pdf', filename: `synthetic-${seed}.pdf`, ocr: noOcr });
    out.push({
      doc: { dataset: 'synthetic', id: `synthetic-${seed}`, file: null, side: 'train', gold: { doc_type: 'invoice', source_file: '', fields: inv.gold } },
      reading: 'page',
      model,
      group: `synthetic-${seed % 10}`,
    });
  }
  return out;
}
