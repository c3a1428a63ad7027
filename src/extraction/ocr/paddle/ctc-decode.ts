/**
 * Greedy CTC decoding of a PP-OCR recognizer's output into words with positions.
 *
 * The recognizer reads one text line and gives, for each of T time steps (columns of the line, left
 * to right, each `stride` pixels of the input wide), a probability over its classes: 0 is the CTC
 * blank, 1..N the dictionary's characters, N+1 the space. At the gap between two Latin words the
 * space rarely wins the argmax (the blank does), but its probability rises clearly above its
 * near-zero level elsewhere: a step whose best class is the blank and whose space probability is at
 * least `spaceThreshold` is read as a space. Every wrapper we tried decoded with plain argmax and
 * glued "TOTAL RM 9.00" into "TOTALRM9.00".
 */

export interface CtcChar {
  text: string;
  /** First and last time step the character held (inclusive). */
  start: number;
  end: number;
  /** Its highest probability over those steps. */
  prob: number;
}

export interface CtcWord {
  text: string;
  /** Left and right edge in time steps (fractional): where the word's ink starts and ends. */
  left: number;
  right: number;
  /** Mean of its characters' probabilities, 0–1. */
  confidence: number;
}

export interface CtcOptions {
  /** The dictionary, index i = class i + 1 (class 0 is the blank); the space is the class after it. */
  dictionary: readonly string[];
  /** Read a blank step as a space when the space's probability is at least this (default 0.03). */
  spaceThreshold?: number;
}

/** `probs` is a T × C row-major matrix of probabilities (C = dictionary + blank + space). */
export function decodeCtc(probs: Float32Array, steps: number, classes: number, options: CtcOptions): CtcChar[] {
  const spaceClass = options.dictionary.length + 1;
  const threshold = options.spaceThreshold ?? 0.03;
  const out: CtcChar[] = [];
  let prev = 0;
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best = 0;
    let bestP = probs[row];
    for (let c = 1; c < classes; c++) {
      const p = probs[row + c];
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best === 0 && spaceClass < classes && probs[row + spaceClass] >= threshold) {
      best = spaceClass;
      bestP = probs[row + spaceClass];
    }
    if (best !== 0 && best === prev) {
      const last = out[out.length - 1];
      last.end = t;
      last.prob = Math.max(last.prob, bestP);
    } else if (best !== 0) {
      const text = best === spaceClass ? ' ' : (options.dictionary[best - 1] ?? '');
      out.push({ text, start: t, end: t, prob: bestP });
    }
    prev = best;
  }
  return out;
}

/**
 * Groups decoded characters into words (split at spaces) with left/right edges in time steps. CTC
 * fires a character on one or two steps near its middle, so a word's edges are placed half a
 * character pitch (the line's median distance between neighbouring characters) outside its first
 * and last character, never past the line's ends nor into the steps of the spaces around it: the
 * layout joins boxes that touch (fragments of one PDF word), so words must keep their gap.
 */
export function ctcWords(chars: CtcChar[], steps: number): CtcWord[] {
  const centres = chars.filter((c) => c.text !== ' ').map((c) => (c.start + c.end + 1) / 2);
  const gaps: number[] = [];
  for (let i = 1; i < centres.length; i++) gaps.push(centres[i] - centres[i - 1]);
  gaps.sort((a, b) => a - b);
  const pitch = gaps.length ? gaps[Math.floor(gaps.length / 2)] : 2;
  const words: CtcWord[] = [];
  let current: CtcChar[] = [];
  let spaceBefore: CtcChar | null = null;
  const flush = (spaceAfter: CtcChar | null) => {
    if (!current.length) return;
    const first = current[0];
    const last = current[current.length - 1];
    const left = Math.max(spaceBefore ? spaceBefore.end + 1 : 0, (first.start + first.end + 1) / 2 - pitch / 2);
    const right = Math.min(spaceAfter ? spaceAfter.start : steps, (last.start + last.end + 1) / 2 + pitch / 2);
    const confidence = current.reduce((s, c) => s + c.prob, 0) / current.length;
    words.push({ text: current.map((c) => c.text).join(''), left, right, confidence });
    current = [];
  };
  for (const c of chars) {
    if (c.text === ' ') {
      flush(c);
      spaceBefore = c;
    } else current.push(c);
  }
  flush(null);
  return words;
}
