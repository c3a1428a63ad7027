/**
 * Miss table of the receipt merchant address (train by default): for each SROIE receipt the rows the
 * address rule took are compared with the run of page rows that best matches the label (the
 * "oracle" rows: every run of one to six rows among the first 30, the most similar after folding to
 * letters and digits). Each miss is put in one class:
 *   start-early / start-late / end-early (missing row) / end-late (extra row): the rule's rows differ
 *   from the oracle rows; punct-row-end (a comma at a row join), punct-inner (other punctuation),
 *   spacing, ocr-letters: the rows are right and the text differs; not-in-reading: no run of rows is
 *   within similarity 0.8 of the label; none: nothing returned although the oracle rows exist.
 *   node --import tsx bench/receipt-address-misses.ts [--split train|validation] [--reading page|transcript] [--with-commas] [--out FILE]
 * Page readings come from bench:accuracy's OCR cache (uncached receipts are skipped unless --read);
 * --with-commas takes the readings with `lineEndCommas` (off by default).
 */
import { devdata } from './devdata.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDevdata, sroieBoxesFile } from './accuracy-splits.js';
import { CachingOcrEngine, OCR_CACHE_DIR } from './accuracy-ocr-cache.js';
import { createHash } from 'node:crypto';
import { readDocument } from '../src/extraction/parse/read-document.js';
import type { DocumentModel } from '../src/extraction/model/document.js';
import type { GreyImage, OcrEngine, OcrResult } from '../src/extraction/ocr/ocr-engine.js';
import { SelectingOcrEngine } from '../src/extraction/ocr/engine-selection.js';
import { classify } from '../src/extraction/classify/classify.js';
import { extractFields } from '../src/extraction/extract/extract-fields.js';
import { createContext } from '../src/extraction/extract/context.js';
import { normString } from '../src/evaluations/scoring/normalize.js';
import { addressRows, joinAddressRows } from '../src/extraction/document-types/receipt-address.js';
import { findReceiptMerchant } from '../src/extraction/document-types/receipt-merchant.js';
import { documentFromSroieBoxes } from '../test/fixtures/sroie-boxes.js';
import { similarity } from '../train/edit-distance.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const side = option('--split') ?? 'train';
const reading = option('--reading') ?? 'page';
const pad = Number(option('--pad') ?? 0);
const docs = loadDevdata(devdata).filter((d) => d.side === side && d.gold.doc_type === 'receipt' && (reading === 'transcript' ? sroieBoxesFile(devdata, d) : d.file));

/** Refuses to OCR: only what bench:accuracy has cached is read (unless --read). */
class CachedOnly implements OcrEngine {
  constructor(readonly inner: OcrEngine & { configKey?: string }) {}
  readonly configKey = key;
  recognize(image: GreyImage, options?: { signal?: AbortSignal }): Promise<OcrResult> {
    if (args.includes('--read')) return this.inner.recognize(image, options);
    return Promise.reject(new Error('not cached'));
  }
  close() {
    return this.inner.close();
  }
}
// --with-commas: the readings with `lineEndCommas` (off by default; cached under their own key).
const commas = args.includes('--with-commas');
const engine = new SelectingOcrEngine({ choice: 'auto', workers: 2, paddle: { ...(pad ? { lineEndPad: pad } : {}), ...(commas ? { lineEndCommas: true } : {}) } });
const key = engine.configKey;
const ocr = new CachingOcrEngine(new CachedOnly(engine), OCR_CACHE_DIR);
const modelDir = path.resolve('.tmp/study/models', createHash('sha1').update(key).digest('hex').slice(0, 8));
mkdirSync(modelDir, { recursive: true });

const alnum = (s: string) => normString(s).replace(/[^\p{L}\p{N}]/gu, '');
const nospace = (s: string) => normString(s).replace(/\s+/g, '');

