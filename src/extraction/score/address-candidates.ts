import { type Candidate, cite } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import { digitShare, firstRow, HEADER_ROWS, type HeaderRow, headerRows, upperShare } from './header-rows.js';

/** SROIE's addresses run over one to five printed rows (train: 2 or 3 in four of five). */
const MAX_ROWS = 5;

export const ADDRESS_FEATURES = [
  'start',
  'rows',
  'after_company',
  'company_above',
  'first_start',
  'first_street',
  'street_any',
  'postcode_any',
  'postcode_last',
  'postcode_first',
  'state_last',
  'state_any',
  'addressy_share',
  'bad_rows',
  'reg_rows',
  'company_in_block',
  'label_value',
  'next_end',
  'next_addressy',
  'prev_addressy',
  'prev_company_or_reg',
  'after_postcode_digits',
  'chars',
  'digits',
  'upper',
  'max_gap',
  'height_diff',
  'confidence',
] as const;

export interface AddressCandidate {
  value: string;
  rows: HeaderRow[];
  candidate: Candidate;
  features: Record<string, number>;
}

/** A phone number or "T:/F:" contact at the end of an address line is not part of the address. */
const TRAILING_CONTACT =
  /\s*(?:[|]?\s*(?:t|f|tel|fax|ph)\s*[:.]\s*)?\+?\(?\d{2,4}\)?[-\s]?\d{3,4}[-\s]?\d{3,5}[,.]?(?:\s*[|]?\s*(?:f|fax)\s*[:.]\s*\+?\d[\d\s-]{6,})?\s*$/i;
/** Abbreviations that end with a period inside addresses ("NO. 3", "JLN.", "P.T. 2811", "ST."). */
const ABBREVIATION = /^(?:no|lot|jln|tmn|kg|bt|sg|st|rd|ave|blk|sek|jl|p|t|u|s|d|e|m)$/i;

/**
 * At scan resolution OCR often loses a comma's tail and reads it as a period. In printed addresses
 * a period followed by another part is rare except after an abbreviation (SROIE's labels: ", " 341
 * times, ". " 9 times), so "TAMAN SRI PUTRA. 81200" is read as "TAMAN SRI PUTRA, 81200".
 */
export function commasMisreadAsPeriods(text: string): string {
  // A lone period between two parts ("DAMANSARA HEIGHTS . 50490") is a speck, not punctuation.
  return text
    .replace(/(?<=[\p{L}\d]) \. (?=[\p{L}\d])/gu, ' ')
    .replace(/([\p{L}\d]+)\. (?=[\p{L}\d])/gu, (m, word: string) => (ABBREVIATION.test(word) || /\.[\p{L}]$/u.test(word) ? m : `${word}, `));
}

/**
 * Commas as OCR misplaces them: a space read before a comma ("14/11 ,"), a comma read as a period
 * between a number or a word and the next word ("NO 4.JALAN", "JAYA.SELANGOR"). SROIE's train
 * labels print neither "4.JALAN" nor "JAYA.SELANGOR" once, and " ," 44 times against 1,357 ", ".
 */
function commaSpacing(text: string): string {
  return text
    .replace(/(\S) ,/g, '$1,')
    .replace(/(\d)\.(?=\p{L}{2})/gu, '$1,')
    .replace(/(\p{L}{2,})\.(?=\p{L}{3})/gu, (m, word: string) => (ABBREVIATION.test(word) ? m : `${word},`));
}

/** An address as its rows are printed: joined by one space, a trailing phone number cut. */
export function addressText(rows: readonly HeaderRow[], ocr: boolean): string {
  const value = rows.map((r) => r.text).join(' ').replace(TRAILING_CONTACT, '').trim();
  return ocr ? commaSpacing(commasMisreadAsPeriods(value)) : value;
}

