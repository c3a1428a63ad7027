/**
 * Levenshtein distance and the similarity built on it, for near-match training labels and study scripts
 * (no library in the tree gives one; the engine itself needs only word-lexicon.ts's distance-of-one test).
 */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** 1 − distance / the longer length: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  return 1 - levenshtein(a, b) / Math.max(a.length, b.length, 1);
}
