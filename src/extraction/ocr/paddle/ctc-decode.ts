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
  /**
   * A fainter space where the characters stand apart: a run of blank steps between two characters
   * whose space probability reaches `threshold` (but not `spaceThreshold`) is a space when the two
   * characters' centres are at least `pitch` times the line's median character pitch apart. The
   * space's probability alone cannot tell a gap between words from one inside a word ("DESCR IPT
   * ION"); the gap's width can (chosen on SROIE train lines, BENCHMARKS.md "OCR read").
   */
  spaceGap?: { threshold: number; pitch: number };
}

/** `probs` is a T × C row-major matrix of probabilities (C = dictionary + blank + space). */
export function decodeCtc(probs: Float32Array, steps: number, classes: number, options: CtcOptions): CtcChar[] {
  const spaceClass = options.dictionary.length + 1;
  const threshold = options.spaceThreshold ?? 0.03;
  const out: CtcChar[] = [];
  let prev = 0;
  // The blank run since the last character: its strongest space step (gap rule candidates).
  let gap = { p: 0, t: -1 };
  const candidates: { at: number; t: number; p: number }[] = [];
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
    if (best === 0 && spaceClass < classes && probs[row + spaceClass] > gap.p) gap = { p: probs[row + spaceClass], t };
    if (best === spaceClass) gap = { p: -1, t: -1 };
    else if (best !== 0 && best !== prev) {
      if (options.spaceGap && out.length && gap.p >= options.spaceGap.threshold) candidates.push({ at: out.length, t: gap.t, p: gap.p });
      gap = { p: 0, t: -1 };
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
  if (options.spaceGap && candidates.length) insertGapSpaces(out, candidates, options.spaceGap.pitch);
  return out;
}

/** The median distance between neighbouring characters' centres, in steps (2 when there are too few). */
function medianPitch(chars: readonly CtcChar[]): number {
  const centres = chars.filter((c) => c.text !== ' ').map((c) => (c.start + c.end + 1) / 2);
  const gaps: number[] = [];
  for (let i = 1; i < centres.length; i++) gaps.push(centres[i] - centres[i - 1]);
  gaps.sort((a, b) => a - b);
  return gaps.length ? gaps[Math.floor(gaps.length / 2)] : 2;
}

function insertGapSpaces(out: CtcChar[], candidates: readonly { at: number; t: number; p: number }[], pitch: number): void {
  const min = pitch * medianPitch(out);
  const centre = (c: CtcChar) => (c.start + c.end + 1) / 2;
  // From the right, so that earlier insertion points stay valid.
  for (let i = candidates.length - 1; i >= 0; i--) {
    const { at, t, p } = candidates[i];
    const before = out[at - 1];
    const after = out[at];
    if (before.text === ' ' || after.text === ' ' || centre(after) - centre(before) < min) continue;
    out.splice(at, 0, { text: ' ', start: t, end: t, prob: p });
  }
}

/**
 * Groups decoded characters into words (split at spaces) with left/right edges in time steps. CTC
 * fires a character on one or two steps near its middle, so a word's edges are placed half a
 * character pitch (the line's median distance between neighbouring characters) outside its first
 * and last character, never past the line's ends nor into the steps of the spaces around it: the
 * layout joins boxes that touch (fragments of one PDF word), so words must keep their gap.
 */
export function ctcWords(chars: CtcChar[], steps: number): CtcWord[] {
  const pitch = medianPitch(chars);
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
