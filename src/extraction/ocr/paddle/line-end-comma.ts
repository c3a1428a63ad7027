import type { OcrWord } from '../ocr-engine.js';
import type { Box } from './line-boxes.js';

/**
 * DB's region of a text line often stops just before a small trailing mark, so the recognizer never
 * sees a comma printed after the line's last word (on SROIE's train addresses, 17 % of the
 * transcripts' line-end commas were missing from our reading). Widening every line box before
 * recognition finds them but changes the reading of whole lines (`lineEndPad`); here only the end of
 * a line that stops on a letter or digit is read again — its last word's right part and the space
 * after it — and a comma is added to the line only when that second reading ends with the same
 * character followed by a comma.
 */

/** How far the second reading reaches back over the last word, and past it, in line heights. */
const BACK = 1.5;
const PAST = 0.5;

/** The box to read again at the end of a line (page pixels), or null when the line ends in punctuation. */
export function lineEndBox(words: readonly OcrWord[], pageWidth: number): Box | null {
  const last = words[words.length - 1];
  if (!last || !/[\p{L}\p{N}]$/u.test(last.text)) return null;
  const [x0, y0, x1, y1] = last.bbox;
  const h = y1 - y0;
  if (h <= 0) return null;
  const right = Math.min(pageWidth, x1 + PAST * h);
  if (right <= x1 + 1) return null;
  return [Math.max(x0, x1 - BACK * h, 0), y0, right, y1];
}

/** Whether the end's second reading shows a comma right after the line's last character. */
export function commaAfter(lastWord: string, tail: readonly OcrWord[]): boolean {
  const text = tail.map((w) => w.text).join('').replace(/\s+/g, '');
  if (!text.endsWith(',') || text.length < 2) return false;
  return text[text.length - 2].toLowerCase() === lastWord[lastWord.length - 1].toLowerCase();
}

/** The end of each line to read again (`lineEndBox`), null where there is none. */
export function lineEndBoxes(lines: readonly OcrWord[][], pageWidth: number): (Box | null)[] {
  return lines.map((words) => lineEndBox(words, pageWidth));
}

/** The page's words with a comma added to each line whose end's second reading (`tails[i]`) shows one; words are copied, not changed. */
export function withLineEndCommas(lines: readonly OcrWord[][], tails: readonly (OcrWord[] | null | undefined)[]): OcrWord[] {
  return lines.flatMap((words, i) => {
    const tail = tails[i];
    const last = words[words.length - 1];
    if (!tail || !last || !commaAfter(last.text, tail)) return words;
    return [...words.slice(0, -1), { ...last, text: `${last.text},` }];
  });
}

/** A page's words with the line-end commas added: `read` recognises one box of the page (one thread's way; the pool does the same in steps). */
export async function addLineEndCommas(words: readonly OcrWord[], pageWidth: number, read: (box: Box) => Promise<OcrWord[]>): Promise<OcrWord[]> {
  const lines = wordsByLine(words);
  const boxes = lineEndBoxes(lines, pageWidth);
  const tails: (OcrWord[] | null)[] = [];
  for (const box of boxes) tails.push(box ? await read(box) : null);
  return withLineEndCommas(lines, tails);
}

/** A page's words (as `pageResult` lists them, line after line) split back into lines: a line's words share its box's top and bottom. */
export function wordsByLine(words: readonly OcrWord[]): OcrWord[][] {
  const lines: OcrWord[][] = [];
  for (const w of words) {
    const line = lines[lines.length - 1];
    const prev = line?.[line.length - 1];
    if (prev && prev.bbox[1] === w.bbox[1] && prev.bbox[3] === w.bbox[3] && w.bbox[0] >= prev.bbox[0]) line.push(w);
    else lines.push([w]);
  }
  return lines;
}
