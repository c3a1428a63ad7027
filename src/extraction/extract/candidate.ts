import type { Word } from '../model/document.js';
import { unionBoxOf, roundBox, textOfWords } from '../model/document.js';
import type { Citation } from '../model/result.js';

/** A possible value for a field, with how strongly the layout supports it and where it is printed. */
export interface Candidate {
  value: unknown;
  /** 0–1: label strength × layout relation × how well the text fits the type. */
  score: number;
  citations: Citation[];
  /** How it was found ('label-inline', 'label-right', 'label-below', 'heuristic', 'embedded_xml'). */
  via: string;
}

export function cite(page: number, words: readonly Word[]): Citation {
  return { page, bbox: roundBox(unionBoxOf(words)), text: textOfWords(words) };
}

/** Mean OCR confidence of the words behind a value (1 for a text layer). */
export function wordConfidence(words: readonly Word[]): number {
  if (!words.length) return 1;
  return words.reduce((s, w) => s + w.confidence, 0) / words.length;
}

/**
 * Picks the best candidate, treating agreement as evidence: when several placements yield the
 * same value its score grows toward 1 (two independent reads rarely agree by accident).
 */
export function pickBest(candidates: readonly Candidate[], key = (v: unknown) => JSON.stringify(v)): Candidate | null {
  if (!candidates.length) return null;
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const k = key(c.value);
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  let best: Candidate | null = null;
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => b.score - a.score);
    let combined = sorted[0].score;
    for (const c of sorted.slice(1)) combined += (1 - combined) * c.score * 0.3;
    if (!best || combined > best.score) best = { ...sorted[0], score: combined };
  }
  return best;
}
