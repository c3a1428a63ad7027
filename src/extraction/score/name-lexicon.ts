import { readFileSync } from 'node:fs';
import { weightsPath } from './scorers.js';

/**
 * The generic words of merchant names (company forms and trades: SDN BHD, TRADING, ENTERPRISE,
 * HARDWARE, STATIONERY, RESTAURANT, MART…), learned from the train split's labelled names: a word
 * counts when the names of at least `minGroups` distinct merchant groups print it, so that one
 * merchant's own words (its brand, printed by its branches) stay out. `minGroups` is fitted out of
 * fold by `npm run train`, which writes the lexicon beside the scorers' weights.
 */
export interface NameLexicon {
  minGroups: number;
  /** Upper-case generic word → number of merchant groups whose names print it (`minGroups` or more). */
  words: Record<string, number>;
}

/** Counts, for each word of the labelled names, the merchant groups that print it. */
export function countNameWords(names: { text: string; group: string }[]): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const { text, group } of names) {
    for (const w of nameWords(text)) {
      if (!groups.has(w)) groups.set(w, new Set());
      groups.get(w)!.add(group);
    }
  }
  return groups;
}

/**
 * The lexicon to commit: the words `minGroups` or more groups print, with their counts (a training
 * receipt's own words count one fewer), sorted. No word fewer merchants print is kept.
 */
export function buildNameLexicon(counts: Map<string, Set<string>>, minGroups: number): NameLexicon {
  const words = Object.fromEntries(
    [...counts]
      .filter(([, g]) => g.size >= minGroups)
      .map(([w, g]) => [w, g.size] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  );
  return { minGroups, words };
}

/** A text's words as the lexicon keys them: letters only, upper case, two letters or more. */
export function nameWords(text: string): string[] {
  return [...new Set(text.toUpperCase().match(/\p{L}{2,}/gu) ?? [])];
}

/**
 * How many of a text's words are generic name words. `own`, at training time, is the labelled name
 * of the document's own merchant: its words count one group fewer, as if the merchant were unseen
 * (what the engine meets on a new receipt).
 */
export function genericWordCount(text: string, lexicon: NameLexicon, own?: Set<string>): number {
  return nameWords(text).filter((w) => (lexicon.words[w] ?? 0) - (own?.has(w) ? 1 : 0) >= lexicon.minGroups).length;
}

export const NAME_LEXICON = 'receipt-name-words';

/** Groups a word's names must span to be generic: fitted out of fold (train/merchant-study.ts --k). */
export const NAME_MIN_GROUPS = 4;

let committed: NameLexicon | null = null;

/** The committed lexicon, loaded once per process. */
export function nameLexicon(): NameLexicon {
  committed ??= JSON.parse(readFileSync(weightsPath(NAME_LEXICON), 'utf8')) as NameLexicon;
  return committed;
}
