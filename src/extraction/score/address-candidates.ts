import { type Candidate, cite } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import { addressRows, joinAddressRows, TRAILING_CONTACT } from '../document-types/receipt-address.js';
import { type HeaderRow, headerRows, letterShare, upperShare } from './header-rows.js';
import { wordMender } from './word-lexicon.js';

/** An address is printed on one to six rows. */
const MAX_ROWS = 6;
/** It starts within a few rows under the merchant's name (a registration number, a branch line between). */
const MAX_GAP = 7;
/** A word of the header lexicon counts as address vocabulary when this many merchant groups print it. */
const LEXICON_GROUPS = 3;

export const ADDRESS_FEATURES = [
  // The rule's block (`addressRows`): the model weighs it instead of obeying it.
  'rule_same',
  'rule_start',
  'rule_end',
  'rule_none',
  'start_vs_rule',
  'end_vs_rule',
  // Where the block sits.
  'gap',
  'rows',
  'skipped_address_like',
  // Its first row.
  's_opens',
  's_street',
  's_address_word',
  's_postcode',
  's_state',
  's_company',
  's_not_merchant',
  's_reg',
  's_label',
  's_letters',
  's_upper',
  // Every row.
  'in_end',
  'in_reg',
  'in_date_amount',
  'in_label',
  'in_postcode',
  'in_street',
  'in_state',
  'in_address_word',
  'in_company',
  'rows_after_postcode',
  'trailing_contact',
  // Its last row.
  'e_postcode',
  'e_state',
  'e_comma',
  'e_period',
  'e_digits',
  // The row under it.
  'n_none',
  'n_end',
  'n_reg',
  'n_date_amount',
  'n_label',
  'n_postcode',
  'n_state',
  'n_street',
  'n_address_word',
  'n_company',
  // The row over it.
  'p_comma',
  'p_reg',
  'p_address_like',
  // How it is set.
  'height_diff',
  'height_next',
  'height_prev',
  'centre_offset',
  'centre_spread',
  'gap_inside',
  'gap_after',
  'gap_before',
  'confidence',
  // Address vocabulary of the header lexicon.
  'lex_share',
  'lex_next',
  'lex_prev',
] as const;

export interface AddressCandidate {
  value: string;
  rows: HeaderRow[];
  candidate: Candidate;
  features: Record<string, number>;
}

const clip = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
const count = (rows: HeaderRow[], test: (r: HeaderRow) => boolean) => rows.filter(test).length;
const addressLike = (r: HeaderRow) => r.addressStart || r.street || r.postcode || (r.addressWord && /\d/.test(r.text));

/**
 * Every run of one to six rows starting within a few rows under the merchant's name (`nameBottom`,
 * the bottom of its last row) as a candidate for the merchant's address, joined as the rule joins
 * its rows, with generic features: whether the rule (`addressRows`) takes the same rows, what the
 * first, last, next and previous rows are (street, postcode, state vocabulary; contact, tax,
 * registration, document rows), punctuation at the row ends, type size, centring and spacing, and
 * the share of words the train labels' addresses print. `own`: the words of a train receipt's own
 * labels, which the lexicon feature does not count (as if its merchant were unseen).
 */
