import type { Line } from '../model/document.js';
import { type Candidate, cite, wordConfidence } from './candidate.js';
import type { ExtractionContext } from './context.js';
import type { PageIndex, Segment } from './layout-index.js';
import { roleOf } from './party-roles.js';
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
  /^(?:bill(?:ed)?\s*to|sold\s*to|invoice\s*to|ship\s*to|customer|client|buyer|to|kaufer(?:\/leistungsempfanger)?|kunde|rechnungsempfanger|leistungsempfanger|empfanger|rechnungsadresse|destinataire|facture\s*a|acheteur|client\s*:?|cliente|facturar\s*a|comprador|klant|afnemer|koper|destinatario|cessionario|committente|(?:customer|client|billing|invoice)\s*address|adresse\s*(?:du\s*client|de\s*facturation)|kundenadresse|direccion\s*(?:del\s*cliente|de\s*facturacion)|indirizzo\s*(?:del\s*)?cliente|factuuradres)\s*:?$/;

const SALUTATION = /^(?:herrn?|frau|firma|mr\.?|mrs\.?|ms\.?|miss|dr\.?|monsieur|madame|mme\.?|m\.|sr\.?|sra\.?|dhr\.?|mevr\.?|sig\.?(?:ra)?\.?)$/i;

/** Lines that are data, not a name: labels with values, numbers, contacts, dates. */
function looksLikeName(text: string): boolean {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters < 3 || letters < text.replace(/\s/g, '').length * 0.5) return false;
  if (/:\s*\S/.test(text) || /@|www\.|https?:|\btel\b|\bfax\b|phone/i.test(text)) return false;
  return true;
}

function segmentsInOrder(index: PageIndex): Segment[] {
  return index.segments.flat();
}

const NAME_KEY = /^(?:name|firma|company|company\s*name|raison\s*sociale|nom|nombre|razon\s*social|naam|bedrijfsnaam|nome|ragione\s*sociale)\s*:?$/;

/**
 * The party's name under a role label, in the same column. Key/value rows inside the block are
 * skipped ("Nummer: 16259"), except a "Name:" row whose value is the name. A salutation line is
 * joined to the name after it ("Herrn" / "Max Mustermann"), and a name continued on the next line
 * up to its legal form is joined too ("MVM Musterhafter" / "Versicherungsverein … a.G.").
 */
function nameBelow(index: PageIndex, label: Segment): { text: string; lines: Line[] } | null {
  const x0 = label.line.bbox[0];
  const h = label.line.bbox[3] - label.line.bbox[1];
  for (let r = label.rowIndex + 1; r < index.segments.length && r <= label.rowIndex + 8; r++) {
    const row = index.segments[r];
    const i = row.findIndex((s) => Math.abs(s.line.bbox[0] - x0) < 3 * h);
    if (i < 0) continue;
    const s = row[i];
    if (s.line.bbox[1] - label.line.bbox[3] > 8 * h) break;
    const key = s.folded.trim();
    if (NAME_KEY.test(key) && row[i + 1]) return { text: row[i + 1].text.replace(/^[:\s]+/, '').trim(), lines: [row[i + 1].line] };
    // A key with its value on the right ("Nummer | : GE2020211") is data, not the name.
    if (key.endsWith(':') || (row[i + 1] && /^[:=]/.test(row[i + 1].text))) continue;
    const nextRow = index.segments[r + 1]?.find((n) => Math.abs(n.line.bbox[0] - s.line.bbox[0]) < 3 * h && n.line.bbox[1] - s.line.bbox[3] < 0.8 * h);
    if (SALUTATION.test(s.text.trim()) && nextRow) {
      return { text: `${s.text.trim()} ${nextRow.text.trim()}`, lines: [s.line, nextRow.line] };
    }
    if (!looksLikeName(s.text)) continue;
    if (nextRow && !LEGAL_FORM.test(s.text) && LEGAL_FORM.test(nextRow.text) && looksLikeName(nextRow.text)) {
      return { text: `${s.text.trim()} ${nextRow.text.trim()}`, lines: [s.line, nextRow.line] };
    }
    return { text: s.text.trim(), lines: [s.line] };
  }
  return null;
}

/** A recipient block opened by a salutation line ("Herrn", "Mrs") in the upper half of page one. */
export function findSalutationRecipient(ctx: ExtractionContext): Candidate | null {
  const index = ctx.pages[0];
  if (!index) return null;
  for (const [r, row] of index.segments.entries()) {
    const s = row[0];
    if (!s || s.line.bbox[1] > index.height / 2 || !SALUTATION.test(s.text.trim())) continue;
    const next = index.segments[r + 1]?.find((n) => Math.abs(n.line.bbox[0] - s.line.bbox[0]) < 10);
    if (next && looksLikeName(next.text)) return fromLines(index.page, `${s.text.trim()} ${next.text.trim()}`, [s.line, next.line], 0.65, 'salutation');
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
      // Not a role label over the name ("Sender" / "Krüger Haustechnik GmbH").
      if (prev && gap < 0.6 * h && looksLikeName(prev.text) && !LEGAL_FORM.test(prev.text) && !/\d/.test(prev.text) && !roleOf(prev.folded, prev.text)?.whole && text.split(/\s+/).length <= 3) {
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
