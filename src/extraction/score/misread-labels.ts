import { LABELS, matchLabels } from '../extract/labels.js';
import { glyphDistance } from '../normalize/glyph-distance.js';

/**
 * A label OCR misread by a letter ("otal", "Totel Amt", "Amcunt", "Poyable") matches no label
 * expression, so the value beside it looks unlabelled and a cash line printed clearly below wins. Here
 * each word of the text that is no word of the field's labels is read as the one label word within
 * one edit of it (a lookalike glyph counts half), where there is exactly one, and the labels are
 * matched again. The score's feature is the strongest label found so that the text did not show as
 * printed: the model learns how far to trust it.
 */
/** Per field, the label words: the letter runs of four or more in its label expressions (read once per process). */
const LABEL_WORDS = new Map<string, string[]>();
function labelWords(field: string): string[] {
  let words = LABEL_WORDS.get(field);
  if (!words) LABEL_WORDS.set(field, (words = [...new Set((LABELS[field] ?? []).flatMap((l) => l.re.source.match(/[a-z]{4,}/g) ?? []))]));
  return words;
}

export class MisreadLabels {
  private readonly words: string[];
  private readonly known: Set<string>;
  /** Per document: one answer per text. */
  private readonly memo = new Map<string, number>();

  constructor(private readonly field: string) {
    this.words = labelWords(field);
    this.known = new Set(this.words);
  }

  /** The strongest label of the field in `folded` once misread label words are read as meant, if the text has none as printed. */
  weight(folded: string): number {
    let w = this.memo.get(folded);
    if (w !== undefined) return w;
    w = 0;
    if (!matchLabels(this.field, folded).length) {
      let changed = false;
      const mended = folded.replace(/[\p{L}\d]{4,}/gu, (token) => {
        if (this.known.has(token) || /^\d+$/.test(token)) return token;
        const near = this.words.filter((x) => Math.abs(x.length - token.length) <= 1 && glyphDistance(token, x) <= 1);
        if (near.length !== 1) return token;
        changed = true;
        return near[0];
      });
      if (changed) w = Math.max(0, ...matchLabels(this.field, mended).map((m) => m[2]));
    }
    this.memo.set(folded, w);
    return w;
  }
}
