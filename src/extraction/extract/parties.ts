import type { Line } from '../model/document.js';
import { type Candidate, cite, wordConfidence } from './candidate.js';
import type { ExtractionContext } from './context.js';
import type { PageIndex, Segment } from './layout-index.js';
import { fold } from './text-fold.js';

/**
 * Names and addresses of the parties. Three kinds of evidence, strongest first: a role label above
 * or before the block ("Verkäufer:", "Bill to"), a legal form in the line ("GmbH", "SDN BHD",
 * "SARL"), and position (the issuer prints its name at the top; a window-envelope recipient block
 * sits under a one-line return address).
 */
export const LEGAL_FORM =
  /(?<![\p{L}])(gmbh|ag|kg|ohg|gbr|ug|a\.\s?g\.|e\.\s?v\.|ltd\.?|limited|llc|l\.l\.c\.|inc\.?|incorporated|corp\.?|corporation|plc|llp|sarl|s\.a\.r\.l\.?|sas|s\.a\.s\.?|s\.a\.|eurl|sasu|s\.l\.|s\.?l\.?u\.|b\.v\.?|bv|n\.v\.?|s\.r\.l\.?|srl|s\.p\.a\.?|spa|sdn\.?\s?bhd\.?|bhd\.?|s\/b|enterprise|enterprises|trading|pte\.?\s?ltd\.?|pty\.?\s?ltd\.?|co\.?,?\s?ltd\.?|company|restaurant|restoran|hardware|supermarket|pharmacy|bakery|cafe|store|mart)(?![\p{L}])/iu;

const SELLER_LABEL =
  /^(?:seller|vendor|supplier|from|issued\s*by|verkaufer|lieferant|rechnungssteller|leistungserbringer|fournisseur|vendeur|emetteur|proveedor|emisor|vendedor|leverancier|verkoper|fornitore|cedente|venditore)\s*:?$/;
const BUYER_LABEL =
  /^(?:bill(?:ed)?\s*to|sold\s*to|invoice\s*to|ship\s*to|customer|client|buyer|to|kaufer(?:\/leistungsempfanger)?|kunde|rechnungsempfanger|leistungsempfanger|empfanger|rechnungsadresse|destinataire|facture\s*a|acheteur|client\s*:?|cliente|facturar\s*a|comprador|klant|afnemer|koper|destinatario|cessionario|committente)\s*:?$/;

const SALUTATION = /^(?:herrn?|frau|firma|mr\.?|mrs\.?|ms\.?|miss|dr\.?|monsieur|madame|mme\.?|m\.|sr\.?|sra\.?|dhr\.?|mevr\.?|sig\.?(?:ra)?\.?)$/i;

/** Lines that are data, not a name: labels with values, numbers, contacts, dates. */
function looksLikeName(text: string): boolean {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters < 3 || letters < text.replace(/\s/g, '').length * 0.5) return false;
  if (/:\s*\S/.test(text) || /@|www\.|https?:|tel\b|fax\b|phone/i.test(text)) return false;
  return true;
}

function segmentsInOrder(index: PageIndex): Segment[] {
  return index.segments.flat();
}

/** The first name-like line in the same column under a role label, with a salutation joined to the name. */
function nameBelow(index: PageIndex, label: Segment): { text: string; lines: Line[] } | null {
  const x0 = label.line.bbox[0];
  const h = label.line.bbox[3] - label.line.bbox[1];
  const under = segmentsInOrder(index).filter(
    (s) => s.line.bbox[1] > label.line.bbox[1] + h * 0.5 && Math.abs(s.line.bbox[0] - x0) < 3 * h && s.line.bbox[1] - label.line.bbox[3] < 8 * h,
  );
  for (let i = 0; i < under.length; i++) {
    const s = under[i];
    if (SALUTATION.test(s.text.trim()) && under[i + 1]) {
      return { text: `${s.text.trim()} ${under[i + 1].text.trim()}`, lines: [s.line, under[i + 1].line] };
    }
    if (looksLikeName(s.text)) return { text: s.text.trim(), lines: [s.line] };
  }
  return null;
}

