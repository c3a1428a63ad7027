import { cite } from '../extract/candidate.js';
import { type ExtractionContext, type FieldValue, NOT_FOUND } from '../extract/context.js';
import type { Word } from '../model/document.js';
import { findDates } from '../normalize/dates.js';
import { ADDRESS_START, END_OF_ADDRESS, POSTCODE_TOWN, STREET_WITH_NUMBER } from '../normalize/address-lexicon.js';
import { repairPostcodeGlyphs } from '../normalize/postcode-glyphs.js';
import { wordMender } from '../score/word-lexicon.js';

/** Lines under the merchant's name that are not its address: registration numbers, former names. */
const NOT_ADDRESS = /^[({]?\s*(?:co[.\s-]*(?:reg|no)|company|conpany|reg(?:istration)?|br\s*no|roc|gst|sst|formerly|licensee|owned|owner|site\s*[:.]|[a-z]{0,3}\d{5,}[-\s]?[a-z]?[)}]?$|\d{3,}-[a-z]\b)/i;
/** A company registration number on its own ("(LLP0007299-LGN)", "1345465623-F"): not the address. */
const REG_NUMBER = /^[({[]?[a-z]{0,4}[\dO]{5,}[-\s]?[a-z0-9]{0,4}[)}\]]*[;:,.]?$/i;
/** "69002 Lyon", "00184 Roma": a postcode and a town of four letters look like a registration number to REG_NUMBER. */
const POSTCODE_AND_TOWN = /^\d{4,5}\s+\p{Lu}\p{Ll}{2,}$/u;
/** "Site : 2188", "Careline : 1800 88 1231": a label and a value after the address, not part of it. */
const LABEL_VALUE = /^[^:\d]{2,25}:/;
/**
 * An item row, not an address: two printed prices, an amount with its currency, or a line that ends
 * in a price (with a tax code after it: "Brot 2,49 A").
 */
const PRICES = /\d[.,]\d{2}\b.*\d[.,]\d{2}\b|(?:\b(?:RM|USD|EUR|GBP)|[$€£])\s?\d|(?:^|\s)\d{1,4}[.,]\d{2}\s*[A-Z*]?$/i;
/** "Formerly known as" / "Licensee of" announce another company's name on the next line. */
const NAME_FOLLOWS = /(?:formerly\s*known\s*as|licensee\s*of|a\s*member\s*of|owned\s*by)\s*$/i;
/** A phone number or "T:/F:" contact at the end of an address line is not part of the address. */
const TRAILING_CONTACT = /\s*(?:[|]?\s*(?:t|f|tel|fax|ph)\s*[:.]\s*)?\+?\(?\d{2,4}\)?[-\s]?\d{3,4}[-\s]?\d{3,5}[,.]?(?:\s*[|]?\s*(?:f|fax)\s*[:.]\s*\+?\d[\d\s-]{6,})?\s*$/i;

/** One printed row of the address block: its text (segments joined by spaces) and its words. */
export interface AddressRow {
  text: string;
  words: Word[];
}

/**
 * The merchant's address is the run of rows right under its name, until contact or tax lines
 * begin.
 */
export function addressRows(ctx: ExtractionContext, nameRowBottom: number): AddressRow[] {
  const page = ctx.pages[0];
  if (!page) return [];
  const lines: AddressRow[] = [];
  let skipNext = false;
  // Before the address starts, a few other lines may sit under the name (registration number,
  // a date, a branch name); more than that and what follows is not the header any more.
  let skipped = 0;
  let closed = false;
  for (const row of page.segments) {
    const seg = row[0];
    // A row is under the name when its middle is: OCR line boxes are padded and overlap the row
    // above by a few pixels (PP-OCRv4's, often by a fifth of their height), so their tops cannot say it.
    if (!seg || (seg.line.bbox[1] + seg.line.bbox[3]) / 2 < nameRowBottom) continue;
    if (!lines.length && skipped > 5) break;
    const text = row.map((s) => s.text).join(' ');
    const started = lines.length > 0;
    if (skipNext) {
      skipNext = false;
      skipped++;
      continue;
    }
    if (NAME_FOLLOWS.test(text)) {
      skipNext = true;
      skipped++;
      continue;
    }
    // A lone token with digits under the name is a company registration number ("(JM0352019-K)").
    const regNumber = row.length === 1 && !/\s/.test(seg.text.trim()) && /\d/.test(seg.text) && !/[a-z]{3}/i.test(seg.text);
    const notAddress =
      END_OF_ADDRESS.test(text) || findDates(text).length > 0 || NOT_ADDRESS.test(text) || regNumber || (REG_NUMBER.test(text.trim()) && !POSTCODE_AND_TOWN.test(text.trim())) || PRICES.test(text);
    if (started && notAddress) break;
    // An address opens with a number or a street word; name-like lines before it (a branch
    // name, a second company name) are skipped.
    if (!started && (notAddress || !(ADDRESS_START.test(text) || STREET_WITH_NUMBER.test(text)) || (LABEL_VALUE.test(text) && !/^\W*(?:lot\s*)?no\b/i.test(text)))) {
      skipped++;
      continue;
    }
    if (started && LABEL_VALUE.test(text)) break;
    // A line that is only a phone number ends the address.
    if (started && TRAILING_CONTACT.test(text) && text.replace(TRAILING_CONTACT, '').trim() === '') break;
    // After the postcode-and-town line ("47400 PETALING JAYA", "Sacramento, CA 95815") only a state or country may follow ("SELANGOR DARUL EHSAN")
    // (or a branch in parentheses).
    if (closed && !/^\([^)]*\)$/.test(text.trim()) && (/\d|:/.test(text) || text.trim().split(/\s+/).length > 3)) break;
    lines.push({ text, words: row.flatMap((s) => s.line.words) });
    if (POSTCODE_TOWN.test(text)) closed = true;
    if (lines.length >= 5) break;
  }
  return lines;
}

