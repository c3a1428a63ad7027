/**
 * How far apart two readings of a word are for OCR: an edit distance where a swap between glyphs
 * that look alike (a 5 for an S, an 8 for a B, a 0 for an O or a D, a 1 for an I or an l) costs half
 * an edit. Compared in upper case.
 */

/** Glyph pairs OCR takes for one another: swapping one for the other costs half an edit. */
const LOOKALIKES = new Set(['5S', '8B', '0O', '0D', 'OD', '1I', '1L', 'IL', '2Z', '6G'].flatMap((p) => [p, p[1] + p[0]]));

/** Edit distance where a lookalike swap costs 0.5 and any other edit 1. */
export function glyphDistance(x: string, y: string): number {
  const a = x.toUpperCase();
  const b = y.toUpperCase();
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const swap = a[i - 1] === b[j - 1] ? 0 : LOOKALIKES.has(a[i - 1] + b[j - 1]) ? 0.5 : 1;
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + swap));
    }
    prev = row;
  }
  return prev[b.length];
}
