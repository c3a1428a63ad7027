import { type Candidate, cite, wordConfidence } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import type { Segment } from '../extract/layout-index.js';
import { LEGAL_FORM } from '../extract/parties.js';
import type { Line } from '../model/document.js';
import { ADDRESS_WORD, NOT_MERCHANT, STREET_WORD } from '../normalize/address-lexicon.js';


/**
 * Malaysian and other legal forms as OCR misreads them ("SON BHD", "SDN 8HD", "S/F"): corrected to
 * the form they stand for, since a legal form is a closed vocabulary.
 */
export function correctLegalForm(text: string): string {
  return text
    .replace(/\b(S[DO0]N|5DN|SDM|SIN)(\.?\s*)(BHD|8HD|BND|BH0|BHO)\b/gi, (m, sdn: string, gap: string, bhd: string) => {
      if (/^sdn$/i.test(sdn) && /^bhd$/i.test(bhd)) return m;
      return /[a-z]/.test(m) ? `Sdn${gap}Bhd` : `SDN${gap}BHD`;
    })
    .replace(/\bS\/[FEP8]\b/g, 'S/B')
    .replace(/\)(SDN|BHD)/g, ') $1');
}

/** A name ends with its legal form: registration numbers printed after it are not part of it. */
export function trimAfterLegalForm(text: string): string {
  return text
    .replace(/((?:SDN\.?\s*BHD|BHD|S\/B|Sdn\.?\s*Bhd)\.?)\s*[({]?\s*[A-Z]{0,3}\d{3,}[\s\S]*$/i, '$1')
    .replace(REG_IN_PARENS, '')
    // Without a legal form too: a registration number in parentheses closing the line.
    .replace(/\s*[({]\s*[A-Z]{0,4}\d{4,}[-\s]?[A-Z0-9]{0,4}\s*[)}]?\s*$/i, '')
    .trim();
}

/** "(Co. No:20154-T)", "(Company Reg. No. 1234-X)" closing a name line. */
const REG_IN_PARENS = /\s*[({]\s*c[oa0](?:mpany)?\.?\s*(?:reg(?:istration)?\.?\s*)?no\.?\s*[:.]?\s*[A-Z]{0,3}\d[\w-]*\s*[)}]?\s*$/i;

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

function rowText(row: Segment[]): string {
  return row.map((s) => s.text).join(' ').trim();
}

export interface MerchantName {
  candidate: Candidate;
  /** The bottom of the name's last line: the address starts below it. */
  bottom: number;
}

/**
 * A till receipt opens with the merchant's name. Among the first rows the best-scored line wins:
 * a legal form ("SDN BHD", "S/B", "GmbH") is strong evidence, then capitals (names are set in
 * upper case), OCR confidence and nearness to the top. Symbol-heavy lines are logo noise; lines
 * with a number and street words are the address. A name set on two lines ("LIAN CHI PU TIAN
 * VEGETARIAN" / "RESTAURANT SDN BHD") is joined when both lines are set alike.
 */
export function findReceiptMerchant(ctx: ExtractionContext): MerchantName | null {
  const page = ctx.pages[0];
  if (!page) return null;
  const rows = page.segments.slice(0, 10);
  let best: { score: number; lines: Line[]; text: string } | null = null;
  const upperRatio = (t: string) => (t.match(/\p{Lu}/gu) ?? []).length / Math.max(1, letters(t));
  rows.forEach((row, r) => {
    if (!row.length) return;
    const text = correctLegalForm(rowText(row));
    const n = letters(text);
    const compact = text.replace(/\s/g, '').length;
    // A "label: value" line is not a name, but a registration number in parentheses after the
    // name may carry a colon ("Dion Realties Sdn Bhd (Co. No:20154-T)").
    const bare = text.replace(REG_IN_PARENS, '');
    if (n < 4 || n < compact * 0.6 || NOT_MERCHANT.test(text) || /:\s*\S/.test(bare)) return;
    if ((/\d/.test(bare) && ADDRESS_WORD.test(bare)) || (STREET_WORD.test(text) && !LEGAL_FORM.test(text))) return;
    const upper = upperRatio(text);
    const legal = LEGAL_FORM.test(text);
    const lines = row.map((s) => s.line);
    const conf = wordConfidence(lines.flatMap((l) => l.words));
    let score = 0.3 + (legal ? 0.3 : 0) + 0.15 * upper + 0.2 * conf - 0.03 * r;
    if (text.split(/\s+/).length === 1) score -= 0.1;
    let full = text;
    let used = lines;
    const prev = r > 0 ? rows[r - 1] : undefined;
    const prevText = prev ? correctLegalForm(rowText(prev)) : '';
    if (
      legal &&
      prev?.length &&
      text.split(/\s+/).length <= 3 &&
      letters(prevText) >= 3 &&
      !/\d/.test(prevText) &&
      !NOT_MERCHANT.test(prevText) &&
      !LEGAL_FORM.test(prevText) &&
      Math.abs(upperRatio(prevText) - upper) < 0.3
    ) {
      full = `${prevText} ${text}`;
      used = [...prev.map((s) => s.line), ...lines];
    }
    // The line under the name may finish it: a lone legal form ("TRADING") or a branch in
    // parentheses ("(JALAN KLANG LAMA)").
    const next = rows[r + 1];
    const nextText = next ? correctLegalForm(rowText(next)) : '';
    if (next?.length && !/\d/.test(nextText) && ((LEGAL_FORM.test(nextText) && !legal && nextText.split(/\s+/).length <= 2) || /^\([^)]+\)$/.test(nextText))) {
      full = `${full} ${nextText}`;
      used = [...used, ...next.map((s) => s.line)];
    }
    if (!best || score > best.score) best = { score, lines: used, text: full };
  });
  if (!best) return null;
  const found: { score: number; lines: Line[]; text: string } = best;
  const words = found.lines.flatMap((l) => l.words);
  return {
    candidate: { value: trimAfterLegalForm(found.text), score: Math.min(0.95, found.score), citations: [cite(page.page, words)], via: 'receipt-header' },
    bottom: Math.max(...found.lines.map((l) => l.bbox[3])),
  };
}
