import { type Candidate, cite } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import { correctLegalForm, trimAfterLegalForm } from '../document-types/receipt-merchant.js';
import { digitShare, firstRow, type HeaderRow, headerRows, letterShare, upperShare } from './header-rows.js';

/** A name is printed on one row, or wrapped over two or three. */
const MAX_ROWS = 3;
/** Names start within the first rows. */
const NAME_ROWS = 10;

export const MERCHANT_FEATURES = [
  'start',
  'rows',
  'name_like_above',
  'chars',
  'words',
  'one_word',
  'upper',
  'letters',
  'digits',
  'legal',
  'legal_end',
  'company_word',
  'trimmed',
  'not_merchant',
  'address_word',
  'street',
  'postcode',
  'state',
  'label_value',
  'date_or_amount',
  'reg_number',
  'above_address',
  'rows_to_address',
  'above_contact',
  'height_rel',
  'tallest',
  'confidence',
  'case_diff',
  'height_diff',
  'last_lone_legal',
  'digit_row',
] as const;

export interface MerchantCandidate {
  value: string;
  rows: HeaderRow[];
  candidate: Candidate;
  features: Record<string, number>;
}

const nameLike = (r: HeaderRow) => letterShare(r.text) >= 0.6 && !r.notMerchant && !r.labelValue && r.text.length >= 3;

/**
 * Every run of one to three rows near the top of a receipt's first page as a candidate for the
 * merchant's name, its legal form's OCR misreadings corrected and a registration number after it
 * cut, with generic features: where it sits (and whether the address or the contact lines come
 * before it), how it is printed (capitals, type size, digits), and its vocabulary (legal forms,
 * street and state words, document titles). The trained model chooses.
 */
export function merchantCandidates(ctx: ExtractionContext): MerchantCandidate[] {
  const rows = headerRows(ctx);
  if (!rows.length) return [];
  const firstAddress = firstRow(rows, (r) => r.street || r.postcode || (r.addressStart && r.addressWord));
  const firstContact = firstRow(rows, (r) => r.endOfAddress || r.date || r.amount);
  const tallest = Math.max(...rows.slice(0, NAME_ROWS).map((r) => r.heightRel));
  const out: MerchantCandidate[] = [];
  const seen = new Set<string>();
  for (let start = 0; start < Math.min(NAME_ROWS, rows.length); start++) {
    for (let n = 1; n <= MAX_ROWS && start + n <= rows.length; n++) {
      const block = rows.slice(start, start + n);
      const joined = correctLegalForm(block.map((r) => r.text).join(' '));
      const value = trimAfterLegalForm(joined);
      if (!value || !/\p{L}{2}/u.test(value)) continue;
      const key = `${start}:${value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const end = start + n - 1;
      const words = value.split(/\s+/).length;
      const last = block[block.length - 1];
      const features: Record<string, number> = {
        start,
        rows: n,
        name_like_above: rows.slice(0, start).filter(nameLike).length,
        chars: Math.log1p(value.length),
        words: Math.min(10, words),
        one_word: words === 1 ? 1 : 0,
        upper: upperShare(value),
        letters: letterShare(value),
        digits: digitShare(value),
        legal: block.some((r) => r.legalForm) ? 1 : 0,
        legal_end: /(?:s[do0]n\.?\s*bhd|bhd|s\/b|plt|llp|ltd|limited|gmbh|inc|corp)\.?\)?$/i.test(value) ? 1 : 0,
        company_word: block.some((r) => r.company) ? 1 : 0,
        trimmed: value !== joined.trim() ? 1 : 0,
        not_merchant: block.filter((r) => r.notMerchant).length,
        address_word: block.filter((r) => r.addressWord).length,
        street: block.filter((r) => r.street).length,
        postcode: block.some((r) => r.postcode) ? 1 : 0,
        state: block.some((r) => r.state) ? 1 : 0,
        label_value: block.some((r) => r.labelValue) ? 1 : 0,
        date_or_amount: block.some((r) => r.date || r.amount) ? 1 : 0,
        reg_number: block.some((r) => r.regNumber) ? 1 : 0,
        above_address: end < firstAddress ? 1 : 0,
        rows_to_address: Math.max(-3, Math.min(5, firstAddress - end - 1)),
        above_contact: end < firstContact ? 1 : 0,
        height_rel: Math.max(...block.map((r) => r.heightRel)),
        tallest: block.some((r) => r.heightRel >= tallest - 1e-9) ? 1 : 0,
        confidence: Math.min(...block.map((r) => r.confidence)),
        case_diff: Math.max(...block.map((r) => upperShare(r.text))) - Math.min(...block.map((r) => upperShare(r.text))),
        height_diff: Math.max(...block.map((r) => r.heightRel)) - Math.min(...block.map((r) => r.heightRel)),
        last_lone_legal: n > 1 && last.company && last.text.split(/\s+/).length <= 2 ? 1 : 0,
        digit_row: block.some((r) => /\d/.test(r.text) && !r.legalForm) ? 1 : 0,
      };
      const page = ctx.pages[0].page;
      out.push({ value, rows: block, candidate: { value, score: 0, citations: [cite(page, block.flatMap((r) => r.words))], via: 'scored' }, features });
    }
  }
  return out;
}

/** The row under which the name's address may start. */
export function nameBottom(c: MerchantCandidate): number {
  return Math.max(...c.rows.map((r) => r.bottom));
}