const addressy = (r: HeaderRow | undefined) => !!r && (r.street || r.postcode || r.state || r.addressWord);
const bad = (r: HeaderRow) => r.endOfAddress || r.date || r.amount || r.notMerchant;

/**
 * Every run of one to five rows near the top of a receipt's first page as a candidate for the
 * merchant's address, with generic features: where it starts against the company line, how its
 * first and last rows read (a street or number opening, a postcode and town or a state closing),
 * what surrounds it (contact and tax lines after, the name or registration number before), and
 * lines inside it that an address does not hold (dates, prices, tax ids, a company name).
 */
export function addressCandidates(ctx: ExtractionContext): AddressCandidate[] {
  const rows = headerRows(ctx);
  if (!rows.length) return [];
  const ocr = ctx.doc.pages[0]?.source === 'ocr';
  const company = firstRow(rows.slice(0, 10), (r) => r.legalForm || r.company);
  const hasCompany = company < Math.min(10, rows.length);
  const out: AddressCandidate[] = [];
  const seen = new Set<string>();
  for (let start = 0; start < Math.min(HEADER_ROWS, rows.length); start++) {
    for (let n = 1; n <= MAX_ROWS && start + n <= rows.length; n++) {
      const block = rows.slice(start, start + n);
      const value = addressText(block, ocr);
      if (!/\p{L}{2}/u.test(value) || seen.has(`${start}:${value}`)) continue;
      seen.add(`${start}:${value}`);
      const first = block[0];
      const last = block[n - 1];
      const next = rows[start + n];
      const prev = rows[start - 1];
      const postcodeAt = block.findIndex((r) => r.postcode);
      let maxGap = 0;
      for (let i = 1; i < n; i++) maxGap = Math.max(maxGap, (block[i].top - block[i - 1].bottom) / Math.max(1e-6, block[i - 1].bottom - block[i - 1].top));
      const features: Record<string, number> = {
        start,
        rows: n,
        after_company: hasCompany ? Math.max(-3, Math.min(6, start - company)) : 0,
        company_above: hasCompany && company < start ? 1 : 0,
        first_start: first.addressStart ? 1 : 0,
        first_street: first.street ? 1 : 0,
        street_any: block.some((r) => r.street) ? 1 : 0,
        postcode_any: postcodeAt >= 0 ? 1 : 0,
        postcode_last: last.postcode ? 1 : 0,
        postcode_first: postcodeAt === 0 && n > 1 ? 1 : 0,
        state_last: last.state ? 1 : 0,
        state_any: block.some((r) => r.state) ? 1 : 0,
        addressy_share: block.filter(addressy).length / n,
        bad_rows: block.filter(bad).length,
        reg_rows: block.filter((r) => r.regNumber).length,
        company_in_block: block.some((r) => r.legalForm) ? 1 : 0,
        label_value: block.some((r) => r.labelValue) ? 1 : 0,
        next_end: !next || bad(next) || next.regNumber || next.labelValue ? 1 : 0,
        next_addressy: addressy(next) && !bad(next!) ? 1 : 0,
        prev_addressy: addressy(prev) && !bad(prev!) ? 1 : 0,
        prev_company_or_reg: !prev || prev.legalForm || prev.company || prev.regNumber ? 1 : 0,
        after_postcode_digits: postcodeAt >= 0 && block.slice(postcodeAt + 1).some((r) => /\d|:/.test(r.text)) ? 1 : 0,
        chars: Math.log1p(value.length),
        digits: digitShare(value),
        upper: upperShare(value),
        max_gap: Math.min(5, maxGap),
        height_diff: Math.max(...block.map((r) => r.heightRel)) - Math.min(...block.map((r) => r.heightRel)),
        confidence: Math.min(...block.map((r) => r.confidence)),
      };
      const page = ctx.pages[0].page;
      out.push({ value, rows: block, candidate: { value, score: 0, citations: [cite(page, block.flatMap((r) => r.words))], via: 'scored' }, features });
    }
  }
  return out;
}
