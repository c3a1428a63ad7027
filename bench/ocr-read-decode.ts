/**
 * A compact copy of the recognizer's output for one line, enough to re-run the reader's greedy CTC
 * decoding offline with other space rules (the full T × 6,625 matrix is ~2 MB a line).
 */
import { type CtcOptions, ctcWords, decodeCtc } from '../src/extraction/ocr/paddle/ctc-decode.js';

/** Per time step: best class (0 = blank), its probability, the space's, the best character's (not blank, not space) and its probability. */
export type CompactStep = [best: number, bestP: number, spaceP: number, alt: number, altP: number];

export function compactSteps(probs: Float32Array, steps: number, classes: number, spaceClass: number): CompactStep[] {
  const out: CompactStep[] = [];
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best = 0;
    let alt = 1;
    for (let c = 1; c < classes; c++) {
      if (probs[row + c] > probs[row + best]) best = c;
      if (c !== spaceClass && probs[row + c] > probs[row + alt]) alt = c;
    }
    const r = (v: number) => Math.round(v * 1e4) / 1e4;
    out.push([best, r(probs[row + best]), spaceClass < classes ? r(probs[row + spaceClass]) : 0, alt, r(probs[row + alt])]);
  }
  return out;
}

export type DecodeRule = Pick<CtcOptions, 'spaceThreshold' | 'spaceGap'>;

/**
 * The line's text as the reader gives it (`decodeCtc`, `ctcWords`, NFKC, trimmed words joined by
 * spaces), from a small matrix holding only the classes the compact steps name.
 */
export function decodeCompact(steps: readonly CompactStep[], dictionary: readonly string[], rule: DecodeRule): string {
  const spaceClass = dictionary.length + 1;
  const local = new Map<number, number>();
  const localDictionary: string[] = [];
  for (const [best, , , alt] of steps) {
    for (const c of [best, alt]) {
      if (c === 0 || c === spaceClass || local.has(c)) continue;
      localDictionary.push(dictionary[c - 1] ?? '');
      local.set(c, localDictionary.length);
    }
  }
  const classes = localDictionary.length + 2;
  const probs = new Float32Array(steps.length * classes);
  steps.forEach(([best, bestP, spaceP, alt, altP], t) => {
    const row = t * classes;
    probs[row + classes - 1] = spaceP;
    if (alt !== best) probs[row + (local.get(alt) ?? 0)] = Math.min(altP, bestP);
    probs[row + (best === spaceClass ? classes - 1 : (local.get(best) ?? 0))] = bestP;
  });
  const chars = decodeCtc(probs, steps.length, classes, { dictionary: localDictionary, ...rule });
  return ctcWords(chars, steps.length)
    .map((w) => w.text.normalize('NFKC').trim())
    .filter(Boolean)
    .join(' ');
}
