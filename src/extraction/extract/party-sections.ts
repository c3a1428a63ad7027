import type { BBox } from '../model/document.js';
import { ROLE_HEADINGS, type Role } from './concepts.js';
import type { FieldValue } from './context.js';
import type { PageIndex, Segment } from './layout-index.js';
import { roleIn } from './field-concepts.js';
import { fold } from './text-fold.js';

/**
 * Which party a printed line belongs to, as a person reads it. A heading ("Verkäufer:", "Vos
 * identifiants", "Bill to", "An:") opens a section that runs down its column until another heading
 * or a wide gap; the address block of a party the built-in model found (its name's block) belongs
 * to that party; without one, the letterhead (the topmost address block of the first page) is the
 * seller's and the one other address block the recipient's; and a footer that opens with the seller's name (legal details, bank) is
 * the seller's. So an email printed under the seller's address counts as the seller's, and a VAT id
 * under the recipient's address as the buyer's.
 */
export type SectionRoles = (seg: Segment) => Role | null;

const MAX_ROWS = 14;

/** A bare addressee line ("An:", "To:", "Aan:"): the recipient's heading in a letter layout. */
const TO_HEADING = /^(?:an|to|aan|para|per|pour)\s*:$/;

function headingRole(seg: Segment): Role | null {
  const t = seg.folded.trim().replace(/\s+/g, ' ');
  for (const role of ['seller', 'buyer', 'other'] as Role[]) if (ROLE_HEADINGS[role].test(t)) return role;
  return TO_HEADING.test(t) ? 'buyer' : null;
}

const inside = (b: BBox, outer: BBox) => b[0] >= outer[0] - 2 && b[2] <= outer[2] + 2 && b[1] >= outer[1] - 2 && b[3] <= outer[3] + 2;
/** A segment's line height, at least 4 points (a gap is measured in these). */
export const lineHeight = (seg: Segment) => Math.max(4, seg.line.bbox[3] - seg.line.bbox[1]);

const POSSESSIVE = /(?<![a-z])(?:your|our|ihr[e]?|unser[e]?|votre|vos|notre|nos|su|sus|nuestro|uw|onze|vostro|vostra|nostro|vs\.)(?![a-z])/g;

/** A postcode-and-town line: "80331 München", "1012 AB Amsterdam", "Denver, CO 80202", "London EC1A 1BB". */
const POSTCODE_LINE = /(?:^|\s)(?:[A-Z]{1,2}-)?\d{4,5}(?:\s?[A-Z]{2})?\s+\p{L}|\p{L},?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/u;

/** Segments chained down one column from `start` (same left edge, no wide gap). */
function columnChain(index: PageIndex, start: Segment): Segment[] {
  const chain = [start];
  let last = start;
  for (let r = start.rowIndex + 1; r < index.segments.length; r++) {
    const h = lineHeight(last);
    const next = index.segments[r].find((s) => Math.abs(s.line.bbox[0] - start.line.bbox[0]) <= h);
    if (!next || next.line.bbox[1] - last.line.bbox[3] > 1.6 * h) break;
    chain.push(next);
    last = next;
  }
  return chain;
}

/** Address blocks at the top of a page: column chains of three to nine lines with a postcode line. */
function addressChains(index: PageIndex, lastRow: number): Segment[][] {
  const seen = new Set<Segment>();
  const found: Segment[][] = [];
  for (const row of index.segments.slice(0, lastRow)) {
    for (const seg of row) {
      if (seen.has(seg)) continue;
      const chain = columnChain(index, seg);
      for (const s of chain) seen.add(s);
      if (chain.length >= 3 && chain.length <= 9 && chain.some((s) => POSTCODE_LINE.test(s.text))) found.push(chain);
    }
  }
  return found;
}

/** A chain that opens with a name (not a heading, a key-value pair or a number). */
const opensWithName = (chain: readonly Segment[]) => !headingRole(chain[0]) && !/:/.test(chain[0].text) && !/\d/.test(chain[0].text);

/** The first row at or below `from` that opens with the seller's name: where the seller's footer starts. */
function footerStart(index: PageIndex, vendor: string, from: number): number | null {
  for (let r = from; r < index.segments.length; r++) if (index.segments[r][0]?.folded.trim().startsWith(vendor)) return r;
  return null;
}

