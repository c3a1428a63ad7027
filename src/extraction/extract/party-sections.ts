import type { BBox } from '../model/document.js';
import { ROLE_HEADINGS, type Role } from './concepts.js';
import type { FieldValue } from './context.js';
import type { PageIndex, Segment } from './layout-index.js';

/**
 * Which party a printed line belongs to. A heading ("Verkäufer:", "Vos identifiants", "Bill to")
 * opens a section that runs down its column until another heading or a wide gap; the address block
 * of a party the built-in model found (its name's block) belongs to that party too. So an email
 * printed under the seller's address counts as the seller's, as a person reads it.
 */
export type SectionRoles = (seg: Segment) => Role | null;

const MAX_ROWS = 14;

function headingRole(seg: Segment): Role | null {
  const t = seg.folded.trim().replace(/\s+/g, ' ');
  for (const role of ['seller', 'buyer', 'other'] as Role[]) if (ROLE_HEADINGS[role].test(t)) return role;
  return null;
}

const inside = (b: BBox, outer: BBox) => b[0] >= outer[0] - 2 && b[2] <= outer[2] + 2 && b[1] >= outer[1] - 2 && b[3] <= outer[3] + 2;

export function partySections(pages: readonly PageIndex[], doc: { pages: { number: number; blocks: { bbox: BBox }[] }[] }, builtIns: Record<string, FieldValue>): SectionRoles {
  // Blocks holding the name of a party the built-in model found.
  const blocks: { page: number; bbox: BBox; role: Role }[] = [];
  for (const [field, role] of [['vendor_name', 'seller'], ['customer_name', 'buyer']] as const) {
    const c = builtIns[field]?.citations?.[0];
    if (!builtIns[field]?.value || !c) continue;
    const page = doc.pages.find((p) => p.number === c.page);
    const block = page?.blocks.find((b) => inside(c.bbox, b.bbox));
    if (block) blocks.push({ page: c.page, bbox: block.bbox, role });
  }
  const cache = new Map<Segment, Role | null>();
  const byPage = new Map(pages.map((p) => [p.page, p]));
  return (seg) => {
    if (cache.has(seg)) return cache.get(seg) ?? null;
    let role: Role | null = null;
    const index = byPage.get(seg.page);
    if (index) role = sectionAbove(index, seg);
    if (!role) role = blocks.find((b) => b.page === seg.page && inside(seg.line.bbox, b.bbox))?.role ?? null;
    cache.set(seg, role);
    return role;
  };
}

/** Walks up the segment's column to the nearest heading, stopping at a wide gap. */
function sectionAbove(index: PageIndex, seg: Segment): Role | null {
  const own = headingRole(seg);
  if (own) return own;
  const x0 = seg.line.bbox[0];
  const h = Math.max(4, seg.line.bbox[3] - seg.line.bbox[1]);
  let top = seg.line.bbox[1];
  for (let r = seg.rowIndex - 1; r >= 0 && r >= seg.rowIndex - MAX_ROWS; r--) {
    const above = index.segments[r].find((s) => s.line.bbox[0] <= x0 + 3 * h && s.line.bbox[0] >= x0 - 3 * h);
    if (!above) continue;
    if (top - above.line.bbox[3] > 2.5 * h) return null;
    top = above.line.bbox[1];
    const role = headingRole(above);
    if (role) return role;
  }
  return null;
}
