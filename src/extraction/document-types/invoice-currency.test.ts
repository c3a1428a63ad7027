import { describe, expect, it } from 'vitest';
import { createContext } from '../extract/context.js';
import { buildPage } from '../layout/build-page.js';
import type { DocumentModel, PageSource, Word } from '../model/document.js';
import { reconcileCurrency } from './invoice.js';

/** One page of lines, each a row of words about 6 pt a character, as a reader would give them. */
function page(lines: string[], source: PageSource): DocumentModel {
  const words: Word[] = [];
  lines.forEach((line, row) => {
    let x = 40;
    for (const text of line.split(' ')) {
      words.push({ text, bbox: [x, 40 + 20 * row, x + 6 * text.length, 52 + 20 * row], confidence: 0.9 });
      x += 6 * text.length + 4;
    }
  });
  return { pageCount: 1, pages: [buildPage({ number: 1, width: 595, height: 842, source, words })], embedded: [], warnings: [] };
}

const currency = (lines: string[], source: PageSource) => reconcileCurrency(createContext(page(lines, source)), []).value;

describe('the currency of a scan whose symbol the OCR could not write', () => {
  const scanned = ['Facture F2025/11', 'Montant HT 3 135,98', 'TVA (5,5 %) 172,48', 'Montant TTC 3308,46'];

  it('is EUR, at low confidence, for decimal-comma amounts read by OCR with no mark beside them', () => {
    expect(currency(scanned, 'ocr')).toBe('EUR');
    expect(reconcileCurrency(createContext(page(scanned, 'ocr')), []).confidence).toBeLessThan(0.5);
  });

  it('is left unknown on a text layer, for point-decimal amounts, and never overrides a mark that was read', () => {
    expect(currency(scanned, 'text')).toBeNull();
    expect(currency(['Invoice 11', 'Net 3,135.98', 'VAT 172.48', 'Total 3,308.46'], 'ocr')).toBeNull();
    expect(currency([...scanned, 'Montant TTC CHF 3308,46'], 'ocr')).toBe('CHF');
  });
});