async function load(d: (typeof docs)[number]): Promise<DocumentModel | null> {
  if (reading === 'transcript') return documentFromSroieBoxes(sroieBoxesFile(devdata, d) as string);
  const cached = path.join(modelDir, `${d.id}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as DocumentModel;
  try {
    const model = await readDocument({ bytes: readFileSync(d.file as string), mediaType: 'image/jpeg', filename: path.basename(d.file as string), ocr: () => ocr });
    if (model.pages[0]?.words.length) writeFileSync(cached, JSON.stringify(model));
    return model;
  } catch {
    return null;
  }
}

const out: Record<string, unknown>[] = [];
let skipped = 0;
for (const d of docs) {
  const model = await load(d);
  if (!model || model.pages[0]?.words.length === 0) {
    skipped++;
    continue;
  }
  const ctx = createContext(model);
  const res = extractFields({ ctx, documentType: classify(model).type, useEmbeddedInvoice: true });
  const pred = (res.data.merchant_address as string | null) ?? '';
  const gold = String(d.gold.fields.merchant_address ?? '');
  const rows = (ctx.pages[0]?.segments ?? []).slice(0, 30).map((r) => r.map((s) => s.text).join(' '));
  // The oracle run of rows.
  let best = { i: -1, j: -1, sim: 0 };
  for (let i = 0; i < rows.length; i++) {
    for (let j = i; j < Math.min(rows.length, i + 6); j++) {
      const sim = similarity(alnum(rows.slice(i, j + 1).join(' ')), alnum(gold));
      if (sim > best.sim) best = { i, j, sim };
    }
  }
  // The rule's rows, found as receipt.ts finds them (under the name scorer's row, else the rule's name line).
  const nameBottom = res.fields.merchant_name?.citations?.[0]?.bbox[3] ?? findReceiptMerchant(ctx)?.bottom;
  const segs = ctx.pages[0]?.segments ?? [];
  const taken = nameBottom === undefined ? [] : addressRows(ctx, nameBottom);
  const citedTops = new Set(taken.map((r) => segs.findIndex((row) => row.some((s) => s.line.words.includes(r.words[0])))));
  const predRows = [...citedTops].sort((a, b) => a - b);
  const ps = predRows[0] ?? -1;
  const pe = predRows.at(-1) ?? -1;
  const oracleText = best.i >= 0 ? joinAddressRows(rows.slice(best.i, best.j + 1), true) : '';
  let cls: string;
  if (normString(pred) === normString(gold)) cls = 'exact';
  else if (best.sim < 0.8) cls = 'not-in-reading';
  else if (!pred) cls = 'none';
  else if (ps !== best.i) cls = ps < best.i ? 'start-early' : 'start-late';
  else if (pe !== best.j) cls = pe < best.j ? 'end-early' : 'end-late';
  else if (alnum(pred) === alnum(gold)) {
    if (nospace(pred) === nospace(gold)) cls = 'spacing';
    else {
      // A comma the label has at a row join and the prediction not (or the reverse)?
      const joins = rows.slice(best.i, best.j).map((r) => r.trim());
      const goldJoinsComma = joins.some((r) => {
        const tail = alnum(r).slice(-6);
        const g = normString(gold);
        return tail && !/[,.]$/.test(r) && new RegExp(`${tail.split('').join('[^\\p{L}\\p{N}]*')},`, 'u').test(g);
      });
      cls = goldJoinsComma ? 'punct-row-end' : 'punct-inner';
    }
  } else cls = 'ocr-letters';
    const others = ['merchant_name', 'date', 'total_amount'].map((f) => {
    const p = res.data[f];
    const g2 = d.gold.fields[f];
    return typeof g2 === 'number' ? typeof p === 'number' && Math.abs(p - g2) < 0.011 : normString(p ?? '') === normString(g2 ?? '');
  });
  out.push({ id: d.id, cls, others, pred, gold, name: [res.data.merchant_name ?? null, d.gold.fields.merchant_name ?? null], oracle: { i: best.i, j: best.j, sim: Math.round(best.sim * 1000) / 1000, text: oracleText, exact: normString(oracleText) === normString(gold) }, predRows: [ps, pe], rows: rows.slice(0, Math.max(best.j, pe) + 3) });
}
await ocr.close();
const file = option('--out') ?? `.tmp/study/misses-${side}-${reading}${pad ? `-pad${pad}` : ''}${commas ? '-with-commas' : ''}.json`;
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(out, null, 1));
const counts = new Map<string, number>();
for (const r of out) counts.set(r.cls as string, (counts.get(r.cls as string) ?? 0) + 1);
console.log(`${side} ${reading}: ${out.length} receipts (${skipped} skipped: not cached), exact ${counts.get('exact') ?? 0}; oracle rows joined exact ${out.filter((r) => (r.oracle as { exact: boolean }).exact).length}`);
console.log([...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', '));
for (const [k, f] of ['merchant_name', 'date', 'total_amount'].entries()) console.log(`${f} ${out.filter((r) => (r.others as boolean[])[k]).length} of ${out.length}`);
console.log(`written ${file}`);
