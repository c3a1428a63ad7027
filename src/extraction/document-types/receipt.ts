import { type Candidate, cite } from '../extract/candidate.js';
import { MERCHANT_FEATURES, merchantCandidates } from '../score/merchant-candidates.js';
import { type ExtractionContext, type FieldValue, fromCandidate, NOT_FOUND } from '../extract/context.js';
import { extractLineItems } from '../extract/line-items.js';
import { ADDRESS_START, findReceiptMerchant } from './receipt-merchant.js';
import { chooseScored } from '../score/choose.js';
import { DATE_FEATURES, dateCandidates } from '../score/date-candidates.js';
import { extractReceiptTotals } from '../extract/totals.js';
import { findPhones } from '../normalize/identifiers.js';
import { findDates } from '../normalize/dates.js';
import { LEGAL_FORM } from '../extract/parties.js';
import { textParser, timeParser } from '../extract/value-parsers.js';
import { extractCurrency, type Fields, labelled } from './invoice.js';

/** Lines under the merchant's name that are not its address: registration numbers, former names. */
const NOT_ADDRESS = /^[({]?\s*(?:co[.\s-]*(?:reg|no)|company|conpany|reg(?:istration)?|br\s*no|roc|gst|sst|formerly|licensee|owned|owner|site\s*[:.]|[a-z]{0,3}\d{5,}[-\s]?[a-z]?[)}]?$|\d{3,}-[a-z]\b)/i;
/** A company registration number on its own ("(LLP0007299-LGN)", "1345465623-F"): not the address. */
const REG_NUMBER = /^[({[]?[a-z]{0,4}[\dO]{5,}[-\s]?[a-z0-9]{0,4}[)}\]]*[;:,.]?$/i;
/** "Site : 2188", "Careline : 1800 88 1231": a label and a value after the address, not part of it. */
const LABEL_VALUE = /^[^:\d]{2,25}:/;
/** The postcode-and-town line ("47400 PETALING JAYA", "81100 JOHOR BAHRU, JOHOR") usually closes an address. */
const POSTCODE_TOWN = /(?<!\b(?:lot|no)\.?\s*)\b\d{5}\s*,?\s+\p{L}{2,}/iu;
/** Two printed prices on a line: an item row, not an address. */
const PRICES = /\d\.\d{2}\b.*\d\.\d{2}\b|\bRM\s?\d/i;
/** "Formerly known as" / "Licensee of" announce another company's name on the next line. */
const NAME_FOLLOWS = /(?:formerly\s*known\s*as|licensee\s*of|a\s*member\s*of|owned\s*by)\s*$/i;
/** A phone number or "T:/F:" contact at the end of an address line is not part of the address. */
const TRAILING_CONTACT = /\s*(?:[|]?\s*(?:t|f|tel|fax|ph)\s*[:.]\s*)?\+?\(?\d{2,4}\)?[-\s]?\d{3,4}[-\s]?\d{3,5}[,.]?(?:\s*[|]?\s*(?:f|fax)\s*[:.]\s*\+?\d[\d\s-]{6,})?\s*$/i;
/** Where the address ends: contact details, tax ids, document data. */
const END_OF_ADDRESS = /(?:tel|phone|fax|h\/p|hp\s*:|e-?mail|gst|sst|tax|invoice|receipt|bill|date|cashier|table|order|doc(?:ument)?\s*no|www\.|@|website|guest|check)/i;

/**
 * The merchant's address is the run of lines right under its name, until contact or tax lines
 * begin. Lines are joined with single spaces as printed (no reformatting), which is how receipts
 * are usually transcribed.
 */