function fromLines(page: number, text: string, lines: Line[], score: number, via: string): Candidate {
  const words = lines.flatMap((l) => l.words);
  return { value: text, score: score * (0.6 + 0.4 * wordConfidence(words)), citations: [cite(page, words)], via };
}

export function findPartyByLabel(ctx: ExtractionContext, role: 'seller' | 'buyer'): Candidate | null {
  const re = role === 'seller' ? SELLER_LABEL : BUYER_LABEL;
  for (const index of ctx.pages) {
    for (const seg of segmentsInOrder(index)) {
      if (!re.test(seg.folded.trim())) continue;
      const found = nameBelow(index, seg);
      if (found) return fromLines(index.page, found.text, found.lines, 0.8, 'label-below');
    }
  }
  return null;
}

/**
 * A legal-form line near the top of the first page. When the form ends a short block whose first
 * line is not an address ("MVM Musterhafter" / "Versicherungsverein Musterstadt a.G."), the name
 * is the block's lines joined.
 */
export function findCompanyAtTop(ctx: ExtractionContext, opts: { maxRows?: number; exclude?: string[] } = {}): Candidate | null {
  const index = ctx.pages[0];
  if (!index) return null;
  const rows = index.segments.slice(0, opts.maxRows ?? 12);
  for (let r = 0; r < rows.length; r++) {
    for (const seg of rows[r]) {
      if (!LEGAL_FORM.test(seg.text) || !looksLikeName(seg.text)) continue;
      const text = trimName(seg.text);
      if (opts.exclude?.some((e) => fold(e) === fold(text))) continue;
      // A line ending in a legal form continued from the row above (a name set on two lines).
      const prev = r > 0 ? index.segments[r - 1].find((p) => Math.abs(p.line.bbox[0] - seg.line.bbox[0]) < 5) : undefined;
      const gap = prev ? seg.line.bbox[1] - prev.line.bbox[3] : Infinity;
      const h = seg.line.bbox[3] - seg.line.bbox[1];
      if (prev && gap < 0.6 * h && looksLikeName(prev.text) && !LEGAL_FORM.test(prev.text) && !/\d/.test(prev.text) && text.split(/\s+/).length <= 3) {
        return fromLines(index.page, `${prev.text.trim()} ${text}`, [prev.line, seg.line], 0.75, 'legal-form');
      }
      return fromLines(index.page, text, [seg.line], 0.7, 'legal-form');
    }
  }
  return null;
}

/** Business names end at a separator: "Kraxi GmbH · Flugzeugallee 17" is a return-address line. */
function trimName(text: string): string {
  return text.split(/\s[·•|]\s/)[0].trim();
}

/** The first name-like line of the first page: where issuers print their name. */
export function findFirstNameLine(ctx: ExtractionContext, skip: RegExp = /^$/): Candidate | null {
  const index = ctx.pages[0];
  if (!index) return null;
  for (const row of index.segments.slice(0, 8)) {
    const seg = row[0];
    if (!seg || !looksLikeName(seg.text) || skip.test(seg.folded)) continue;
    return fromLines(index.page, trimName(seg.text), [seg.line], 0.45, 'top-line');
  }
  return null;
}

/**
 * DIN 5008 / window envelopes: a one-line return address ("Kraxi GmbH · Flugzeugallee 17 · …")
 * printed small right above the recipient block. The recipient's name is the line below it.
 */
export function findWindowRecipient(ctx: ExtractionContext): Candidate | null {
  const index = ctx.pages[0];
  if (!index) return null;
  const segs = segmentsInOrder(index);
  for (const seg of segs) {
    if ((seg.text.match(/\s[·•|,-]\s/g) ?? []).length < 2 || !/\d{4,5}/.test(seg.text)) continue;
    const found = nameBelow(index, seg);
    if (found) return fromLines(index.page, found.text, found.lines, 0.7, 'window-recipient');
  }
  return null;
}
