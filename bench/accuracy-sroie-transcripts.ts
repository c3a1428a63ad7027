import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { classify } from '../src/extraction/classify/classify.js';
import { createContext } from '../src/extraction/extract/context.js';
import { extractFields } from '../src/extraction/extract/extract-fields.js';
import { documentFromSroieBoxes } from '../test/fixtures/sroie-boxes.js';

/**
 * Scores the receipt rules on SROIE's own transcripts instead of our OCR: the gap between this
 * and the image score is what OCR errors cost. Documented as a diagnostic, not the headline.
 */
export function printSroieTranscriptScore(devdata: string): void {
  const pred = path.resolve('.tmp/accuracy/pred-sroie-transcripts');
  const gold = path.resolve('.tmp/accuracy/gold-sroie');
  rmSync(pred, { recursive: true, force: true });
  rmSync(gold, { recursive: true, force: true });
  mkdirSync(pred, { recursive: true });
  mkdirSync(path.join(gold, 'sroie'), { recursive: true });
  for (const f of readdirSync(path.join(devdata, 'gold', 'sroie'))) {
    const g = JSON.parse(readFileSync(path.join(devdata, 'gold', 'sroie', f), 'utf8'));
    writeFileSync(path.join(gold, 'sroie', f), JSON.stringify(g));
    const doc = documentFromSroieBoxes(path.join(devdata, 'ocr', 'sroie', `${g.provenance.original_id}.txt`));
    const result = extractFields({ ctx: createContext(doc), documentType: classify(doc).type, useEmbeddedInvoice: false });
    writeFileSync(path.join(pred, f), JSON.stringify({ doc_type: classify(doc).type, fields: result.data }));
  }
  const out = execFileSync('node', [path.join(devdata, 'score.mjs'), '--pred', pred, '--gold', gold], { encoding: 'utf8' });
  console.log('\nSROIE receipts on the dataset\'s own transcripts (no OCR; diagnostic):');
  console.log(out.split('\n').filter((l) => /^== all|^\s+(field|date|merchant|total|ALL)|overall_field_f1/.test(l)).join('\n'));
}
