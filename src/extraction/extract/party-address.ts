import { ADDRESS_START, END_OF_ADDRESS, POSTCODE_TOWN, REGION_OR_COUNTRY, STREET_WORD } from '../normalize/address-lexicon.js';
import { cite } from './candidate.js';
import { ROLE_HEADINGS } from './concepts.js';
import type { ExtractionContext, FieldValue } from './context.js';
import { NOT_FOUND } from './context.js';
import type { PageIndex, Segment } from './layout-index.js';
import { lineHeight } from './party-sections.js';

/**
 * A party's postal address as a person reads it off the page: the lines under the party's name in
 * its column ("ACME Ltd / 12 Harbour Road / Bristol BS1 4DJ"), or the rest of the name's own line
 * after a separator ("ACME Ltd · 12 Harbour Road · Bristol BS1 4DJ"). The address runs until the
 * first line that is not one: contact details and ids (address-lexicon.ts's END_OF_ADDRESS), a
 * label with its value, a heading, an amount, a wide gap. It is kept only when it holds a street
 * line or a postcode with its town, and is written as the built-in field says: lines joined with ", ".
 */

const MAX_LINES = 5;
const MAX_LINE_CHARS = 70;

/** "80331 München", "1010 Wien", "D-10115 Berlin": a four- or five-digit code opening the line, then the town. */
const CODE_THEN_TOWN = /^(?:[A-Z]{1,2}-)?\d{4,5}\s+\p{Lu}/u;
/** A line's own label ("Tel.:", "USt-IdNr:", "Kundennummer: 123"): a key with its value, no address. */
const LABEL_VALUE = /^[^\d:]{2,30}:\s*\S/u;
/** Lines for the attention of someone inside the party, not part of its postal address. */
const ATTENTION = /^(?:attn\.?|attention|z\.\s?hd\.?|zu\s*handen|c\/o|à\s*l'attention|a\/a|t\.a\.v\.?|all'attenzione)(?!\p{L})/iu;
/** Money on a line: an amount with two decimals. */
const AMOUNT = /\d[.,]\d{2}(?!\d)/;
/** Separators that join a party's details on one line. */
const INLINE_SEPARATOR = /\s+[·•|—–]\s+|\s{3,}/u;

/** "Am Markt 2", "Carrer de Balmes 120", "Oudegracht 45b": a street named in words with its house number after. */
const NUMBER_AFTER = /^\p{L}[\p{L}'’.\s-]*\s\d{1,4}\s?[a-z]?$/u;

const isStreet = (text: string) => STREET_WORD.test(text) || NUMBER_AFTER.test(text) || (ADDRESS_START.test(text) && /\p{L}{3,}/u.test(text));
/** A postcode with its town; a part that names a street is the street's ("1200 Pine Street"). */
const isPostcode = (text: string) => (POSTCODE_TOWN.test(text) || CODE_THEN_TOWN.test(text)) && !STREET_WORD.test(text);
/** A line, or one of its comma-separated parts ("Am Markt 2, 1010 Wien"), is one. */
const somePart = (test: (text: string) => boolean) => (text: string) => test(text) || (text.includes(',') && text.split(/,\s*/).some(test));
const isStreetLine = somePart(isStreet);
const isPostcodeLine = somePart(isPostcode);

/** A line that can belong to a postal address at all. */
function addressLike(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > MAX_LINE_CHARS) return false;
  // A heading ("Ship to:", "Lieferadresse:") opens another block.
  if (END_OF_ADDRESS.test(t) || LABEL_VALUE.test(t) || AMOUNT.test(t) || /:$/.test(t)) return false;
  return /\p{L}/u.test(t);
}

/** A salutation opening a person's address ("Herrn", "Mrs", "Monsieur"): another party's block begins. */
const SALUTATION = /^(?:herrn?|frau|firma|mr|mrs|ms|miss|monsieur|madame|mme|m|sr|sra|sig|sig\.ra|dhr|mevr|de\s*heer)\.?(?:\s|$)/iu;

/** The segment on the next rows that continues `seg`'s column: aligned left or right, or overlapping most of it. */
function below(index: PageIndex, seg: Segment, last: Segment, maxGap: number): Segment | null {
  const h = lineHeight(last);
  const [a0, , a1] = seg.line.bbox;
  for (let r = last.rowIndex + 1; r < index.segments.length; r++) {
    const row = index.segments[r];
    // Rows of another column (a facts table beside the address) may stand between two of its lines.
    if (!row.length || row[0].line.bbox[1] - last.line.bbox[3] > maxGap * h) return null;
    for (const s of row) {
      const [x0, , x1] = s.line.bbox;
      const overlap = Math.min(x1, a1) - Math.max(x0, a0);
      if (Math.abs(x0 - a0) <= h || Math.abs(x1 - a1) <= h || overlap >= 0.5 * Math.min(x1 - x0, a1 - a0)) return s;
    }
  }
  return null;
}

/**
 * The lines that make an address: from the first street or postcode line on, to the postcode line
 * (the town closes a postal address), and a country line after it. Without a postcode line, the
 * run of street lines.
 */