export function partySections(pages: readonly PageIndex[], doc: { pages: { number: number; blocks: { bbox: BBox }[] }[] }, builtIns: Record<string, FieldValue>): SectionRoles {
  // Blocks holding the name of a party the built-in model found, unless it sits under the other party's heading.
  const blocks: { page: number; bbox: BBox; role: Role }[] = [];
  const named: Partial<Record<'seller' | 'buyer', { index: PageIndex; seg: Segment }>> = {};
  for (const [field, role] of [['vendor_name', 'seller'], ['customer_name', 'buyer']] as const) {
    const c = builtIns[field]?.citations?.[0];
    if (!builtIns[field]?.value || !c) continue;
    const index = pages.find((p) => p.page === c.page);
    const seg = index?.segments.flat().find((s) => inside(c.bbox, s.line.bbox) || inside(s.line.bbox, c.bbox));
    const heading = index && seg ? sectionAbove(index, seg) : null;
    if (heading && heading !== role) continue;
    const block = doc.pages.find((p) => p.number === c.page)?.blocks.find((b) => inside(c.bbox, b.bbox));
    if (block) blocks.push({ page: c.page, bbox: block.bbox, role });
    if (index && seg) named[role] = { index, seg };
  }
  const totalAt = builtIns.total_amount?.citations?.[0];
  const rowOf = (index: PageIndex, bbox: BBox | undefined) => (bbox ? index.rows.findIndex((r) => r.bbox[1] <= bbox[3] && r.bbox[3] >= bbox[1]) : -1);
  // The address blocks at the top of the first page: the seller's is the one holding the found
  // vendor's name, else the letterhead (the topmost one no heading gives to another party); the
  // buyer's holds the found customer's name, else it is the one other block that opens with a name.
  const chained = new Map<Segment, Role>();
  const first = pages[0];
  let sellerName: string | null = null;
  if (first) {
    const lastRow = totalAt?.page === first.page && rowOf(first, totalAt.bbox) > 0 ? rowOf(first, totalAt.bbox) : Math.ceil(first.segments.length / 2);
    const chains = addressChains(first, lastRow).filter((c) => [null, 'seller', 'buyer'].includes(sectionAbove(first, c[0])));
    // A block whose own keys name their party ("BTW-nummer afnemer:", "Customer VAT ID:") is that party's.
    // Possessives ("Uw referentie", "Your order") address the reader anywhere on the page: they name no block's party.
    const keyRole = (seg: Segment) => (/:/.test(seg.text) ? roleIn(seg.folded.split(':')[0].replace(POSSESSIVE, ' ')) : null);
    const said = new Map(chains.map((c) => [c, opensWithName(c) ? (c.map(keyRole).find((r) => r === 'seller' || r === 'buyer') ?? null) : null]));
    const holding = (n: { seg: Segment } | undefined, role: Role) => (n ? chains.find((c) => c.includes(n.seg) && (said.get(c) ?? role) === role) : undefined);
    const buyerChain = chains.find((c) => said.get(c) === 'buyer') ?? holding(named.buyer, 'buyer');
    const sellerChain =
      chains.find((c) => said.get(c) === 'seller') ??
      holding(named.seller, 'seller') ??
      chains.find((c) => c !== buyerChain && said.get(c) !== 'buyer' && sectionAbove(first, c[0]) !== 'buyer' && opensWithName(c));
    const others = chains.filter((c) => c !== sellerChain && !sectionAbove(first, c[0]) && opensWithName(c));
    const buyer = buyerChain ?? (sellerChain && others.length === 1 ? others[0] : undefined);
    for (const s of sellerChain ?? []) chained.set(s, 'seller');
    for (const s of buyer ?? []) chained.set(s, 'buyer');
    if (sellerChain && opensWithName(sellerChain)) sellerName = sellerChain[0].folded.trim();
  }
  for (const [role, n] of Object.entries(named) as ['seller' | 'buyer', { index: PageIndex; seg: Segment }][]) {
    for (const s of columnChain(n.index, n.seg)) if (!chained.has(s)) chained.set(s, role);
  }
  const vendorValue = builtIns.vendor_name?.value;
  const vendor = sellerName ?? (named.seller && typeof vendorValue === 'string' && vendorValue.length >= 4 ? fold(vendorValue).trim() : null);
  // Per page, the row where the seller's footer begins (below the total on its page).
  const footers = new Map<number, number>();
  if (vendor && vendor.length >= 4) {
    for (const index of pages) {
      const from = totalAt?.page === index.page ? Math.max(1, rowOf(index, totalAt.bbox) + 1) : Math.ceil(index.segments.length / 2);
      const at = footerStart(index, vendor, from);
      if (at !== null) footers.set(index.page, at);
    }
  }
  const cache = new Map<Segment, Role | null>();
  const byPage = new Map(pages.map((p) => [p.page, p]));
  return (seg) => {
    if (cache.has(seg)) return cache.get(seg) ?? null;
    let role: Role | null = null;
    const index = byPage.get(seg.page);
    if (index) role = sectionAbove(index, seg);
    if (!role) role = chained.get(seg) ?? blocks.find((b) => b.page === seg.page && inside(seg.line.bbox, b.bbox))?.role ?? null;
    if (!role && seg.rowIndex >= (footers.get(seg.page) ?? Infinity)) role = 'seller';
    cache.set(seg, role);
    return role;
  };
}

/** Walks up the segment's column to the nearest heading, stopping at a wide gap. */
function sectionAbove(index: PageIndex, seg: Segment): Role | null {
  const own = headingRole(seg);
  if (own) return own;
  const x0 = seg.line.bbox[0];
  const h = lineHeight(seg);
  const keyValue = /\S\s*:\s*\S|:\s*$/.test(seg.text);
  let top = seg.line.bbox[1];
  for (let r = seg.rowIndex - 1; r >= 0 && r >= seg.rowIndex - MAX_ROWS; r--) {
    const above = index.segments[r].find((s) => s.line.bbox[0] <= x0 + 3 * h && s.line.bbox[0] >= x0 - 3 * h);
    if (!above) continue;
    // A wide gap ends a section; for a key-value line a blank line does (document data printed
    // under the recipient's block, set off by a blank line, are not the recipient's).
    if (top - above.line.bbox[3] > (keyValue ? 1.6 : 2.5) * h) return null;
    top = above.line.bbox[1];
    const role = headingRole(above);
    if (role) return role;
  }
  return null;
}
