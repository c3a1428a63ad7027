import { type DocumentModel, type Page, textOfWords } from '../model/document.js';
import { fold } from '../extract/text-fold.js';
import { CURRENCY_PATTERN } from '../normalize/currency.js';
import { MONTH_NAMES } from '../normalize/dates.js';

export type DocumentType = 'invoice' | 'receipt' | 'bank_statement' | 'other';

export interface Classification {
  type: DocumentType;
  confidence: number;
}

/** Cue phrases per type with their weights (folded text, several languages). */
const CUES: Record<Exclude<DocumentType, 'other'>, [RegExp, number][]> = {
  invoice: [
    [/\b(?:invoice|rechnung|facture|factura|factuur|fattura)\b/g, 3],
    // From a word's start only: tried from every letter, a long run of letters was rescanned from each (quadratic).
    [/(?<![a-z])[a-z]+rechnung\b/g, 2],
    // Compounds the title word starts or ends ("Rechnungsdatum", "Verkoopfactuur", "Factuurnummer").
    [/(?<![a-z])(?:rechnungs|factuur|fattura|factura)[a-z]+|(?<![a-z])[a-z]+factuur\b/g, 2],
    [/\b(?:invoice|rechnungs|facture|factuur)\s*(?:no|nr|number|nummer|n°|#)/g, 3],
    [/\b(?:bill\s*to|due\s*date|payment\s*terms|zahlungsbedingungen|zahlbar|echeance|vencimiento|vervaldatum|scadenza)\b/g, 2],
    [/\b(?:iban|bic|swift|ust-?id|vat\s*(?:no|reg)|tva\s*intra|partita\s*iva|btw)\b/g, 1],
    [/\b(?:net(?:to)?|subtotal|total\s*ht|total\s*ttc|mwst|tva|iva|btw)\b/g, 1],
  ],
  receipt: [
    [/\b(?:receipt|kassenbon|quittung|beleg|ticket\s*de\s*caisse|recibo|bon|kassabon|scontrino)\b/g, 3],
    [/\b(?:cashier|kasse|caisse|cajero|kassier|cassiere|counter|pos)\b/g, 2],
    [/\b(?:change|cash|tendered|rounding|round(?:ed|ing)?\s*adj|bar|wechselgeld|rendu|cambio)\b/g, 2],
    // What tills print about the cash in other countries: handed over and given back. Not card or cash
    // words alone (tarjeta, efectivo, bancomat, EFTPOS, contactless): bank statements print them on every row.
    [/\b(?:ruckgeld|zuruck|gegeben|monnaie\s*rendue|entregado|resto|wisselgeld|terug)\b/g, 2],
    [/\b(?:thank\s*you|terima\s*kasih|vielen\s*dank|merci|gracias|bedankt|grazie|danke|tot\s*ziens|a\s*bientot|hasta\s*pronto|arrivederci|cheers|come\s*again)\b/g, 2],
    // Tax included in the prices, as till receipts say it ("enth. MwSt", "dont TVA", "GST included").
    [/\b(?:enth\.?\s*mwst|davon\s*(?:mwst|ust)|dont\s*tva|iva\s*incluido|waarvan\s*btw|di\s*cui\s*iva|gst\s*incl(?:uded)?|includes\s*gst|incl\.?\s*vat\s*\d)/g, 1],
    [/\b(?:qty|table|guest|member|visa|mastercard|debit\s*card)\b/g, 1],
    // Tills print the time of sale; invoices rarely do.
    [/\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\s*(?:am|pm)?\b/g, 1.5],
    [/\b(?:pax|take\s*out|takeaway|dine\s*in|server|guest\s*check|waiter|cash\s*(?:tendered|received)|change\s*due)\b/g, 2],
    [/\b(?:please\s*come\s*again|item\s*count|total\s*sales|round(?:ing)?\s*adj(?:ustment)?|gst\s*summary|tax\s*summary|goods\s*sold|refundable|exchangeable)\b/g, 2],
  ],
  bank_statement: [
    [/\b(?:statement|kontoauszug|releve\s*de\s*compte|extracto|rekeningafschrift|estratto\s*conto|account\s*statement)\b/g, 4],
    [/\b(?:opening|closing|previous|new|ending)\s*balance|anfangssaldo|endsaldo|ancien\s*solde|nouveau\s*solde|saldo\b/g, 4],
    [/\b(?:debit|credit|withdrawals?|deposits?|soll|haben|debit|credit|cargo|abono|af|bij)\b/g, 1],
    [/\b(?:account\s*(?:no|number)|kontonummer|numero\s*de\s*compte|bank)\b/g, 1],
  ],
};

/**
 * A day and month ("03.01", "3/1/2024", "03 Jan", "3 mars"): a valid day and month, not a piece of a
 * longer number, so decimals and version numbers ("20.9", "^1.9.3") are not read as dates.
 */
const DAY_MONTH = new RegExp(
  String.raw`(?<![\d./-])\b(?:0?[1-9]|[12]\d|3[01])(?:[./-](?:0?[1-9]|1[0-2])(?:[./-](?:\d{4}|\d{2}))?|[\s./-](?:${MONTH_NAMES}))\b(?![./-]?\d)`,
  'g',
);

/**
 * A money amount, on the page's text as printed (currency codes are upper case there, so "try 3"
 * is no amount): two decimals after optional thousands groups, or a number beside a currency.
 * Numbers start where a number starts and have at most 30 characters: `\d[\d.,]*` tried from every
 * digit of a long run rescanned it to its end each time (52 s for a 50 KB line of digits).
 */
const AMOUNT = new RegExp(
  String.raw`(?<![\d.,])\d{1,3}(?:[.,' ]\d{3})*[.,]\d{2}(?![\d]|[.,]\d)|(?<![A-Za-z])${CURRENCY_PATTERN}\s?\d[\d.,]{0,30}|(?<![\d.,])\d[\d.,]{0,30}\s?${CURRENCY_PATTERN}(?![A-Za-z])`,
  'g',
);

/**
 * Classifies by weighted cue phrases, with the page shape as extra evidence: a long, narrow page
 * is a till receipt whatever it calls itself (Malaysian receipts are headed "TAX INVOICE").
 * Counts are damped (square root) so one repeated word cannot outvote several different cues.
 */
export function classify(doc: DocumentModel): Classification {
  const printed: string[] = [];
  for (const p of doc.pages) printed.push(textOfWords(p.words));
  const text = fold(printed.join('\n'));
  // OCR splits words of spaced or thin type into pieces ("I nvoi ce"): cues are also counted on the
  // text with the pieces of one or two letters joined to their neighbours, whichever finds more.
  // A text layer spaces out letter-spaced titles ("I N V O I C E", CSS letter-spacing): those runs joined.
  const joined = doc.pages.some((p) => p.source === 'ocr') ? joinFragments(text) : joinSpacedLetters(text);
  const scores: Record<string, number> = { invoice: 0, receipt: 0, bank_statement: 0 };
  // A cue of weight 3 or more names the type ("invoice", "receipt", "statement", "opening balance").
  let namesItsType = false;
  for (const [type, cues] of Object.entries(CUES)) {
    for (const [re, weight] of cues) {
      const n = Math.max((text.match(re) ?? []).length, joined === text ? 0 : (joined.match(re) ?? []).length);
      scores[type] += weight * Math.sqrt(Math.min(n, 9));
      if (n > 0 && weight >= 3) namesItsType = true;
    }
  }
  const first = doc.pages[0];
  if (first) {
    const aspect = first.height / Math.max(1, first.width);
    // A4 is 1.41 and Letter 1.29: anything much longer is a till roll.
    if (aspect > 1.8) scores.receipt += 6;
    else if (aspect > 1.55) scores.receipt += 3;
    // A photo or scan holds the paper and what lies around it, so its shape says little; the printed
    // column does: a till prints 32 to 56 characters a line, invoices and letters run wider.
    else if (first.source === 'ocr' && printedColumns(first) <= TILL_COLUMNS) scores.receipt += 3;
    // Bank statements list many dated rows.
    const datedRows = (text.match(DAY_MONTH) ?? []).length;
    if (datedRows > 15) scores.bank_statement += 2;
  }
  // Invoices, receipts and statements print amounts: a document of some length with no page showing
  // three of them is prose (a manual, a letter, a contract, a README about invoices), whatever it
  // mentions. Pages, not the whole text: an invoice followed by pages of terms is still an invoice.
  // OCR loses amounts first (a dropped decimal point, a faint or crooked scan), so a scan that names
  // its type ("INVOICE", "receipt", "opening balance") or is till-shaped is left to the cues.
  const scanned = doc.pages.some((p) => p.source === 'ocr');
  const tillShaped = doc.pages[0] ? doc.pages[0].height / Math.max(1, doc.pages[0].width) > 1.55 : false;
  if (!tillShaped && !(scanned && namesItsType)) {
    // A short text that doesn't name its type needs one amount at least (a note that mentions a
    // server and a time is no receipt); "Invoice 42, total 1500" keeps its chance.
    const needed = text.split(/\s+/).length >= 150 ? 3 : namesItsType ? 0 : 1;
    if (!printed.some((t) => (t.match(AMOUNT) ?? []).length >= needed)) return { type: 'other', confidence: 0.8 };
  }
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const [bestType, best] = ranked[0];
  const second = ranked[1][1];
  if (best < 3) return { type: 'other', confidence: Math.round((1 - best / 3) * 50) / 100 + 0.3 };
  // Confidence from the margin over the runner-up: a clear lead is a confident call.
  const margin = (best - second) / best;
  const confidence = Math.min(0.99, 0.5 + 0.5 * margin + Math.min(0.2, best / 100));
  return { type: bestType as DocumentType, confidence: Math.round(confidence * 100) / 100 };
}

/** The widest line a till printer prints, in characters (80 mm paper in a small font). */
const TILL_COLUMNS = 56;

/**
 * How many characters wide a page's printed text is: the words' extent, the outer 2 % on each side
 * left out (specks and edges read as words), over the median width of a character.
 */
export function printedColumns(page: Page): number {
  const words = page.words.filter((w) => w.text.length >= 3);
  if (words.length < 10) return Number.POSITIVE_INFINITY;
  const perChar: number[] = [];
  for (const w of words) perChar.push((w.bbox[2] - w.bbox[0]) / w.text.length);
  perChar.sort((a, b) => a - b);
  const charWidth = perChar[Math.floor(perChar.length / 2)];
  const lefts: number[] = [];
  const rights: number[] = [];
  for (const w of page.words) {
    lefts.push(w.bbox[0]);
    rights.push(w.bbox[2]);
  }
  lefts.sort((a, b) => a - b);
  rights.sort((a, b) => a - b);
  const cut = Math.floor(0.02 * lefts.length);
  return charWidth > 0 ? (rights[rights.length - 1 - cut] - lefts[cut]) / charWidth : Number.POSITIVE_INFINITY;
}

/** Joins runs of four or more single letters set one space apart ("r e c h n u n g") into one word. */
function joinSpacedLetters(text: string): string {
  return text.replace(/(?<![\p{L}\d])\p{L}(?: \p{L}){3,}(?![\p{L}\d])/gu, (m) => m.replace(/ /g, ''));
}

/** Joins letter pieces of one or two characters to the word before or after them, within a line. */
function joinFragments(text: string): string {
  return text.replace(/(?<=\p{L}) (?=\p{L}{1,2}\b)|(?<=\b\p{L}{1,2}) (?=\p{L})/gu, '');
}
