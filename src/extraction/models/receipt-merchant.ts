import { type Candidate, cite, wordConfidence } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import { LEGAL_FORM } from '../extract/parties.js';
import type { Line } from '../model/document.js';

/** Header lines that are not the merchant: document titles, greetings, contact and tax lines. */
const NOT_MERCHANT =
  /^(?:tax\s*invoice|invoice|receipt|official\s*receipt|cash\s*(?:bill|sales?)|simplified|welcome|copy|reprint|duplicate|tel|fax|phone|gst|sst|reg|co\.?\s*reg|company\s*(?:no|reg)|date|time|cashier|table)/i;

export interface MerchantName {
  candidate: Candidate;
  /** The last line of the name, where the address starts below. */
  bottom: number;
}

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/**
 * A till receipt opens with the merchant's name. Among the first rows, the best-scored line wins:
 * a legal form ("SDN BHD", "S/B", "GmbH") is strong evidence, then upper case (names are usually
 * set in capitals), OCR confidence and being near the top. Short or symbol-heavy lines are OCR
 * noise from logos.
 */
export function findReceiptMerchant(ctx: ExtractionContext): MerchantName | null {
  const page = ctx.pages[0];
  if (!page) return null;
  let best: { score: number; lines: Line[]; text: string } | null = null;
  const rows = page.segments.slice(0, 10);
  rows.forEach((row, r) => {
    const line = [...row].sort((a, b) => letters(b.text) - letters(a.text))[0]?.line;
    if (!line) return;
    const text = line.text.trim();
    const n = letters(text);
    const compact = text.replace(/\s/g, '').length;
    if (n < 4 || n < compact * 0.6 || NOT_MERCHANT.test(text) || /:\s*\S/.test(text)) return;
    const upper = (text.match(/\p{Lu}/gu) ?? []).length / n;
    const legal = LEGAL_FORM.test(text);
    let score = 0.3 + (legal ? 0.3 : 0) + 0.1 * upper + 0.2 * wordConfidence(line.words) - 0.03 * r;
    if (text.split(/\s+/).length === 1) score -= 0.1;
    let lines = [line];
    let full = text;
    // "SDN BHD" alone, or a legal form continuing the line above: the name spans both lines.
    const prev = r > 0 ? rows[r - 1][0]?.line : undefined;
    if (legal && prev && text.split(/\s+/).length <= 2 && letters(prev.text) >= 4 && !NOT_MERCHANT.test(prev.text)) {
      lines = [prev, line];
      full = `${prev.text.trim()} ${text}`;
    }
    if (!best || score > best.score) best = { score, lines, text: full };
  });
  if (!best) return null;
  const found: { score: number; lines: Line[]; text: string } = best;
  const words = found.lines.flatMap((l) => l.words);
  return {
    candidate: { value: found.text, score: Math.min(0.95, found.score), citations: [cite(page.page, words)], via: 'receipt-header' },
    bottom: found.lines[found.lines.length - 1].bbox[3],
  };
}
