/**
 * Study of the receipt merchant address on devdata's SROIE receipts (train by default):
 * reads each receipt (OCR from bench:accuracy's cache), runs the extraction and classifies the
 * chosen address against the label. Page models are kept under .tmp/study/models.
 *   node --import tsx bench/receipt-address-study.ts [--split train|validation] [--out FILE] [--pad K] [--every N] [--cached-only]
 * --pad K reads with PP-OCRv4 line boxes widened on the right by K × their height (OCR not cached
 * for a new K: slow); --every N takes every Nth receipt only.
 */
import { devdata } from './devdata.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDevdata } from './accuracy-splits.js';
import { CachingOcrEngine, OCR_CACHE_DIR } from './accuracy-ocr-cache.js';
import { readDocument } from '../src/extraction/parse/read-document.js';
import type { DocumentModel } from '../src/extraction/model/document.js';
import { SelectingOcrEngine } from '../src/extraction/ocr/engine-selection.js';
import { classify } from '../src/extraction/classify/classify.js';
import { extractFields } from '../src/extraction/extract/extract-fields.js';
import { createContext } from '../src/extraction/extract/context.js';
import { normString } from '../src/evaluations/scoring/normalize.js';
import { findReceiptMerchant } from '../src/extraction/document-types/receipt-merchant.js';
import { addressRows } from '../src/extraction/document-types/receipt-address.js';
import { similarity } from '../train/edit-distance.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const side = option('--split') ?? 'train';
const pad = Number(option('--pad') ?? 0);
const every = Number(option('--every') ?? 1);
const docs = loadDevdata(devdata).filter((d) => d.side === side && d.gold.doc_type === 'receipt' && d.file).filter((_, i) => i % every === 0);
const engine = new SelectingOcrEngine({ choice: 'auto', workers: 2, ...(pad ? { paddle: { lineEndPad: pad } } : {}) });
const ocr = new CachingOcrEngine(engine, OCR_CACHE_DIR);
const modelDir = path.resolve(pad ? `.tmp/study/models-pad${pad}` : '.tmp/study/models');
mkdirSync(modelDir, { recursive: true });

const alnum = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const rows: Record<string, unknown>[] = [];
let next = 0;
async function work() {
  while (next < docs.length) {
    const d = docs[next++];
    const cached = path.join(modelDir, `${d.id}.json`);
    let model: DocumentModel;
    if (args.includes('--cached-only') && !existsSync(cached)) continue;
    if (existsSync(cached)) model = JSON.parse(readFileSync(cached, 'utf8')) as DocumentModel;
    else {
      model = await readDocument({ bytes: readFileSync(d.file as string), mediaType: 'image/jpeg', filename: path.basename(d.file as string), ocr: () => ocr });
      writeFileSync(cached, JSON.stringify(model));
    }
    const type = classify(model).type;
    const ctx = createContext(model);
    const out = extractFields({ ctx, documentType: type, useEmbeddedInvoice: true });
    const merchant = findReceiptMerchant(ctx);
    const addrRows = merchant ? addressRows(ctx, merchant.bottom).map((r) => r.text) : []; // rows under the rule's name
    const pred = (out.data.merchant_address as string | null) ?? '';
    const gold = String(d.gold.fields.merchant_address ?? '');
    const exact = normString(pred) === normString(gold);
    const a = alnum(pred);
    const g = alnum(gold);
    let cls: string;
    if (exact) cls = 'exact';
    else if (!pred) cls = 'none';
    else if (a === g) cls = 'punct';
    else if (g.includes(a)) cls = 'missing-rows';
    else if (a.includes(g)) cls = 'extra-rows';
    else {
      const sim = similarity(a, g);
      cls = sim >= 0.8 ? 'misread' : 'wrong-block';
    }
    const others = ['merchant_name', 'date', 'total_amount'].map((f) => {
      const p = out.data[f];
      const g2 = d.gold.fields[f];
      return typeof g2 === 'number' ? typeof p === 'number' && Math.abs(p - g2) < 0.011 : normString(p ?? '') === normString(g2 ?? '');
    });
    rows.push({ id: d.id, type, cls, pred, gold, others, rows: addrRows });
  }
}
await Promise.all([work(), work()]);
await ocr.close();
rows.sort((x, y) => String(x.id).localeCompare(String(y.id)));
writeFileSync(option('--out') ?? `.tmp/study/address-${side}${pad ? `-pad${pad}` : ''}${every > 1 ? `-every${every}` : ''}.json`, JSON.stringify(rows, null, 1));
const counts = new Map<string, number>();
for (const r of rows) counts.set(r.cls as string, (counts.get(r.cls as string) ?? 0) + 1);
console.log(`${side}: ${rows.length} receipts, exact ${(counts.get('exact') ?? 0) / rows.length}`);
for (const [k, f] of ['merchant_name', 'date', 'total_amount'].entries()) console.log(`${f} ${(rows.filter((r) => (r.others as boolean[])[k]).length / rows.length).toFixed(3)}`);
console.log([...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', '));
