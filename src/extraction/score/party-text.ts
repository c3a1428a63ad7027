import { hasLabelAtLeast, invoiceLabels, LABELS, labelUnion } from '../extract/labels.js';
import { LEGAL_FORM } from '../extract/parties.js';
import { fold } from '../extract/text-fold.js';
import { digitShare, letterShare, upperShare } from './header-rows.js';

export const SALUTATION = /^(?:herrn?|frau|firma|mr\.?|mrs\.?|ms\.?|miss|dr\.?|monsieur|madame|mme\.?|m\.|sr\.?|sra\.?|dhr\.?|mevr\.?|sig\.?(?:ra)?\.?)$/i;
const TITLE = /(?<![a-z])(?:invoice|rechnung|facture|factura|factuur|fattura|gutschrift|credit\s*note|avoir|nota\s*di\s*credito|creditnota|abrechnung|quittung|receipt)(?![a-z])/;
export const STREET = /(?<![a-z])(?:str(?:asse|\.)?|street|st\.|road|rd\.?|avenue|ave\.?|lane|way|drive|allee|weg|platz|gasse|ring|rue|boulevard|bd|chemin|place|calle|avenida|plaza|paseo|straat|laan|plein|gracht|via|viale|piazza|corso)(?![a-z])|\d+\s*[a-z]?\s*,?$|^\d+\s+\p{L}/u;
export const POSTCODE = /(?<![\d.,])(?:[a-z]{1,2}[-\s]?)?\d{4,5}(?![\d.,])\s+\p{L}{2,}|\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b|\b[a-z]{2}\s+\d{5}(?:-\d{4})?\b/u;
export const CONTACT = /@|www\.|https?:|(?<![a-z])(?:tel|fax|phone|telefon|telephone|mobile|e-?mail|web)(?![a-z])/;
export const TAX_OR_BANK = /(?<![a-z])(?:vat|tva|iva|btw|ust|ust-?id|mwst|steuer-?\s*nr|steuernummer|tax\s*id|siret|siren|rcs|nif|cif|partita|p\.\s*iva|kvk|hrb|hra|iban|bic|swift|bank|registered|handelsregister|amtsgericht|geschaftsfuhrer|company\s*no)(?![a-z])/;
const LEGAL_END = /(?:gmbh|ag|kg|ltd|limited|llc|inc|corp|corporation|plc|llp|sarl|sas|s\.a|s\.l|b\.?v|n\.?v|s\.r\.l|srl|s\.p\.a|spa|a\.g)\.?\)?$/i;

/**
 * What a party candidate's text reads as by itself, before where it is printed: a legal form, a
 * salutation, a title, a "key: value", an address, contact or tax line, its shares of digits, letters
 * and capitals, its words. Features 0/1 as numbers, in the invoice party scorer's terms.
 */
export interface PartyText {
  folded: string;
  legal: number;
  legalEnd: number;
  salutation: number;
  titleWord: number;
  labelValue: number;
  selfAddress: number;
  selfContact: number;
  selfTax: number;
  digits: number;
  letters: number;
  upper: number;
  /** Words separated by white space. */
  words: number;
  /** The share of its words that begin with a small letter: a heading or a sentence ("Copy for your records"), rarely a name. */
  lowerWords: number;
  chars: number;
  salutationOnly: number;
  legalOnly: number;
  dupWord: number;
  /** Reads like a name: mostly letters, no contact, "key: value" or title, not a salutation or legal form alone. */
  nameLike: number;
  /** A field label of the lexicon covering most of the text: "Rechnungswährung", "Your Reference" are keys, not names. */
  fieldLabel: number;
  /** The first folded word of three letters or more other than "logo" (a brand over the full name). */
  firstWord: string | undefined;
}

const LOWER_START = /^\p{Ll}/u;
/** The share of a text's words that begin with a small letter. */
export function lowerWordShare(value: string): number {
  const words = value.split(/\s+/).filter(Boolean);
  let lower = 0;
  for (const w of words) if (LOWER_START.test(w)) lower++;
  return lower / Math.max(1, words.length);
}

/** What a candidate's text reads as by itself, before its place on the page is looked at. */
export function partyText(value: string): PartyText {
  const folded = fold(value);
  const titleWord = TITLE.test(folded) ? 1 : 0;
  const labelValue = /^[^:\d]{2,30}:\s*\S/.test(value) ? 1 : 0;
  const selfContact = CONTACT.test(folded) ? 1 : 0;
  const letters = letterShare(value);
  const legal = LEGAL_FORM.test(value) ? 1 : 0;
  // The text's words as split by white space, once for the salutation tests and the word count.
  const spaced = value.split(/\s+/);
  const salutationOnly = spaced.every((w) => SALUTATION.test(w)) ? 1 : 0;
  const legalOnly = legal && value.replace(LEGAL_FORM, '').replace(/[\s&.,]/g, '').length < 2 ? 1 : 0;
  const foldedWords = folded.split(/\s+/);
  const nameLike = letters >= 0.6 && !selfContact && !labelValue && !titleWord;
  return {
    folded,
    legal,
    legalEnd: LEGAL_END.test(value) ? 1 : 0,
    salutation: SALUTATION.test(spaced[0]) ? 1 : 0,
    titleWord,
    labelValue,
    selfAddress: POSTCODE.test(folded) || STREET.test(folded) ? 1 : 0,
    selfContact,
    selfTax: TAX_OR_BANK.test(folded) ? 1 : 0,
    digits: digitShare(value),
    letters,
    upper: upperShare(value),
    words: spaced.length,
    lowerWords: lowerWordShare(value),
    chars: Math.log1p(value.length),
    salutationOnly,
    legalOnly,
    dupWord: new Set(foldedWords).size < foldedWords.length ? 1 : 0,
    nameLike: nameLike && !salutationOnly && !legalOnly ? 1 : 0,
    fieldLabel: isFieldLabel(folded) ? 1 : 0,
    firstWord: foldedWords.find((w) => w !== 'logo' && w.length >= 3),
  };
}

/** Every field's labels as the invoice scorers read them, and one expression for all, matched at a given position. */
const FIELD_LABELS = Object.keys(LABELS).map(invoiceLabels);
const FIELD_LABEL_AT = new RegExp(labelUnion(FIELD_LABELS).source, 'y');

/**
 * A label covering 60 % of the text starts in its first 40 %: where no label of any field starts
 * there (most party texts), none does, and the fields' labels need not be read one by one.
 */
function labelStartsEarly(t: string): boolean {
  const last = 0.4 * t.length;
  for (let at = 0; at <= last; at++) {
    FIELD_LABEL_AT.lastIndex = at;
    if (FIELD_LABEL_AT.test(t)) return true;
  }
  return false;
}

function isFieldLabel(folded: string): boolean {
  const t = folded.trim();
  if (!labelStartsEarly(t)) return false;
  for (const labels of FIELD_LABELS) if (hasLabelAtLeast(t, labels, 0.6 * t.length)) return true;
  return false;
}
