import type { ExtractionContext } from '../extract/context.js';

/** Words a document uses when it states how many rows a list has, by list field. */
const NOUNS: Record<string, string> = {
  transactions: 'transactions?|bookings?|entries|buchungen|posten|opérations',
  line_items: 'items?|line items?|positions?|lines|articles?|positionen|artikel',
  items: 'items?|articles?|artikel',
};

/**
 * The row count a document prints for a list ("Number of transactions: 40", "40 transactions",
 * "Items: 12"), when it prints exactly one such count; null otherwise. A list read with fewer rows
 * than that is reported as short.
 */
export function printedCount(ctx: ExtractionContext, field: string): number | null {
  const nouns = NOUNS[field];
  if (!nouns) return null;
  const before = new RegExp(String.raw`(?:number of|no\.? of|count of|total|anzahl(?: der)?|nombre d')\s*(?:${nouns})\s*[:#]?\s*(\d{1,5})\b`, 'gi');
  const after = new RegExp(String.raw`\b(\d{1,5})\s+(?:${nouns})\b(?!\s*(?:of|à|von)\b)`, 'gi');
  const counts = new Set<number>();
  // "12 items" is as often a quantity as a count; "40 transactions" is a statement's count.
  for (const re of field === 'transactions' ? [before, after] : [before]) for (const m of ctx.allText.matchAll(re)) counts.add(Number(m[1]));
  return counts.size === 1 ? [...counts][0] : null;
}
