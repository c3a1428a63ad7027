import { readFileSync } from 'node:fs';
import { weightsPath } from './scorers.js';

/**
 * The words receipts print in their headers (street, area, town and state names, legal forms,
 * trades), learned from the train split's labelled addresses and names with the number of merchants
 * that print each: `npm run train` writes it beside the scorers' weights. OCR drops or swaps a letter
 * ("KAWASN", "PERINDUSTRLAN"), splits a word ("PETAL ING") or glues two ("DARULEHSAN"); a word
 * the lexicon does not know is mended when exactly one word that several merchants print is one
 * edit away, or when joining or splitting gives known words. Words it knows are never touched.
 */
export interface WordLexicon {
  /** Upper-case word → number of merchant groups whose labels print it. */
  words: Record<string, number>;
}

/** A word must be printed by this many merchants to correct another into it. */
const MIN_MERCHANTS = 3;
/** Shorter words are left alone: one edit turns too many of them into another word. */
const MIN_LENGTH = 5;

/** Builds the lexicon from labelled texts, each with its merchant group. */
export function buildLexicon(texts: { text: string; group: string }[]): WordLexicon {
  const groups = new Map<string, Set<string>>();
  for (const { text, group } of texts) {
    for (const w of text.toUpperCase().match(/\p{L}{2,}/gu) ?? []) {
      if (!groups.has(w)) groups.set(w, new Set());
      groups.get(w)!.add(group);
    }
  }
  const words = Object.fromEntries([...groups].filter(([, g]) => g.size >= 2).map(([w, g]) => [w, g.size] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  return { words };
}

/** Edit distance of at most one (insertion, deletion, substitution). */
function withinOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (a.length < b.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

export class WordMender {
  private readonly known: Map<string, number>;
  private readonly frequent: string[];
  private readonly memo = new Map<string, string | null>();

  constructor(lexicon: WordLexicon) {
    this.known = new Map(Object.entries(lexicon.words));
    this.frequent = [...this.known].filter(([, n]) => n >= MIN_MERCHANTS).map(([w]) => w);
  }

  private count(w: string): number {
    return this.known.get(w.toUpperCase()) ?? 0;
  }

  /** The one frequent word one edit from `word`, if there is exactly one. */
  private nearest(word: string): string | null {
    const upper = word.toUpperCase();
    let hit = this.memo.get(upper);
    if (hit === undefined) {
      const hits = this.frequent.filter((w) => w.length >= MIN_LENGTH && withinOne(upper, w));
      hit = hits.length === 1 ? hits[0] : null;
      this.memo.set(upper, hit);
    }
    return hit;
  }

  /** Mends the words of a text that the lexicon does not know; punctuation and spacing elsewhere stay. */
  mend(text: string): string {
    // Split into words of letters and what lies between them.
    const parts = text.split(/(\p{L}+)/u);
    // parts: [sep, word, sep, word, ..., sep]
    for (let k = 1; k < parts.length; k += 2) {
      const word = parts[k];
      if (this.count(word) > 0) continue;
      // "PETAL ING": two words joined by one space that together make a known word.
      if (k + 2 < parts.length && parts[k + 1] === ' ' && this.count(parts[k + 2]) === 0 && this.count(word + parts[k + 2]) >= 2) {
        parts[k] = (word + parts[k + 2]).toUpperCase();
        parts[k + 1] = '';
        parts[k + 2] = '';
        k += 2;
        continue;
      }
      // A plural of a known word ("RESTAURANTS") is a word of its own, and so is a known word with a
      // vowel after it: another language's form of it ("RESTAURANTE", "CENTRALE"), not an OCR slip.
      if (word.length < MIN_LENGTH || (/[saeio]$/i.test(word) && this.count(word.slice(0, -1)) > 0)) continue;
      // "DARULEHSAN": two known words glued together.
      let split: string | null = null;
      for (let i = 3; i <= word.length - 3 && !split; i++) {
        if (this.count(word.slice(0, i)) >= MIN_MERCHANTS && this.count(word.slice(i)) >= MIN_MERCHANTS) split = `${word.slice(0, i)} ${word.slice(i)}`.toUpperCase();
      }
      if (split) {
        parts[k] = split;
        continue;
      }
      const near = this.nearest(word);
      if (near) parts[k] = near;
    }
    return parts.join('');
  }
}

/** The committed lexicon's file (`npm run train` writes it). */
export const LEXICON_NAME = 'receipt-words';

let mender: WordMender | null = null;

/** The mender over the committed lexicon, loaded once per process. */
export function wordMender(): WordMender {
  mender ??= new WordMender(JSON.parse(readFileSync(weightsPath(LEXICON_NAME), 'utf8')) as WordLexicon);
  return mender;
}
