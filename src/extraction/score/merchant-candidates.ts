import { type Candidate, cite, wordConfidence } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import type { Segment } from '../extract/layout-index.js';
import { LEGAL_FORM } from '../extract/parties.js';
import type { Line } from '../model/document.js';
import { ADDRESS_START, ADDRESS_WORD, correctLegalForm, letters, NOT_MERCHANT, REG_IN_PARENS, rowText, STREET_WORD, trimAfterLegalForm } from '../models/receipt-merchant.js';

/** How many rows from the top of a receipt may hold the merchant's name. */
const HEADER_ROWS = 12;

export const MERCHANT_FEATURES = [
  'row',
  'lines',
  'letters',
  'letter_ratio',
  'upper_ratio',
  'words',
  'digits',
  'legal',
  'legal_last',
  'title_or_contact',
  'address_like',
  'colon',
  'ocr_confidence',
  'height_rel',
  'height_rank',
  'center_offset',
  'width_rel',
  'text_rows_before',
  'next_opens_address',
  'branch_in_parens',
] as const;

export interface MerchantCandidate {
  value: string;
  lines: Line[];
  candidate: Candidate;
  features: Record<string, number>;
}

const upperRatio = (t: string) => (t.match(/\p{Lu}/gu) ?? []).length / Math.max(1, letters(t));
const isText = (t: string) => letters(t) >= 4 && letters(t) >= t.replace(/\s/g, '').length * 0.6;

/**
 * The header lines of a receipt, one by one and in pairs (a name set on two lines), as candidates
 * for the merchant's name, with generic features: how the text is written (letters, capitals, a legal
 * form, title or contact words), how it is set (size against the page's type, centring, width), and
 * where (row, text rows above it, an address opening below it).
 */
export function merchantCandidates(ctx: ExtractionContext): MerchantCandidate[] {
  const page = ctx.pages[0];
  if (!page) return [];
  const rows = page.segments.slice(0, HEADER_ROWS).filter((r) => r.length);
  const heights = page.segments.flat().flatMap((s) => s.line.words.map((w) => w.bbox[3] - w.bbox[1])).sort((a, b) => a - b);
  const median = heights[Math.floor(heights.length / 2)] || 1;
  const rowHeight = (row: Segment[]) => {
    const hs = row.flatMap((s) => s.line.words.map((w) => w.bbox[3] - w.bbox[1]));
    return hs.reduce((a, b) => a + b, 0) / Math.max(1, hs.length) / median;
  };
  const maxHeight = Math.max(1e-6, ...rows.map(rowHeight));
  const out: MerchantCandidate[] = [];
  rows.forEach((row, r) => {
    for (const span of [1, 2]) {
      const used = rows.slice(r, r + span);
      if (used.length < span) continue;
      const texts = used.map((u) => correctLegalForm(rowText(u)));
      const text = texts.join(' ');
      if (letters(text) < 3) continue;
      const lines = used.flatMap((u) => u.map((s) => s.line));
      const words = lines.flatMap((l) => l.words);
      const box = cite(page.page, words).bbox;
      const bare = text.replace(REG_IN_PARENS, '');
      const next = rows[r + span];
      const features: Record<string, number> = {
        row: r,
        lines: span,
        letters: letters(text),
        letter_ratio: letters(text) / Math.max(1, text.replace(/\s/g, '').length),
        upper_ratio: upperRatio(text),
        words: text.split(/\s+/).length,
        digits: (bare.match(/\d/g) ?? []).length,
        legal: LEGAL_FORM.test(text) ? 1 : 0,
        legal_last: LEGAL_FORM.test(texts[texts.length - 1]) ? 1 : 0,
        title_or_contact: texts.some((t) => NOT_MERCHANT.test(t)) ? 1 : 0,
        address_like: texts.some((t) => (/\d/.test(t) && ADDRESS_WORD.test(t)) || STREET_WORD.test(t)) ? 1 : 0,
        colon: /:\s*\S/.test(bare) ? 1 : 0,
        ocr_confidence: wordConfidence(words),
        height_rel: used.reduce((s, u) => s + rowHeight(u), 0) / span,
        height_rank: used.reduce((s, u) => s + rowHeight(u), 0) / span / maxHeight,
        center_offset: Math.abs((box[0] + box[2]) / 2 - page.width / 2) / page.width,
        width_rel: (box[2] - box[0]) / page.width,
        text_rows_before: rows.slice(0, r).filter((u) => isText(rowText(u))).length,
        next_opens_address: next && ADDRESS_START.test(rowText(next)) ? 1 : 0,
        branch_in_parens: /^\([^)]+\)$/.test(texts[texts.length - 1].trim()) ? 1 : 0,
      };
      const value = trimAfterLegalForm(text);
      out.push({ value, lines, candidate: { value, score: 0, citations: [cite(page.page, words)], via: 'scored' }, features });
    }
  });
  return out;
}
