import type { DocumentModel } from '../model/document.js';
import { type DateOrder, inferDateOrder } from '../normalize/dates.js';
import { findCurrency } from '../normalize/currency.js';
import { repairPostcodeGlyphs, US_STATES } from '../normalize/postcode-glyphs.js';
import type { Candidate } from './candidate.js';
import { indexDocument, type PageIndex } from './layout-index.js';

/** What every extractor reads: the document, its layout index, and document-wide conventions. */
export interface ExtractionContext {
  doc: DocumentModel;
  pages: PageIndex[];
  dateOrder: DateOrder;
  /** The currency most often printed in the document, if any. */
  currency: string | null;
  allText: string;
  /** Findings of the extractors themselves (rows left out, values not printed), reported to the caller. */
  warnings: { code: string; message: string }[];
}

/** A town, a US state and its ZIP code ("Denver, CO 80202", "Raleigh NC 27601"). */
const US_STATE_ZIP = new RegExp(String.raw`[A-Za-z.],?\s+(?:${[...US_STATES].join('|')})\s+\d{5}(?:-\d{4})?\b`);

/** An amount written with a decimal comma ("1.234,56", "12,50"), as most of Europe writes them. */
export const DECIMAL_COMMA = /\d,\d{2}(?![\d,.])/;

export function createContext(doc: DocumentModel): ExtractionContext {
  const pages = indexDocument(doc);
  const lines = pages.flatMap((p) => p.segments.flat().map((s) => s.text));
  const allText = lines.join('\n');
  // US documents write month first: a state + ZIP code ("Denver, CO 12345", "Raleigh NC 27601") and
  // dollars, or no other country's money (till receipts often print their amounts without a "$"). A
  // European invoice to a US address is not one: euro, pound or franc codes, or decimal commas.
  // The state as OCR may read it ("Portland, 0R 97205"): postcode glyphs repaired first.
  const otherMoney = /\b(?:EUR|GBP|CHF)\b/.test(allText) || DECIMAL_COMMA.test(allText);
  const usLike =
    !/€|£|RM\s?\d/.test(allText) && (/\$\s?\d/.test(allText) || !otherMoney) && lines.some((l) => /\d{5}/.test(l) && US_STATE_ZIP.test(repairPostcodeGlyphs(l)));
  const counts = new Map<string, number>();
  for (const page of pages) {
    const anywhere = doc.pages.find((p) => p.number === page.page)?.source !== 'ocr';
    for (const seg of page.segments.flat()) {
      const c = findCurrency(seg.text, { anywhere });
      if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  }
  const currency = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? (usLike ? 'USD' : null);
  return { doc, pages, dateOrder: inferDateOrder(lines, usLike ? 'mdy' : 'dmy'), currency, allText, warnings: [] };
}

export interface FieldValue {
  value: unknown;
  confidence: number;
  citations: Candidate['citations'];
  source: string;
  /** The confidence is a trained scorer's probability, already weighed against returning nothing. */
  calibrated?: boolean;
}

export const NOT_FOUND: FieldValue = { value: null, confidence: 0, citations: [], source: 'page' };

export function fromCandidate(c: Candidate | null): FieldValue {
  if (!c) return NOT_FOUND;
  return { value: c.value, confidence: Math.round(Math.min(1, Math.max(0, c.score)) * 100) / 100, citations: c.citations, source: 'page' };
}

/** Relative vertical position of a candidate in the document, 0 at the top of the first page, 1 at the end. */
export function documentPosition(ctx: ExtractionContext, c: Candidate): number {
  const cit = c.citations[0];
  if (!cit) return 0;
  const pageIdx = ctx.pages.findIndex((p) => p.page === cit.page);
  const page = ctx.pages[pageIdx];
  const within = page ? cit.bbox[1] / page.height : 0;
  return (pageIdx + within) / Math.max(1, ctx.pages.length);
}
