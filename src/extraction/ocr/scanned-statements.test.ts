import { afterAll, describe, expect, it } from 'vitest';
import { scannedPdf } from '../../../test/fixtures/scanned-invoice.js';
import { generateStatement, LAYOUTS } from '../../../test/fixtures/synthetic-statements.js';
import { textToPdf } from '../../../test/fixtures/text-pdf.js';
import { closeSharedOcrEngine, runPipeline } from '../pipeline.js';

afterAll(async () => {
  await closeSharedOcrEngine();
});

// Generated statements printed and "scanned" (scanned-invoice.ts: 300 dpi, 1° crooked, noise, dust,
// JPEG), read by OCR. The reader is the one text PDFs use; OCR still garbles an amount now and then
// ("2.011.(3" for "2,011.73" on a Courier-like CR/DR layout), so the contract tested is: every row
// returned is right, and a row that is missing is never missing silently — the balance checks say so.
const CASES = [
  { layout: 3, what: 'French débit/crédit columns, space thousands, solde précédent' },
  { layout: 0, what: 'UK paid out / paid in with a running balance, dates once a day' },
];

describe('scanned statements (image-only PDF, OCR)', () => {
  for (const c of CASES) {
    it(`${LAYOUTS[c.layout].name}: ${c.what}`, { timeout: 120_000 }, async () => {
      const s = generateStatement(c.layout, 2, { rows: 10 });
      const bytes = await scannedPdf(textToPdf(s.text, { font: 'Helvetica' }), 1, { seed: c.layout, skew: 1 });
      const r = await runPipeline({ bytes, mediaType: 'application/pdf', filename: 'scan.pdf' });
      expect(r.document_type).toBe('bank_statement');
      const txs = r.data.transactions as { date: string; amount: number }[];
      const left = [...s.gold.transactions];
      const wrong = txs.filter((t) => {
        const k = left.findIndex((g) => g.date === t.date && g.amount === t.amount);
        if (k >= 0) left.splice(k, 1);
        return k < 0;
      });
      expect(wrong).toEqual([]);
      const codes = r.warnings.map((w) => w.code);
      if (left.length) expect(codes).toContain('BALANCE_MISMATCH');
      else expect(codes).not.toContain('BALANCE_MISMATCH');
      // Both read completely: the UK scan's "77.11" comes out of OCR as "7711", and the running balance
      // around it (4,748.79 → 4,671.68) confirms it as 77.11.
      expect(left).toEqual([]);
    });
  }
});
