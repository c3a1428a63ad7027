import { wordConfidence } from '../extract/candidate.js';
import { ADDRESS_START, ADDRESS_WORD, END_OF_ADDRESS, NOT_MERCHANT, POSTCODE_TOWN, REGION_OR_COUNTRY, STREET_WORD } from '../normalize/address-lexicon.js';
import type { ExtractionContext } from '../extract/context.js';
import type { PageIndex } from '../extract/layout-index.js';
import { LEGAL_FORM } from '../extract/parties.js';
import { findDates } from '../normalize/dates.js';
import type { Word } from '../model/document.js';
import { wordMender } from './word-lexicon.js';

/**
 * The head of a receipt as rows of text, with what the merchant-name and address scorers ask of
 * each row: its text as printed (segments of a row joined by one space, as SROIE's labels join
 * them), the word boxes, and a few vocabulary tests. Lexicons are closed classes (legal forms,
 * street words, states), not names of particular merchants.
 */
export interface HeaderRow {
  index: number;
  text: string;
  words: Word[];
  top: number;
  bottom: number;
  /** Median word height over the page's median word height: type size. */
  heightRel: number;
  confidence: number;
  /** The row is a title, greeting, contact, tax or document line. */
  notMerchant: boolean;
  /** Contact details, tax ids, document data: what comes after an address. */
  endOfAddress: boolean;
  street: boolean;
  addressWord: boolean;
  addressStart: boolean;
  postcode: boolean;
  state: boolean;
  legalForm: boolean;
  company: boolean;
  regNumber: boolean;
  date: boolean;
  amount: boolean;
  labelValue: boolean;
}

/** How many rows from the top the header candidates may start on. */
export const HEADER_ROWS = 16;

/** Strong legal forms: a company's name ends with one. */
export const COMPANY_SUFFIX = /(?<![\p{L}])(?:s[do0]n\.?\s*b[hn]d|bhd|s\/b|plt|llp|ltd|limited|gmbh|inc|corp|pte|pty|s\.?a\.?r\.?l|b\.?v|n\.?v|s\.?r\.?l|s\.?p\.?a|llc)\.?(?![\p{L}])/iu;

/** A company registration number ("(JM0352019-K)", "CO-REG:860671-D", "(1095514-X)"). */
export const REG_NUMBER = /^[({[]?\s*(?:co(?:mpany)?[.\s-]*(?:reg(?:istration)?)?[.\s]*(?:no)?[.\s:]*)?[a-z]{0,4}[\dO]{5,}[-\s]?[a-z0-9]{0,4}\s*[)}\]]*[;:,.]?$/i;
const PRICE = /\d[.,]\d{2}\b/;
const LABEL_VALUE = /^[^:\d]{2,25}:\s*\S/;

/**
 * A text's letters, capitals, digits and non-space characters, as the regular expressions \p{L},
 * \p{Lu}, \d and \S count them. The scorers ask this of every candidate line: ASCII text (nearly
 * all of it) is counted in one pass over its char codes, anything else by the expressions themselves.
 */
function charCounts(t: string): { letters: number; upper: number; digits: number; nonSpace: number } {
  let letters = 0;
  let upper = 0;
  let digits = 0;
  let nonSpace = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c > 0x7f) return unicodeCounts(t);
    if (c >= 0x41 && c <= 0x5a) {
      letters++;
      upper++;
    } else if (c >= 0x61 && c <= 0x7a) letters++;
    else if (c >= 0x30 && c <= 0x39) digits++;
    if (!(c === 0x20 || (c >= 0x09 && c <= 0x0d))) nonSpace++;
  }
  return { letters, upper, digits, nonSpace };
}

function unicodeCounts(t: string): { letters: number; upper: number; digits: number; nonSpace: number } {
  return {
    letters: (t.match(/\p{L}/gu) ?? []).length,
    upper: (t.match(/\p{Lu}/gu) ?? []).length,
    digits: (t.match(/\d/g) ?? []).length,
    nonSpace: t.replace(/\s/g, '').length,
  };
}

/** Share of a text's letters that are capitals, of its characters that are letters or digits. */
export const upperShare = (t: string) => {
  const n = charCounts(t);
  return n.upper / Math.max(1, n.letters);
};
export const letterShare = (t: string) => {
  const n = charCounts(t);
  return n.letters / Math.max(1, n.nonSpace);
};
export const digitShare = (t: string) => {
  const n = charCounts(t);
  return n.digits / Math.max(1, n.nonSpace);
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] || 1;
}

/** The first HEADER_ROWS + a few rows of the first page, described. */
export function headerRows(ctx: ExtractionContext, limit = HEADER_ROWS + 6): HeaderRow[] {
  const page: PageIndex | undefined = ctx.pages[0];
  if (!page) return [];
  const mender = wordMender();
  const pageHeight = median(page.segments.flat().flatMap((s) => s.line.words.map((w) => w.bbox[3] - w.bbox[1])));
  return page.segments.slice(0, limit).map((row, index) => {
    // Words OCR misread, split or glued are mended against the lexicon of header words.
    const text = mender.mend(row.map((s) => s.text).join(' ').replace(/\s+/g, ' ').trim());
    const words = row.flatMap((s) => s.line.words);
    return {
      index,
      text,
      words,
      top: Math.min(...row.map((s) => s.line.bbox[1])),
      bottom: Math.max(...row.map((s) => s.line.bbox[3])),
      heightRel: median(words.map((w) => w.bbox[3] - w.bbox[1])) / pageHeight,
      confidence: wordConfidence(words),
      notMerchant: NOT_MERCHANT.test(text),
      endOfAddress: END_OF_ADDRESS.test(text),
      street: STREET_WORD.test(text),
      addressWord: ADDRESS_WORD.test(text),
      addressStart: ADDRESS_START.test(text),
      postcode: POSTCODE_TOWN.test(text),
      state: REGION_OR_COUNTRY.test(text),
      legalForm: COMPANY_SUFFIX.test(text),
      company: LEGAL_FORM.test(text),
      regNumber: REG_NUMBER.test(text),
      date: findDates(text).length > 0,
      amount: PRICE.test(text),
      labelValue: LABEL_VALUE.test(text),
    };
  });
}

/** Index of the first row that satisfies `test`, or the number of rows. */
export function firstRow(rows: HeaderRow[], test: (r: HeaderRow) => boolean): number {
  const i = rows.findIndex(test);
  return i < 0 ? rows.length : i;
}
