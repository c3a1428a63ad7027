import { type Candidate, cite, wordConfidence } from './candidate.js';
import { LABELS, type Label, labelUnion, matchLabels } from './labels.js';
import { below, type PageIndex, rightOf, type Segment, textFrom } from './layout-index.js';

/** Reads a typed value from the text next to a label; `consumed` is how much of the text it used. */
export type ValueParser = (text: string) => { value: unknown; start: number; end: number; fit: number } | null;

export interface KeyValueOptions {
  field: string;
  parse: ValueParser;
  labels?: Label[];
  /** Search below the label too (header-over-value layouts); default true. */
  lookBelow?: boolean;
}

/**
 * Layout relations between a label and its value, and how much each is trusted: on the same
 * segment right after the label is the strongest; to the right on the same row next; directly
 * below in the same column (tables of headers over values) weakest.
 */
const RELATION = { inline: 1, right: 0.9, below: 0.75 } as const;

function candidateFrom(seg: Segment, start: number, parse: ValueParser, base: number, via: string): Candidate | null {
  const { text, words, spans } = textFrom(seg, start);
  const cleaned = text.replace(/^[\s:#.=\-–|)]+/, '');
  const shift = text.length - cleaned.length;
  const parsed = parse(cleaned);
  if (!parsed) return null;
  const used = words.filter((_, i) => spans[i][1] > parsed.start + shift && spans[i][0] < parsed.end + shift);
  const citeWords = used.length ? used : words;
  return {
    value: parsed.value,
    score: base * parsed.fit * (0.6 + 0.4 * wordConfidence(citeWords)),
    citations: [cite(seg.page, citeWords)],
    via,
  };
}

/** A field's label matches on a segment, found once per segment and label list (`key`). */
function matchesOf(seg: Segment, key: string, field: string, labels: Label[] | undefined): [number, number, number][] {
  let matches = seg.labelMatches.get(key);
  if (!matches) {
    matches = matchLabels(field, seg.folded, labels);
    seg.labelMatches.set(key, matches);
  }
  return matches;
}

const cacheKeyOf = (field: string, labels: Label[] | undefined) => (labels ? `custom:${field}` : field);

/** Every value the labels of a field point at, over all pages. */
export function findLabelledValues(pages: readonly PageIndex[], opts: KeyValueOptions): Candidate[] {
  const out: Candidate[] = [];
  const cacheKey = cacheKeyOf(opts.field, opts.labels);
  for (const index of pages) {
    for (const row of index.segments) {
      for (const seg of row) readValues(index, seg, matchesOf(seg, cacheKey, opts.field, opts.labels), opts, out);
    }
  }
  return out;
}

/** Fields whose labelled values are read in one pass (findLabelledValuesOf): their labels, cache keys, and one union of all. */
export interface LabelledFields {
  fields: readonly { field: string; labels?: Label[] }[];
  keys: readonly string[];
  /** Each field's label list, as matchLabels reads it. */
  lists: readonly Label[][];
  /** Matches where a label of any of the fields does. */
  any: RegExp;
}

/** The fields `fields` (each as findLabelledValues takes it, but the parser), to read together; build once. */
export function labelledFields(fields: readonly { field: string; labels?: Label[] }[]): LabelledFields {
  const lists = fields.map((f) => f.labels ?? LABELS[f.field] ?? []);
  return { fields, keys: fields.map((f) => cacheKeyOf(f.field, f.labels)), lists, any: labelUnion(lists) };
}

/**
 * What findLabelledValues finds for each of several fields (in their order, `parsers[k]` reading
 * field k's values), in one pass over the segments: a segment that names no label of any field is
 * passed over after one test, where one pass per field tested it once per field.
 */
export function findLabelledValuesOf(pages: readonly PageIndex[], of: LabelledFields, parsers: readonly ValueParser[]): Candidate[][] {
  // Pushed, not mapped: a map's result is packed while this runs unoptimized and holey once V8 has
  // optimized it, and the code reading it was deoptimized the first time it met the other kind.
  const out: Candidate[][] = [];
  const opts: KeyValueOptions[] = [];
  for (let k = 0; k < of.fields.length; k++) {
    out.push([]);
    opts.push({ field: of.fields[k].field, labels: of.fields[k].labels, parse: parsers[k] });
  }
  for (const index of pages) {
    for (const row of index.segments) {
      for (const seg of row) {
        if (!of.any.test(seg.folded)) continue;
        for (let k = 0; k < opts.length; k++) readValues(index, seg, matchesOf(seg, of.keys[k], opts[k].field, of.lists[k]), opts[k], out[k]);
      }
    }
  }
  return out;
}

/** The values the label matches `matches` on `seg` point at, appended to `out`. */
function readValues(index: PageIndex, seg: Segment, matches: readonly [number, number, number][], opts: KeyValueOptions, out: Candidate[]): void {
  for (const [, end, weight] of matches) {
    const inline = candidateFrom(seg, end, opts.parse, weight * RELATION.inline, 'label-inline');
    if (inline) {
      out.push(inline);
      continue;
    }
    // A value elsewhere belongs to the label only when nothing value-like follows it on its
    // segment: qualifiers ("Total Incl. of GST") may, digits or long text may not.
    // Digits glued to a lone letter ("Inclusive G57" for GST) are a garbled word, not a value.
    const rest = seg.text
      .slice(end)
      .replace(/\d+(?:[.,]\d+)?\s*%/g, '')
      .replace(/(?<![\p{L}\d])\p{L}\d{1,3}(?![\d.,])/gu, '');
    if (/\d/.test(rest) || rest.length > 60) continue;
    // The nearest segment to the right, or the one after it when the first is a unit or
    // qualifier ("Steuerbetrag in | EUR | 47,90").
    const [right, next] = rightOf(index, seg);
    const fromRight =
      (right && candidateFrom(right, 0, opts.parse, weight * RELATION.right, 'label-right')) ||
      (right && next && right.text.length <= 12 && !/\d/.test(right.text) && candidateFrom(next, 0, opts.parse, weight * RELATION.right * 0.9, 'label-right'));
    if (fromRight) {
      out.push(fromRight);
      continue;
    }
    if (opts.lookBelow === false) continue;
    // Nearest first; each step further down is weaker evidence.
    for (const [i, under] of below(index, seg).slice(0, 3).entries()) {
      const fromBelow = candidateFrom(under, 0, opts.parse, weight * RELATION.below * (1 - 0.15 * i), 'label-below');
      if (fromBelow) {
        out.push(fromBelow);
        break;
      }
    }
  }
}
