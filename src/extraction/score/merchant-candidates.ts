import { type Candidate, cite } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import { correctLegalForm, trimAfterLegalForm } from '../document-types/receipt-merchant.js';
import { genericWordCount, type NameLexicon, nameLexicon, nameWords } from './name-lexicon.js';
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
  'next_reg',
  'next_address',
  'next_legal',
  'next_contact',
  'repeat',
  'generic_words',
  'generic_share',
] as const;

/**
 * Features computed for study (train/merchant-study.ts --variants) beside the committed ones, none
 * today: a feature joins MERCHANT_FEATURES only when it lifts validation as well as train out of fold.
 */
export const EXTRA_MERCHANT_FEATURES: readonly string[] = [];

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
export function merchantCandidates(ctx: ExtractionContext, opts: { lexicon?: NameLexicon; own?: Set<string> } = {}): MerchantCandidate[] {
  const lexicon = opts.lexicon ?? nameLexicon();
  const rows = headerRows(ctx);
  if (!rows.length) return [];
  const firstAddress = firstRow(rows, (r) => r.street || r.postcode || (r.addressStart && r.addressWord));
  const firstContact = firstRow(rows, (r) => r.endOfAddress || r.date || r.amount);
  const tallest = Math.max(...rows.slice(0, NAME_ROWS).map((r) => r.heightRel));
  const page = ctx.pages[0];
  // Every row of the first page as lower-case text: a name is often printed again below the header
  // ("THANK YOU FOR SHOPPING AT ..."), an address line or a greeting seldom is.
  const pageRows = page.segments.map((row) => row.map((seg) => seg.text).join(' ').toLowerCase());
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
      const next = rows[end + 1];
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
        // What the row under the block is: a name is followed by its registration number, its
        // address or its contact lines; a name's first row by the rest of the name.
        next_reg: next && (next.regNumber || NEXT_REG.test(next.text)) ? 1 : 0,
        next_address: next && (next.street || next.postcode || (next.addressStart && next.addressWord)) ? 1 : 0,
        next_legal: next && (next.legalForm || next.company) && !next.addressWord ? 1 : 0,
        next_contact: next && (next.endOfAddress || next.date) ? 1 : 0,
        repeat: repeated(value, pageRows, new Set(block.map((r) => r.index))),
        generic_words: Math.min(3, genericWordCount(value, lexicon, opts.own)),
        generic_share: genericWordCount(value, lexicon, opts.own) / Math.max(1, nameWords(value).length),
      };
      out.push({ value, rows: block, candidate: { value, score: 0, citations: [cite(page.page, block.flatMap((r) => r.words))], via: 'scored' }, features });
    }
  }
  return out;
}

/** A company or business registration number line under a name ("CO.REG : 933109-X", "BR No.:0195932-X"). */
const NEXT_REG = /^\W{0,2}(?:co(?:mpany)?\.?\s*(?:reg|no)|br\s*no|roc|reg(?:istration)?\.?\s*no|\(?\s*[a-z]{0,3}\d{5,}[-\s]?[a-z]\b)/i;

/** Words of a name that say nothing of whose it is: legal forms and the like. */
const COMMON = /^(?:sdn|bhd|s\/b|plt|ltd|the|and|of|co|m)$/i;

/**
 * The share of a candidate's distinctive words (three letters or more, legal forms left out) that
 * the page prints again on a row outside the candidate.
 */
function repeated(value: string, pageRows: string[], own: Set<number>): number {
  const words = (value.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => !COMMON.test(w));
  if (!words.length) return 0;
  const elsewhere = pageRows.filter((_, i) => !own.has(i)).join(' ');
  return words.filter((w) => new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, 'u').test(elsewhere)).length / words.length;
}

/** The row under which the name's address may start. */
export function nameBottom(c: MerchantCandidate): number {
  return Math.max(...c.rows.map((r) => r.bottom));
}