function addressLines(texts: readonly string[]): [number, number] | null {
  const first = texts.findIndex((t) => isStreetLine(t) || isPostcodeLine(t));
  if (first < 0) return null;
  let last = texts.findIndex((t, i) => i >= first && isPostcodeLine(t));
  if (last < 0) {
    last = first;
    while (last + 1 < texts.length && isStreetLine(texts[last + 1])) last++;
  } else if (last + 1 < texts.length && REGION_OR_COUNTRY.test(texts[last + 1]) && texts[last + 1].trim().split(/\s+/).length <= 3) {
    last++;
  }
  return [first, last];
}

const clean = (text: string) => text.trim().replace(/[\s,;]+$/, '');

/** The address on the name's own line after a separator, or in the lines under it in its column. */
function addressAfter(index: PageIndex, nameSeg: Segment, name: string, confidence: number): FieldValue {
  const at = nameSeg.text.indexOf(name);
  if (at >= 0) {
    const rest = nameSeg.text.slice(at + name.length);
    if (INLINE_SEPARATOR.test(rest)) {
      const parts = rest.split(INLINE_SEPARATOR).map(clean).filter(Boolean);
      const upTo = parts.findIndex((p) => !addressLike(p));
      const kept = upTo < 0 ? parts : parts.slice(0, upTo);
      const span = addressLines(kept);
      if (span) return { value: kept.slice(span[0], span[1] + 1).join(', '), confidence, citations: [cite(index.page, nameSeg.line.words)], source: 'page' };
    }
  }
  const lines: { seg: Segment; text: string }[] = [];
  let last = nameSeg;
  while (lines.length < MAX_LINES) {
    // One blank line may stand between a name and its address; none inside the address.
    const next = below(index, nameSeg, last, lines.length === 0 ? 2.5 : 1.6);
    if (!next) break;
    const text = clean(next.text);
    if (lines.length === 0 && ATTENTION.test(text)) {
      last = next;
      continue;
    }
    if (SALUTATION.test(text)) break;
    // A line of details joined by separators ("Via Garibaldi 7 — 1201 Genève — billing@…") gives its address parts.
    const parts = text.split(INLINE_SEPARATOR).map(clean).filter(Boolean);
    const upTo = parts.findIndex((p) => !addressLike(p));
    const kept = upTo < 0 ? parts : parts.slice(0, upTo);
    if (!kept.length) break;
    lines.push({ seg: next, text: kept.join(', ') });
    last = next;
    if (kept.length < parts.length) break;
  }
  const span = addressLines(lines.map((l) => l.text));
  if (!span) return NOT_FOUND;
  const kept = lines.slice(span[0], span[1] + 1);
  return { value: kept.map((l) => l.text).join(', '), confidence, citations: kept.map((l) => cite(index.page, l.seg.line.words)), source: 'page' };
}

/**
 * The address under (or beside) a party's name; where none reads there, under another printing of
 * the name that opens a line (a return-address line, a footer). NOT_FOUND when none reads as one.
 */
export function partyAddress(ctx: ExtractionContext, name: FieldValue): FieldValue {
  const at = name.citations[name.citations.length - 1];
  if (!at || typeof name.value !== 'string' || !name.value.trim()) return NOT_FOUND;
  const value = name.value.trim();
  const confidence = Math.min(0.7, name.confidence);
  const index = ctx.pages.find((p) => p.page === at.page);
  if (!index) return NOT_FOUND;
  const [bx0, by0, bx1, by1] = at.bbox;
  // The segment the name's citation covers most (a bottom row of a wrapped name ends at the same place).
  let nameSeg: Segment | null = null;
  let most = 0;
  for (const row of index.segments) {
    for (const s of row) {
      const [x0, y0, x1, y1] = s.line.bbox;
      const area = Math.max(0, Math.min(x1, bx1) - Math.max(x0, bx0)) * Math.max(0, Math.min(y1, by1) - Math.max(y0, by0));
      if (area > 0 && area >= most) {
        most = area;
        nameSeg = s;
      }
    }
  }
  // The same name printed again under a delivery heading ("Ship to", "Lieferadresse") is where goods go, not the party's address.
  const delivery = nameSeg !== null && underDeliveryHeading(index, nameSeg);
  if (nameSeg && !delivery) {
    const found = addressAfter(index, nameSeg, value, confidence);
    if (found.value !== null) return found;
  }
  for (const page of ctx.pages) {
    for (const row of page.segments) {
      for (const s of row) {
        if (s === nameSeg || !s.text.startsWith(value) || underDeliveryHeading(page, s)) continue;
        const found = addressAfter(page, s, value, confidence);
        if (found.value !== null) return found;
      }
    }
  }
  return nameSeg && delivery ? addressAfter(index, nameSeg, value, confidence) : NOT_FOUND;
}

/** Whether the line above `seg` in its column is a delivery heading. */
function underDeliveryHeading(index: PageIndex, seg: Segment): boolean {
  const h = lineHeight(seg);
  for (let r = seg.rowIndex - 1; r >= 0; r--) {
    const row = index.segments[r];
    if (!row.length || seg.line.bbox[1] - row[0].line.bbox[3] > 2.5 * h) return false;
    const above = row.find((s) => Math.abs(s.line.bbox[0] - seg.line.bbox[0]) <= h);
    if (above) return ROLE_HEADINGS.other.test(above.folded.trim().replace(/\s+/g, ' '));
  }
  return false;
}
