import { cite, wordConfidence } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import { findLabelledValues } from '../extract/key-value.js';
import { type Label, matchLabels } from '../extract/labels.js';
import { type Segment, wordsInRange } from '../extract/layout-index.js';
import { identifierParser } from '../extract/value-parsers.js';
import { findDates } from '../normalize/dates.js';
import { findIbans } from '../normalize/identifiers.js';
import { countBy, groupBy, once, rowReadings } from './row-readings.js';
import { boxesOverlap, type ScoredCandidate } from './scored-candidate.js';

const lab = (source: string, weight = 1): Label => ({ re: new RegExp(`(?<![a-z])(?:${source})(?![a-z])`, 'g'), weight });
const NO = String.raw`(?:no\.?|nr\.?|n°|nº|#|number|nummer|numero|num\.?|nro\.?|id|code)`;

/**
 * The other numbers an invoice prints beside its own (folded, EN/DE/FR/ES/NL/IT): the label that
 * points at a token says what it is. The invoice number's, the order's and the tax id's labels are
 * the extractors' own (extract/labels.ts); the rest are here.
 */
const OTHER_LABELS: Record<string, Label[]> = {
  customer: [
    lab(String.raw`(?:customer|client|account|debtor)\s*${NO}|kunden\s*-?\s*(?:nummer|nr\.?|no\.?)|kundennummer|debitor(?:en)?\s*-?\s*(?:nummer|nr\.?)|(?:n°|numero)\s*(?:de\s*)?client|code\s*client|(?:numero|n°|no)\s*de\s*cliente|klant\s*(?:nummer|nr\.?)|klantnummer|debiteurnummer|codice\s*cliente|cod\.\s*cliente`),
  ],
  delivery: [lab(String.raw`delivery\s*(?:note|slip)\s*${NO}?|lieferschein\s*(?:-?\s*(?:nummer|nr\.?))?|bon\s*de\s*livraison|albaran|pakbon|ddt|documento\s*di\s*trasporto`)],
  reference: [lab(String.raw`ref\.?|reference|referenz|unser\s*zeichen|ihr\s*zeichen|aktenzeichen|vorgang|votre\s*ref|notre\s*ref|referencia|kenmerk|riferimento|contract\s*${NO}?|vertrag(?:s(?:nummer|nr\.?))?|police(?:n(?:nummer|nr\.?))?|policy\s*${NO}?|versicherungsschein(?:-?nummer|-?nr\.?)?`)],
  bank: [lab(String.raw`iban|bic|swift|blz|bankleitzahl|account\s*(?:no\.?|number)|konto(?:nummer|-?nr\.?)?|sort\s*code|routing|rib|numero\s*de\s*cuenta|rekeningnummer|conto`)],
  phone: [lab(String.raw`tel(?:ephone|efon|efono)?\.?|phone|fax|mobile|mobil|handy|gsm|cell`)],
  page: [lab(String.raw`page|seite|pagina|blatt|pag\.?`)],
  register: [lab(String.raw`hrb|hra|handelsregister|amtsgericht|registergericht|rcs|siret|siren|kvk|company\s*(?:no\.?|number|reg)|registration|reg\.?\s*no\.?|cod(?:ice)?\s*fiscale|rea|sdi|eori|gln|ean|leitweg(?:-?id)?|iln`)],
};
/** Families read by the extractors' own label lexicon. */
const LEXICON = ['invoice_number', 'purchase_order', 'vendor_tax_id', 'date'] as const;
const FAMILIES = [...LEXICON, ...Object.keys(OTHER_LABELS)];
const FAMILY_KEYS = FAMILIES.map((f) => ({ family: f, here: `here_${f}`, row: `row_${f}` }));
/** A document title word on the token's row ("Rechnung 4711", "INVOICE # 0042"). */
const TITLE = /(?<![a-z])(?:invoice|rechnung|gutschrift|facture|avoir|factura|factuur|fattura|credit\s*note|bill)(?![a-z])/;

export const INVOICE_NUMBER_FEATURES = [
  ...FAMILIES.map((f) => `here_${f}`),
  ...FAMILIES.map((f) => `row_${f}`),
  'label_inline',
  'label_right',
  'label_below',
  'label_gap',
  'value_invoice_number',
  'row_title',
  'title_before',
  'letters',
  'letter_digit_mix',
  'leading_letters',
  'separators',
  'all_digits',
  'leading_zero',
  'is_date',
  'is_amount',
  'is_year',
  'is_iban',
  'vat_shape',
  'percent',
  'digit_run',
  'postcode_shape',
  'page_y',
  'doc_y',
  'x_rel',
  'first_page',
  'header',
  'order',
  'whole_segment',
  'segment_start',
  'segment_words',
  'row_ids',
  'row_segments',
  'row_letters',
  'row_has_date',
  'repeats',
  'pages_with',
  'ocr_confidence',
] as const;