export function addressCandidates(ctx: ExtractionContext, nameBottom: number | undefined, opts: { own?: Set<string> } = {}): AddressCandidate[] {
  const page = ctx.pages[0];
  if (!page || nameBottom === undefined) return [];
  const rows = headerRows(ctx, 40);
  const raw = page.segments.slice(0, rows.length).map((row) => row.map((s) => s.text).join(' '));
  const below = rows.findIndex((_, i) => (page.segments[i][0]?.line.bbox[1] ?? 0) >= nameBottom - 1);
  if (below < 0) return [];
  const rule = addressRows(ctx, nameBottom).map((r) => r.index);
  const ruleStart = rule.length ? rule[0] : -1;
  const ruleEnd = rule.length ? rule[rule.length - 1] : -1;
  const ocr = ctx.doc.pages[0]?.source === 'ocr';
  const mender = wordMender();
  const lexShare = (text: string) => {
    const words = (text.toUpperCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => w.length >= 3);
    if (!words.length) return 0;
    return words.filter((w) => mender.merchants(w) - (opts.own?.has(w) ? 1 : 0) >= LEXICON_GROUPS).length / words.length;
  };
  const rowHeight = median(rows.map((r) => r.bottom - r.top));
  const centres = rows.map((r) => (Math.min(...r.words.map((w) => w.bbox[0])) + Math.max(...r.words.map((w) => w.bbox[2]))) / 2);
  const left = Math.min(...rows.flatMap((r) => r.words.map((w) => w.bbox[0])));
  const right = Math.max(...rows.flatMap((r) => r.words.map((w) => w.bbox[2])));
  const width = Math.max(1, right - left);
  const mid = (left + right) / 2;
  const out: AddressCandidate[] = [];
  for (let start = below; start <= below + MAX_GAP && start < rows.length; start++) {
    for (let n = 1; n <= MAX_ROWS && start + n <= rows.length; n++) {
      const end = start + n - 1;
      const block = rows.slice(start, end + 1);
      const value = joinAddressRows(raw.slice(start, end + 1), ocr);
      if (!/\p{L}{2}/u.test(value)) continue;
      const first = block[0];
      const last = block[n - 1];
      const next = rows[end + 1];
      const prev = start > below ? rows[start - 1] : undefined;
      const lastPostcode = block.map((r) => r.postcode).lastIndexOf(true);
      const heights = block.map((r) => r.heightRel);
      const meanHeight = heights.reduce((s, h) => s + h, 0) / n;
      const blockCentres = centres.slice(start, end + 1).map((c) => (c - mid) / width);
      const meanCentre = blockCentres.reduce((s, c) => s + c, 0) / n;
      const gaps = block.slice(1).map((r, k) => (r.top - block[k].bottom) / rowHeight);
      const features: Record<string, number> = {
        rule_same: start === ruleStart && end === ruleEnd ? 1 : 0,
        rule_start: start === ruleStart ? 1 : 0,
        rule_end: end === ruleEnd ? 1 : 0,
        rule_none: rule.length ? 0 : 1,
        start_vs_rule: rule.length ? clip(start - ruleStart, -3, 3) : 0,
        end_vs_rule: rule.length ? clip(end - ruleEnd, -3, 3) : 0,
        gap: start - below,
        rows: n,
        skipped_address_like: count(rows.slice(below, start), addressLike),
        s_opens: first.addressStart ? 1 : 0,
        s_street: first.street ? 1 : 0,
        s_address_word: first.addressWord ? 1 : 0,
        s_postcode: first.postcode ? 1 : 0,
        s_state: first.state ? 1 : 0,
        s_company: first.company || first.legalForm ? 1 : 0,
        s_not_merchant: first.notMerchant ? 1 : 0,
        s_reg: first.regNumber ? 1 : 0,
        s_label: first.labelValue ? 1 : 0,
        s_letters: letterShare(first.text),
        s_upper: upperShare(first.text),
        in_end: count(block, (r) => r.endOfAddress),
        in_reg: count(block, (r) => r.regNumber),
        in_date_amount: count(block, (r) => r.date || r.amount),
        in_label: count(block, (r) => r.labelValue),
        in_postcode: count(block, (r) => r.postcode),
        in_street: count(block, (r) => r.street),
        in_state: count(block, (r) => r.state),
        in_address_word: count(block, (r) => r.addressWord) / n,
        in_company: count(block, (r) => r.company || r.legalForm),
        rows_after_postcode: lastPostcode < 0 ? -1 : n - 1 - lastPostcode,
        trailing_contact: TRAILING_CONTACT.test(raw[end]) ? 1 : 0,
        e_postcode: last.postcode ? 1 : 0,
        e_state: last.state ? 1 : 0,
        e_comma: /,\s*$/.test(raw[end]) ? 1 : 0,
        e_period: /\.\s*$/.test(raw[end]) ? 1 : 0,
        e_digits: /\d/.test(last.text) ? 1 : 0,
        n_none: next ? 0 : 1,
        n_end: next?.endOfAddress ? 1 : 0,
        n_reg: next?.regNumber ? 1 : 0,
        n_date_amount: next && (next.date || next.amount) ? 1 : 0,
        n_label: next?.labelValue ? 1 : 0,
        n_postcode: next?.postcode ? 1 : 0,
        n_state: next?.state ? 1 : 0,
        n_street: next?.street ? 1 : 0,
        n_address_word: next?.addressWord ? 1 : 0,
        n_company: next && (next.company || next.legalForm) ? 1 : 0,
        p_comma: prev && /,\s*$/.test(raw[start - 1]) ? 1 : 0,
        p_reg: prev?.regNumber ? 1 : 0,
        p_address_like: prev && addressLike(prev) ? 1 : 0,
        height_diff: Math.max(...heights) - Math.min(...heights),
        height_next: next ? Math.abs(next.heightRel - meanHeight) : 0,
        height_prev: prev ? Math.abs(prev.heightRel - meanHeight) : 0,
        centre_offset: Math.abs(meanCentre),
        centre_spread: Math.sqrt(blockCentres.reduce((s, c) => s + (c - meanCentre) ** 2, 0) / n),
        gap_inside: gaps.length ? clip(Math.max(...gaps), -1, 5) : 0,
        gap_after: next ? clip((next.top - last.bottom) / rowHeight, -1, 5) : 5,
        gap_before: prev ? clip((first.top - prev.bottom) / rowHeight, -1, 5) : 0,
        confidence: Math.min(...block.map((r) => r.confidence)),
        lex_share: lexShare(block.map((r) => r.text).join(' ')),
        lex_next: next ? lexShare(next.text) : 0,
        lex_prev: prev ? lexShare(prev.text) : 0,
      };
      out.push({ value, rows: block, candidate: { value, score: 0, citations: [cite(page.page, block.flatMap((r) => r.words))], via: 'scored' }, features });
    }
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] || 1;
}