/**
 * The address under the merchant's name: its rows (`addressRows`) joined as `joinAddressRows`
 * says (single spaces as printed, for a text layer).
 */
export function extractAddress(ctx: ExtractionContext, nameRowBottom: number): FieldValue {
  const page = ctx.pages[0];
  const lines = addressRows(ctx, nameRowBottom);
  if (!page || !lines.length) return NOT_FOUND;
  const words = lines.flatMap((l) => l.words);
  const conf = words.reduce((s, w) => s + w.confidence, 0) / words.length;
  const value = joinAddressRows(lines.map((l) => l.text), ctx.doc.pages[0]?.source === 'ocr');
  return { value, confidence: Math.round(0.6 * conf * 100) / 100, citations: [cite(page.page, words)], source: 'page' };
}

/**
 * The address's text from its rows, joined by single spaces as printed. An OCR reading's commas
 * read as periods and its O/0 and l/1 confusions inside words are repaired, and its misread, split
 * or glued words are mended against the header lexicon (`score/word-lexicon.ts`, the words of the
 * train labels' names and addresses), as header rows are for the name; then its postcode is read by
 * its country's shape (`normalize/postcode-glyphs.ts`).
 */
export function joinAddressRows(rows: readonly string[], ocr: boolean): string {
  const value = rows.join(' ').replace(TRAILING_CONTACT, '').trim();
  if (!ocr) return value;
  const repaired = commasMisreadAsPeriods(value)
    .replace(/[\p{L}\d]+/gu, repairGlyphs)
    // A German street's ß read as B by an OCR model without ß ("HauptstraBe 12").
    .replace(/(?<=\p{L}{2})(stra|STRA)B(e|E)(?=\.?\s*\d)/gu, (_, stra: string, e: string) => (e === 'e' ? `${stra}ße` : `${stra}SSE`));
  // Postcodes last: the word repairs above read "BS1", "K1P" as words ("BSI", "KIP").
  return repairPostcodeGlyphs(wordMender().mend(repaired));
}

/**
 * Abbreviations that end with a period inside addresses ("NO. 3", "JLN.", "P.T. 2811", "ST."), and
 * the street types other countries shorten so ("Avda. de la Constitución", "Bahnhofstr. 5",
 * "Blvd.", "Pl.", "Av.").
 */
const ABBREVIATION = /^(?:no|lot|jln|tmn|kg|bt|sg|st|rd|ave|blk|sek|jl|avda|av|blvd|bd|dr|ln|pl|sq|ste|hwy|pkwy|\p{L}*str|p|t|u|s|d|e|m)$/iu;

/**
 * At scan resolution OCR often loses a comma's tail and reads it as a period. In printed addresses
 * a period followed by another part is rare except after an abbreviation (SROIE's labels: ", " 341
 * times, ". " 9 times), so "TAMAN SRI PUTRA. 81200" is read as "TAMAN SRI PUTRA, 81200".
 */
export function commasMisreadAsPeriods(text: string): string {
  // A lone period between two parts ("DAMANSARA HEIGHTS . 50490") is a speck, not punctuation.
  return text.replace(/(?<=[\p{L}\d]) \. (?=[\p{L}\d])/gu, ' ').replace(/([\p{L}\d]+)\. (?=[\p{L}\d])/gu, (m, word: string) => (ABBREVIATION.test(word) || /\.[\p{L}]$/u.test(word) ? m : `${word}, `));
}

/**
 * OCR confuses O with 0 and l with 1: "L0T", "Ja1an", "571O0" (on the train split's OCR readings,
 * 40 of 312 chosen addresses held such a word). A word of letters with one 0 or 1 in it is read as
 * letters (1 as I in a capitalised word, l otherwise); a five-character postcode with three or more
 * digits as digits. Mixed tokens by design ("SS21", "1851-A", "G-13") have more digits or a
 * separator, and stay as read.
 */
export function repairGlyphs(word: string): string {
  if (word.length >= 3 && /^\p{L}*[01]\p{L}*$/u.test(word) && /\p{L}/u.test(word) && (word.match(/[01]/g) ?? []).length === 1) {
    const upper = !/\p{Ll}/u.test(word);
    return word.replace('0', upper ? 'O' : 'o').replace('1', upper ? 'I' : 'l');
  }
  if (/^[\dOoIl]{5}$/.test(word) && (word.match(/\d/g) ?? []).length >= 3) return word.replace(/[Oo]/g, '0').replace(/[Il]/g, '1');
  return word;
}
