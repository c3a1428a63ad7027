/**
 * Aligns an OCR engine's text lines to a page's ground-truth lines (SROIE's own transcripts) by box
 * overlap and splits the character errors by kind, so an OCR change can be judged by *where* it
 * reads better, not only by the fields it moves. Pure functions; `ocr-read.ts` runs them.
 */

export type Box = [number, number, number, number];

export interface TextLine {
  box: Box;
  text: string;
}

/** How truth lines and our lines correspond in one connected group of overlapping boxes. */
export type ComponentKind = 'one' | 'missed' | 'extra' | 'merged' | 'split' | 'tangled';

export const ERROR_KINDS = ['letter', 'case', 'dropped', 'added', 'spaceMissing', 'spaceExtra', 'punct'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface Component {
  kind: ComponentKind;
  truth: string;
  ours: string;
  errors: Record<ErrorKind, number>;
}

const area = (b: Box) => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);

/** Two boxes belong together when they share at least `min` of the smaller box's area and half the smaller height. */
export function overlaps(a: Box, b: Box, min = 0.4): boolean {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return false;
  if (h < 0.5 * Math.min(a[3] - a[1], b[3] - b[1])) return false;
  return w * h >= min * Math.min(area(a), area(b));
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Lines of one group in reading order (rows by centre, each left to right), joined by spaces. */
export function joinInReadingOrder(lines: readonly TextLine[]): string {
  const byY = [...lines].sort((a, b) => a.box[1] + a.box[3] - (b.box[1] + b.box[3]));
  const rows: { bottom: number; lines: TextLine[] }[] = [];
  for (const l of byY) {
    const row = rows[rows.length - 1];
    if (row && (l.box[1] + l.box[3]) / 2 <= row.bottom) row.lines.push(l);
    else rows.push({ bottom: l.box[3], lines: [l] });
  }
  return clean(rows.flatMap((r) => r.lines.sort((a, b) => a.box[0] - b.box[0]).map((l) => l.text)).join(' '));
}

const isAlnum = (c: string) => /[\p{L}\p{N}]/u.test(c);

/** Classifies one edit operation (a: truth char or '', b: our char or ''). */
export function errorKind(a: string, b: string): ErrorKind {
  if (a === ' ') return 'spaceMissing';
  if (b === ' ') return 'spaceExtra';
  if ((a && !isAlnum(a)) || (b && !isAlnum(b))) return 'punct';
  if (!b) return 'dropped';
  if (!a) return 'added';
  return a.toLowerCase() === b.toLowerCase() ? 'case' : 'letter';
}

export const noErrors = (): Record<ErrorKind, number> => ({ letter: 0, case: 0, dropped: 0, added: 0, spaceMissing: 0, spaceExtra: 0, punct: 0 });

/** Levenshtein distance between truth and ours, its operations counted by kind. */
export function editErrors(truth: string, ours: string): Record<ErrorKind, number> {
  const a = [...truth];
  const b = [...ours];
  const n = a.length;
  const m = b.length;
  const d = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = 0; i <= n; i++) d[at(i, 0)] = i;
  for (let j = 0; j <= m; j++) d[at(0, j)] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const sub = d[at(i - 1, j - 1)] + (a[i - 1] === b[j - 1] ? 0 : 1);
      d[at(i, j)] = Math.min(sub, d[at(i - 1, j)] + 1, d[at(i, j - 1)] + 1);
    }
  }
  const errors = noErrors();
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[at(i, j)] === d[at(i - 1, j - 1)] + (a[i - 1] === b[j - 1] ? 0 : 1)) {
      if (a[i - 1] !== b[j - 1]) errors[errorKind(a[i - 1], b[j - 1])]++;
      i--;
      j--;
    } else if (i > 0 && d[at(i, j)] === d[at(i - 1, j)] + 1) {
      errors[errorKind(a[i - 1], '')]++;
      i--;
    } else {
      errors[errorKind('', b[j - 1])]++;
      j--;
    }
  }
  return errors;
}

/**
 * Groups truth and our lines into connected components of overlapping boxes and compares each
 * group's text. A truth line no box of ours touches is `missed` (all its characters lost); a line of
 * ours over no truth line is `extra`; one of ours over two truth lines is `merged` (SROIE often boxes
 * "TOTAL" and "9.00" apart where a reader sees one line), one truth line read as two is `split`.
 */
export function alignLines(truth: readonly TextLine[], ours: readonly TextLine[]): Component[] {
  const all = [...truth, ...ours];
  const parent = all.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (let i = 0; i < truth.length; i++) {
    for (let j = 0; j < ours.length; j++) {
      if (overlaps(truth[i].box, ours[j].box)) parent[find(i)] = find(truth.length + j);
    }
  }
  const groups = new Map<number, { truth: TextLine[]; ours: TextLine[] }>();
  all.forEach((line, i) => {
    const g = groups.get(find(i)) ?? { truth: [], ours: [] };
    (i < truth.length ? g.truth : g.ours).push(line);
    groups.set(find(i), g);
  });
  const out: Component[] = [];
  for (const g of groups.values()) {
    // SROIE transcribes in capitals, whatever case the receipt prints: case is not compared.
    const t = joinInReadingOrder(g.truth).toUpperCase();
    const o = joinInReadingOrder(g.ours).toUpperCase();
    const kind: ComponentKind = !g.ours.length
      ? 'missed'
      : !g.truth.length
        ? 'extra'
        : g.truth.length === 1 && g.ours.length === 1
          ? 'one'
          : g.ours.length === 1
            ? 'merged'
            : g.truth.length === 1
              ? 'split'
              : 'tangled';
    out.push({ kind, truth: t, ours: o, errors: kind === 'missed' || kind === 'extra' ? noErrors() : editErrors(t, o) });
  }
  return out;
}

/** Parses a SROIE box file (`x1,y1,…,x4,y4,text` per line) into axis-aligned lines; lines of only "*" are left out. */
export function parseSroieLines(content: string): TextLine[] {
  const lines: TextLine[] = [];
  for (const row of content.split(/\r?\n/)) {
    const parts = row.split(',');
    if (parts.length < 9) continue;
    const n = parts.slice(0, 8).map(Number);
    const text = clean(parts.slice(8).join(','));
    // "***" stands for text SROIE did not transcribe (Chinese): no truth to compare with.
    if (!text || /^\*+$/.test(text) || n.some((v) => Number.isNaN(v))) continue;
    const xs = [n[0], n[2], n[4], n[6]];
    const ys = [n[1], n[3], n[5], n[7]];
    lines.push({ box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], text });
  }
  return lines;
}
