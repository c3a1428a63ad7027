import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One labelled document of devdata, with the side of the split it belongs to. */
export interface GoldDoc {
  dataset: string;
  id: string;
  /** The document's file, or null when devdata ships only its labels and OCR boxes. */
  file: string | null;
  side: 'train' | 'validation';
  gold: { doc_type: string; source_file: string; fields: Record<string, unknown>; provenance?: Record<string, unknown> };
}

/** Datasets scored elsewhere: the custom-schema gold needs its schema (bench:accuracy:custom). */
const SCORED_ELSEWHERE = new Set(['custom_einvoices']);

/**
 * Reads devdata's gold files and splits.json. Fails with a clear message when the folder is missing
 * (a fresh clone has no ../shared: the accuracy bench is for developers who have devdata).
 */
export function loadDevdata(devdata: string, opts: { only?: string } = {}): GoldDoc[] {
  const splitsFile = path.join(devdata, 'splits.json');
  if (!existsSync(splitsFile)) {
    throw new Error(`devdata not found at ${devdata} (no splits.json): pass --devdata PATH to a devdata folder with gold/, data/ and splits.json`);
  }
  const splits = JSON.parse(readFileSync(splitsFile, 'utf8')) as { train: string[]; validation: string[] };
  const validation = new Set(splits.validation);
  const docs: GoldDoc[] = [];
  for (const dataset of readdirSync(path.join(devdata, 'gold')).sort()) {
    if (SCORED_ELSEWHERE.has(dataset) || (opts.only && dataset !== opts.only)) continue;
    for (const f of readdirSync(path.join(devdata, 'gold', dataset)).sort()) {
      const id = f.replace(/\.json$/, '');
      const gold = JSON.parse(readFileSync(path.join(devdata, 'gold', dataset, f), 'utf8')) as GoldDoc['gold'];
      const file = path.join(devdata, gold.source_file);
      docs.push({ dataset, id, file: existsSync(file) ? file : null, side: validation.has(id) ? 'validation' : 'train', gold });
    }
  }
  return docs;
}

/** SROIE's own OCR boxes for a receipt, when devdata has them. */
export function sroieBoxesFile(devdata: string, doc: GoldDoc): string | null {
  const original = doc.gold.provenance?.original_id;
  if (typeof original !== 'string') return null;
  const file = path.join(devdata, 'ocr', 'sroie', `${original}.txt`);
  return existsSync(file) ? file : null;
}

/**
 * Scores one side of the split with devdata's score.mjs: its gold files are copied to a folder of
 * their own (score.mjs counts every gold file it is given). Returns score.mjs's report.
 */
export function scoreSide(opts: { devdata: string; predDir: string; docs: GoldDoc[]; workDir: string; details?: boolean }): string {
  rmSync(opts.workDir, { recursive: true, force: true });
  for (const d of opts.docs) {
    mkdirSync(path.join(opts.workDir, d.dataset), { recursive: true });
    writeFileSync(path.join(opts.workDir, d.dataset, `${d.id}.json`), JSON.stringify(d.gold));
  }
  const args = [path.join(opts.devdata, 'score.mjs'), '--pred', opts.predDir, '--gold', opts.workDir, ...(opts.details ? ['--details'] : [])];
  return execFileSync('node', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The overall field F1 score.mjs prints last. */
export function overallF1(report: string): number {
  const m = /overall_field_f1=([\d.]+)/.exec(report);
  return m ? Number(m[1]) : Number.NaN;
}