export type InvoiceNumberCandidate = ScoredCandidate<string>;

/** A token that could be a document number: letters, digits and inner separators, with a digit. */
const TOKEN = /[A-Za-z0-9][A-Za-z0-9/_.\-]*[A-Za-z0-9]/g;
/** A label glued to its number ("Nr.471113", "No.00012"): the number starts after it. */
const GLUED = /^(?:nr|no|nº|n)\.(?=\d)/i;
const AMOUNT = /^\d{1,3}(?:[.,']\d{3})*[.,]\d{1,2}$|^\d+[.,]\d{2}$/;

interface Token {
  value: string;
  index: number;
  seg: Segment;
  row: Segment[];
  pageIdx: number;
}

/** The id-like tokens of one segment. */
function tokensOf(seg: Segment): { value: string; index: number }[] {
  const out: { value: string; index: number }[] = [];
  for (const m of seg.text.matchAll(TOKEN)) {
    let value = m[0];
    let index = m.index ?? 0;
    const glued = GLUED.exec(value);
    if (glued) {
      value = value.slice(glued[0].length);
      index += glued[0].length;
    }
    // A document number has a digit and three characters or more: "12" is a quantity or a day.
    if (/\d/.test(value) && value.length >= 3) out.push({ value, index });
  }
  return out;
}

const cache = new WeakMap<ExtractionContext, InvoiceNumberCandidate[]>();

/**
 * Every id-like token an invoice prints as a candidate for its number, with generic features: the
 * labels that point at it (the invoice number's, and those of the other numbers an invoice prints:
 * customer, order, tax id, bank, phone, register…) and how (after the label on its segment, right of
 * it, under it as a header), where it is printed, what its row holds, its shape (letters and digits,
 * length, separators; a date, an amount, an IBAN, a VAT id, a postcode, a phone's digit groups are
 * not document numbers) and how often it is printed.
 */
export function invoiceNumberCandidates(ctx: ExtractionContext): InvoiceNumberCandidate[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const parse = identifierParser();
  const reads = Object.fromEntries(FAMILIES.map((f) => [f, findLabelledValues(ctx.pages, { field: OTHER_LABELS[f] ? `invoice-number:${f}` : f, labels: OTHER_LABELS[f], parse })]));
  const readsByValue = Object.fromEntries(FAMILIES.map((f) => [f, groupBy(reads[f], (c) => String(c.value))]));
  const segTokens = new Map<Segment, { value: string; index: number }[]>();
  const tokensIn = (seg: Segment) => once(segTokens, seg, () => tokensOf(seg));
  const rows = rowReadings(FAMILIES, OTHER_LABELS, (seg) => tokensIn(seg).length);
  const rowDates = new Map<Segment[], number>();
  const found: Token[] = ctx.pages.flatMap((page, pageIdx) => page.segments.flatMap((row) => row.flatMap((seg) => tokensIn(seg).map((t) => ({ ...t, seg, row, pageIdx })))));
  const repeats = countBy(found, (t) => t.value.toLowerCase());
  const pagesWith = new Map<string, Set<number>>();
  for (const t of found) once(pagesWith, t.value.toLowerCase(), () => new Set<number>()).add(t.pageIdx);
  const ibans = new Map<Segment, string[]>();
  const out = found.map((t, i) => {
    const page = ctx.pages[t.pageIdx];
    const words = wordsInRange(t.seg, t.index, t.index + t.value.length);
    const bbox = words.length ? cite(t.seg.page, words).bbox : t.seg.line.bbox;
    const features: Record<string, number> = {};
    const rowLabels = rows.labelsLeftOf(t.row, t.seg, t.index);
    FAMILY_KEYS.forEach((key, k) => {
      const withValue = (readsByValue[key.family].get(t.value) ?? []).filter((c) => c.citations.some((ci) => ci.page === t.seg.page && boxesOverlap(ci.bbox, bbox)));
      features[key.here] = Math.max(0, ...withValue.map((c) => c.score));
      features[key.row] = rowLabels[k];
    });
    const own = (readsByValue.invoice_number.get(t.value) ?? []).filter((c) => c.citations.some((ci) => ci.page === t.seg.page && boxesOverlap(ci.bbox, bbox)));
    const via = (v: string) => Math.max(0, ...own.filter((c) => c.via === v).map((c) => c.score));
    // How far the token sits after the invoice number's label on its own segment (0: right after it).
    const before = matchLabels('invoice_number', t.seg.folded).filter(([, end]) => end <= t.index);
    const gap = before.length ? Math.min(...before.map(([, end]) => t.index - end)) : 40;
    const rowText = rows.text(t.row);
    const foldedBefore = t.seg.folded.slice(0, t.index);
    const segIbans = once(ibans, t.seg, () => findIbans(t.seg.text.toUpperCase()).map((f) => f.iban));
    const upper = t.value.toUpperCase();
    const after = t.seg.text.slice(t.index + t.value.length);
    const beforeText = t.seg.text.slice(0, t.index);
    const digits = (t.value.match(/\d/g) ?? []).length;
    const letters = (t.value.match(/[A-Za-z]/g) ?? []).length;
    Object.assign(features, {
      label_inline: via('label-inline'),
      label_right: via('label-right'),
      label_below: via('label-below'),
      label_gap: Math.min(40, gap) / 40,
      value_invoice_number: Math.max(0, ...(readsByValue.invoice_number.get(t.value) ?? []).map((c) => c.score)),
      row_title: TITLE.test(rows.text(t.row).toLowerCase()) ? 1 : 0,
      title_before: TITLE.test(foldedBefore) ? 1 : 0,
      letters: Math.min(6, letters) / 6,
      letter_digit_mix: letters && digits ? 1 : 0,
      leading_letters: /^[A-Za-z]+[-/_.]?\d/.test(t.value) ? 1 : 0,
      separators: Math.min(4, (t.value.match(/[/_.\-]/g) ?? []).length) / 4,
      all_digits: /^\d+$/.test(t.value) ? 1 : 0,
      leading_zero: /^0\d/.test(t.value) ? 1 : 0,
      is_date: findDates(t.value, ctx.dateOrder).length ? 1 : 0,
      is_amount: AMOUNT.test(t.value) ? 1 : 0,
      is_year: /^(?:19|20)\d{2}$/.test(t.value) ? 1 : 0,
      is_iban: segIbans.some((iban) => iban.includes(upper)) ? 1 : 0,
      vat_shape: /^[A-Z]{2}\d{8,12}$|^[A-Z]{2}[A-Z0-9]\d{7,11}[A-Z0-9]?$/.test(t.value) ? 1 : 0,
      percent: /^\s*%/.test(after) ? 1 : 0,
      // Digit groups around it (a phone number, a grouped IBAN or account number, "12 345").
      digit_run: /[\d+(]\s?$/.test(beforeText) || /^\s?[\d(]/.test(after) ? 1 : 0,
      postcode_shape: /^\d{4,5}$/.test(t.value) && /^\s+\p{Lu}\p{Ll}+/u.test(after) ? 1 : 0,
      page_y: t.seg.line.bbox[1] / page.height,
      doc_y: (t.pageIdx + t.seg.line.bbox[1] / page.height) / ctx.pages.length,
      x_rel: bbox[0] / page.width,
      first_page: t.pageIdx === 0 ? 1 : 0,
      header: t.pageIdx === 0 && t.seg.line.bbox[1] / page.height < 0.4 ? 1 : 0,
      order: Math.min(30, i) / 30,
      whole_segment: t.seg.text.trim() === t.value ? 1 : 0,
      segment_start: t.index === 0 ? 1 : 0,
      segment_words: Math.min(10, t.seg.line.words.length) / 10,
      row_ids: Math.min(6, rows.count(t.row)) / 6,
      row_segments: Math.min(6, t.row.length) / 6,
      row_letters: rows.letters(t.row),
      row_has_date: once(rowDates, t.row, () => (findDates(rowText, ctx.dateOrder).length ? 1 : 0)),
      repeats: Math.min(5, repeats.get(t.value.toLowerCase()) ?? 0),
      pages_with: Math.min(3, pagesWith.get(t.value.toLowerCase())?.size ?? 0),
      ocr_confidence: wordConfidence(words),
    });
    return { value: t.value, candidate: { value: t.value, score: 0, citations: [{ page: t.seg.page, bbox, text: t.value }], via: 'scored' }, features };
  });
  cache.set(ctx, out);
  return out;
}