function extractAddress(ctx: ExtractionContext, nameRowBottom: number): FieldValue {
  const page = ctx.pages[0];
  if (!page) return NOT_FOUND;
  const lines = [];
  let skipNext = false;
  // Before the address starts, a few other lines may sit under the name (registration number,
  // a date, a branch name); more than that and what follows is not the header any more.
  let skipped = 0;
  let closed = false;
  for (const row of page.segments) {
    const seg = row[0];
    if (!seg || seg.line.bbox[1] < nameRowBottom - 1) continue;
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
      END_OF_ADDRESS.test(text) || findDates(text).length > 0 || NOT_ADDRESS.test(text) || regNumber || REG_NUMBER.test(text.trim()) || PRICES.test(text);
    if (started && notAddress) break;
    // An address opens with a number or a street word; name-like lines before it (a branch
    // name, a second company name) are skipped.
    if (!started && (notAddress || !ADDRESS_START.test(text) || (LABEL_VALUE.test(text) && !/^\W*(?:lot\s*)?no\b/i.test(text)))) {
      skipped++;
      continue;
    }
    if (started && LABEL_VALUE.test(text)) break;
    // A line that is only a phone number ends the address.
    if (started && TRAILING_CONTACT.test(text) && text.replace(TRAILING_CONTACT, '').trim() === '') break;
    // After the postcode-and-town line only a state or country may follow ("SELANGOR DARUL EHSAN")
    // (or a branch in parentheses).
    if (closed && !/^\([^)]*\)$/.test(text.trim()) && (/\d|:/.test(text) || text.trim().split(/\s+/).length > 3)) break;
    lines.push({ text, words: row.flatMap((s) => s.line.words) });
    if (POSTCODE_TOWN.test(text)) closed = true;
    if (lines.length >= 5) break;
  }
  if (!lines.length) return NOT_FOUND;
  const words = lines.flatMap((l) => l.words);
  const conf = words.reduce((s, w) => s + w.confidence, 0) / words.length;
  let value = lines.map((l) => l.text).join(' ').replace(TRAILING_CONTACT, '').trim();
  if (ctx.doc.pages[0]?.source === 'ocr') value = commasMisreadAsPeriods(value);
  return { value, confidence: Math.round(0.6 * conf * 100) / 100, citations: [cite(page.page, words)], source: 'page' };
}

/** Abbreviations that end with a period inside addresses ("NO. 3", "JLN.", "P.T. 2811", "ST."). */
const ABBREVIATION = /^(?:no|lot|jln|tmn|kg|bt|sg|st|rd|ave|blk|sek|jl|p|t|u|s|d|e|m)$/i;

/**
 * At scan resolution OCR often loses a comma's tail and reads it as a period. In printed addresses
 * a period followed by another part is rare except after an abbreviation (SROIE's labels: ", " 341
 * times, ". " 9 times), so "TAMAN SRI PUTRA. 81200" is read as "TAMAN SRI PUTRA, 81200".
 */
function commasMisreadAsPeriods(text: string): string {
  // A lone period between two parts ("DAMANSARA HEIGHTS . 50490") is a speck, not punctuation.
  return text.replace(/(?<=[\p{L}\d]) \. (?=[\p{L}\d])/gu, ' ').replace(/([\p{L}\d]+)\. (?=[\p{L}\d])/gu, (m, word: string) => (ABBREVIATION.test(word) || /\.[\p{L}]$/u.test(word) ? m : `${word}, `));
}

function extractPhone(ctx: ExtractionContext): FieldValue {
  const byLabel = labelled(ctx, 'merchant_phone', (text) => {
    const p = findPhones(text)[0];
    return p && p.index < 6 ? { value: p.value, start: p.index, end: p.index + p.value.length, fit: 1 } : null;
  });
  return byLabel;
}

/** A value whose confidence is a trained scorer's probability: returned as chosen, not re-thresholded. */
function calibrated(v: FieldValue): FieldValue {
  return v.value === null ? v : { ...v, calibrated: true };
}

function scoredDate(ctx: ExtractionContext): FieldValue {
  const best = chooseScored('receipt-date', DATE_FEATURES, dateCandidates(ctx));
  return best ? calibrated(fromCandidate(best.candidate.candidate)) : NOT_FOUND;
}

function scoredText(task: string, features: readonly string[], candidates: { value: string; features: Record<string, number>; candidate: Candidate }[]): FieldValue {
  const best = chooseScored(task, features, candidates);
  return best ? calibrated(fromCandidate(best.candidate.candidate)) : NOT_FOUND;
}

export function extractReceipt(ctx: ExtractionContext): Fields {
  const totals = extractReceiptTotals(ctx);
  // The name is the trained scorer's choice among header rows; the address is still found by the
  // rule under the rule's name line (the address scorer lost on validation: 0.235 against 0.258).
  const merchant = findReceiptMerchant(ctx);
  const name = scoredText('receipt-merchant', MERCHANT_FEATURES, merchantCandidates(ctx));
  const nameBottom = merchant?.bottom ?? 0;
  const date = scoredDate(ctx);
  return {
    merchant_name: name,
    merchant_address: merchant ? extractAddress(ctx, nameBottom) : NOT_FOUND,
    merchant_phone: extractPhone(ctx),
    date,
    time: labelled(ctx, 'time', timeParser()),
    currency: extractCurrency(ctx),
    subtotal: totals.subtotal,
    tax_amount: totals.tax_amount,
    tip_amount: labelled(ctx, 'tip_amount', (t) => {
      const m = /\d+[.,]\d{2}/.exec(t);
      return m ? { value: Number(m[0].replace(',', '.')), start: m.index, end: m.index + m[0].length, fit: 1 } : null;
    }),
    total_amount: totals.total_amount,
    payment_method: labelled(ctx, 'payment_method', textParser(40)),
    items: extractLineItems(ctx, 'receipt'),
  };
}
