/**
 * How well PP-OCRv4 *reads* receipts: our text lines against SROIE's own line transcripts (ground
 * truth with boxes), character errors split into letters, case, dropped/added characters, spaces
 * and punctuation, and by how the lines correspond (one to one, missed, merged, split).
 *   node --import tsx bench/ocr-read.ts [--devdata PATH] [--split train] [--count 80]
 *        [--paddle-options JSON] [--space 0.01,0.03,…] [--gap none,0.02:1.2,…] [--examples N]
 * Receipts: every k-th SROIE receipt of the split (sorted by id) so that `--count` spans it. The page
 * is decoded as the pipeline decodes it (margins cut, enlarged to 1,200 px) but not levelled. Each
 * line's compact recognizer output is cached (DOCSIFT_OCR_READ_CACHE, default
 * /work/ocr-cache-ocrread-diag) by the reader options and REVISION, so `--space`/`--punct` sweeps
 * re-decode offline (`--space`: the decoder's spaceThreshold, `--gap threshold:pitch`: its spaceGap). Bump REVISION whenever the reader's code changes its output.
 */
import { devdata } from './devdata.js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { decodeImagePage } from '../src/extraction/parse/image-decode.js';
import { detectionPlan, PADDLE_DEFAULTS, type PaddleReaderOptions, pageLines, paddleModelFiles, readDictionary } from '../src/extraction/ocr/paddle/paddle-plan.js';
import { PaddleReader } from '../src/extraction/ocr/paddle/paddle-reader.js';
import { alignLines, type Box, type Component, ERROR_KINDS, noErrors, parseSroieLines, type TextLine } from './ocr-read-align.js';
import { type CompactStep, compactSteps, decodeCompact, type DecodeRule } from './ocr-read-decode.js';

const REVISION = 1;
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const split = option('--split') ?? 'train';
const count = Number(option('--count') ?? 80);
const options = JSON.parse(option('--paddle-options') ?? '{}') as PaddleReaderOptions;
const list = (s: string | undefined, d: number[]) => (s ? s.split(',').map(Number) : d);
const spaces = list(option('--space'), [options.spaceThreshold ?? PADDLE_DEFAULTS.spaceThreshold]);
const gaps = (option('--gap') ?? (options.spaceGap ? `${options.spaceGap.threshold}:${options.spaceGap.pitch}` : 'none')).split(',').map((g) => {
  const [threshold, pitch] = g.split(':').map(Number);
  return g === 'none' ? undefined : { threshold, pitch };
});
const rules: DecodeRule[] = spaces.flatMap((spaceThreshold) => gaps.map((spaceGap) => ({ spaceThreshold, spaceGap })));
const examples = Number(option('--examples') ?? 0);

const splits = JSON.parse(readFileSync(path.join(devdata, 'splits.json'), 'utf8')) as Record<string, string[]>;
const ids = splits[split].filter((id) => id.startsWith('sroie-')).sort();
const step = Math.max(1, ids.length / count);
const chosen = Array.from({ length: Math.min(count, ids.length) }, (_, i) => ids[Math.floor(i * step)]);

const cacheRoot = process.env.DOCSIFT_OCR_READ_CACHE ?? '/work/ocr-cache-ocrread-diag';
// The cached steps do not depend on the decoder's space rule: only the options that find and cut lines key them.
const { spaceThreshold: _s, spaceGap: _g, ...lineOptions } = { ...PADDLE_DEFAULTS, ...options };
const cacheDir = path.join(cacheRoot, createHash('sha1').update(JSON.stringify({ REVISION, ...lineOptions })).digest('hex').slice(0, 10));
mkdirSync(cacheDir, { recursive: true });

/** Options that change how a given line box is recognised (the rest only change which boxes are read). */
const RECOGNITION_KEYS: readonly string[] = [];
const recognitionOptions = Object.fromEntries(Object.entries(options).filter(([k]) => RECOGNITION_KEYS.includes(k)));
const lineCacheDir = path.join(cacheRoot, `lines-${createHash('sha1').update(JSON.stringify({ REVISION, ...recognitionOptions })).digest('hex').slice(0, 10)}`);
mkdirSync(lineCacheDir, { recursive: true });
let linesReused = 0;
let linesRead = 0;

interface ReadLine {
  box: Box;
  steps: CompactStep[];
}
interface Receipt {
  id: string;
  truth: TextLine[];
  lines: ReadLine[];
}

let reader: PaddleReader | null = null;
let ocrMs = 0;
let ocrCount = 0;

/** The receipt's image file and transcript file from its gold record. */
function receiptFiles(id: string): { image: string; transcript: string } {
  for (const dataset of ['sroie', 'sroie_train']) {
    const f = path.join(devdata, 'gold', dataset, `${id}.json`);
    if (!existsSync(f)) continue;
    const gold = JSON.parse(readFileSync(f, 'utf8')) as { source_file: string; provenance: { original_id: string } };
    return { image: path.join(devdata, gold.source_file), transcript: path.join(devdata, 'ocr', 'sroie', `${gold.provenance.original_id}.txt`) };
  }
  throw new Error(`no gold for ${id}`);
}

async function readReceipt(id: string): Promise<Receipt | null> {
  const files = receiptFiles(id);
  if (!existsSync(files.image) || !existsSync(files.transcript)) return null;
  const bytes = readFileSync(files.image);
  // Transcript boxes are in the file's pixels; the pipeline cuts 2 % / 1 % margins and enlarges.
  const meta = await sharp(bytes).metadata();
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  const cut = w > 200 && h > 200;
  const dx = cut ? Math.round(w * 0.02) : 0;
  const dy = cut ? Math.round(h * 0.01) : 0;
  const { image } = await decodeImagePage(bytes, 0);
  const k = image.width / (w - 2 * dx);
  const truth = parseSroieLines(readFileSync(files.transcript, 'utf8')).map((l) => ({
    text: l.text,
    box: [(l.box[0] - dx) * k, (l.box[1] - dy) * k, (l.box[2] - dx) * k, (l.box[3] - dy) * k] as Box,
  }));
  const cached = path.join(cacheDir, `${id}.json`);
  // Recognised lines by their box, whatever detection options found them: a detection variant
  // only recognises the boxes that are new to it.
  const lineFile = path.join(lineCacheDir, `${id}.json`);
  const known = new Map<string, CompactStep[]>(existsSync(lineFile) ? (JSON.parse(readFileSync(lineFile, 'utf8')) as [string, CompactStep[]][]) : []);
  const keyOf = (box: Box) => box.map((v) => Math.round(v * 10) / 10).join(',');
  if (existsSync(cached)) {
    const lines = JSON.parse(readFileSync(cached, 'utf8')) as ReadLine[];
    if (!known.size) writeFileSync(lineFile, JSON.stringify(lines.map((l) => [keyOf(l.box), l.steps])));
    return { id, truth, lines };
  }
  reader ??= await PaddleReader.load(options);
  const t0 = performance.now();
  const plan = detectionPlan(image, options);
  const boxes: Box[] = [];
  for (const band of plan.bands) boxes.push(...(await reader.detectBand(image, plan.size, band)));
  const lines: ReadLine[] = [];
  for (const box of pageLines(boxes, options, image.width)) {
    const key = keyOf(box);
    let steps = known.get(key);
    if (steps) linesReused++;
    else {
      const out = await reader.lineProbabilities(image, box);
      steps = compactSteps(out.probs, out.steps, out.classes, reader.characters.length + 1);
      known.set(key, steps);
      linesRead++;
    }
    lines.push({ box: key.split(',').map(Number) as Box, steps });
  }
  ocrMs += performance.now() - t0;
  ocrCount++;
  writeFileSync(cached, JSON.stringify(lines));
  writeFileSync(lineFile, JSON.stringify([...known]));
  return { id, truth, lines };
}

const receipts: Receipt[] = [];
for (const id of chosen) {
  const r = await readReceipt(id);
  if (r) receipts.push(r);
}
// Assigned inside readReceipt: TypeScript's narrowing does not see that.
const active = reader as PaddleReader | null;
const dictionary = active ? active.characters : readDictionary(paddleModelFiles().dictionary);
await active?.close();

function score(rule: DecodeRule): { components: Component[]; truthChars: number } {
  const components: Component[] = [];
  let truthChars = 0;
  for (const r of receipts) {
    const ours = r.lines.map((l) => ({ box: l.box, text: decodeCompact(l.steps, dictionary, rule) })).filter((l) => l.text);
    truthChars += r.truth.reduce((s, l) => s + l.text.length, 0);
    components.push(...alignLines(r.truth, ours));
  }
  return { components, truthChars };
}

function report(rule: DecodeRule): void {
  const { components, truthChars } = score(rule);
  const errors = noErrors();
  const byKind = new Map<string, { n: number; chars: number; edits: number }>();
  let missed = 0;
  let extra = 0;
  for (const c of components) {
    const edits = ERROR_KINDS.reduce((s, k) => s + c.errors[k], 0);
    for (const k of ERROR_KINDS) errors[k] += c.errors[k];
    if (c.kind === 'missed') missed += c.truth.length;
    if (c.kind === 'extra') extra += c.ours.length;
    const b = byKind.get(c.kind) ?? { n: 0, chars: 0, edits: 0 };
    b.n++;
    b.chars += c.truth.length;
    b.edits += c.kind === 'missed' ? c.truth.length : edits;
    byKind.set(c.kind, b);
  }
  const edits = ERROR_KINDS.reduce((s, k) => s + errors[k], 0);
  const pct = (v: number) => `${((100 * v) / truthChars).toFixed(2)}%`;
  console.log(`\nspace ≥ ${rule.spaceThreshold}${rule.spaceGap ? `, gap ${rule.spaceGap.threshold}:${rule.spaceGap.pitch}` : ''}: CER ${pct(edits + missed)} over ${truthChars} truth chars (${receipts.length} receipts)`);
  console.log(`  ${ERROR_KINDS.map((k) => `${k} ${pct(errors[k])}`).join('  ')}  missed-lines ${pct(missed)}  (extra text ${extra} chars)`);
  console.log(`  by lines: ${[...byKind].map(([k, b]) => `${k} ${b.n} (${b.chars} chars, ${b.edits} edits)`).join('; ')}`);
}

console.log(`OCR read: ${split} split, ${receipts.length} receipts, options ${JSON.stringify({ ...PADDLE_DEFAULTS, ...options })}, cache ${cacheDir}`);
if (ocrCount) console.log(`read ${ocrCount} receipts: ${(ocrMs / ocrCount).toFixed(0)} ms a receipt (wall, one thread; lines recognised ${linesRead}, reused ${linesReused})`);
for (const rule of rules) report(rule);
if (examples) {
  const { components } = score(rules[0]);
  const worst = components
    .filter((c) => c.kind !== 'extra')
    .map((c) => ({ c, e: c.kind === 'missed' ? c.truth.length : ERROR_KINDS.reduce((s, k) => s + c.errors[k], 0) }))
    .filter((x) => x.e > 0)
    .sort((a, b) => b.e - a.e)
    .slice(0, examples);
  for (const { c, e } of worst) console.log(`  [${c.kind} ${e}] ${JSON.stringify(c.truth)} → ${JSON.stringify(c.ours)}`);
}
