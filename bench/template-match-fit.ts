/**
 * Fits the template matcher's weights (src/extraction/classify/match-template.ts, MATCH_WEIGHTS) by grid
 * search on training data only: generated documents of eight kinds (seeds 1–30 per kind; the measured
 * set uses seeds from 10,000) and SROIE train receipts read from their own OCR boxes (none of those
 * bench:template-match submits), against tenants written with the TRAINING wordings, each tenant with
 * all five templates or with one kind missing. A decision is right when a document of a templated kind
 * goes to its template and any other document to none.
 *   npm run bench:template-match -- --fit
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { classify, type Classification } from '../src/extraction/classify/classify.js';
import { decideMatch, documentTerms, gatherEvidence, MATCH_WEIGHTS, type CandidateEvidence, type DocumentTerms, type MatchWeights, type TemplateDescription } from '../src/extraction/classify/match-template.js';
import { readDocument } from '../src/extraction/parse/read-document.js';
import { sharedOcrEngine } from '../src/extraction/ocr/shared-engine.js';
import { BUSINESS_KINDS, generateBusinessDocument } from '../test/fixtures/synthetic-business-documents.js';
import { documentFromSroieBoxes } from '../test/fixtures/sroie-boxes.js';
import { textToPdf } from '../test/fixtures/text-pdf.js';
import { TEMPLATED_KINDS, TRAINING, type ParserBody, type TemplatedKind } from './template-match-templates.js';

interface Sample {
  kind: string;
  terms: DocumentTerms;
  classification: Classification;
}

export async function fitWeights(devdata: string, excludedReceipts: Set<string>): Promise<void> {
  const samples: Sample[] = [];
  for (const kind of BUSINESS_KINDS) {
    for (let seed = 1; seed <= 30; seed++) {
      const doc = generateBusinessDocument(kind, seed);
      const model = await readDocument({ bytes: textToPdf(doc.text), mediaType: 'application/pdf', filename: `${kind}.pdf`, ocr: sharedOcrEngine });
      samples.push({ kind, terms: documentTerms(model), classification: classify(model) });
    }
  }
  const boxes = path.join(devdata, 'ocr/sroie');
  const receipts = readdirSync(boxes).filter((f) => f.endsWith('.txt') && !excludedReceipts.has(f.replace(/\.txt$/, ''))).sort().slice(0, 40);
  for (const file of receipts) {
    const model = documentFromSroieBoxes(path.join(boxes, file));
    samples.push({ kind: 'receipt', terms: documentTerms(model), classification: classify(model) });
  }
  // Tenants: both wordings of every kind, each with all five templates or one kind left out.
  const tenants: Array<{ templates: TemplateDescription[]; kindOf: Map<string, TemplatedKind> }> = [];
  for (const variant of [0, 1, 2]) {
    for (const missing of [null, ...TEMPLATED_KINDS]) {
      const kindOf = new Map<string, TemplatedKind>();
      const templates = TEMPLATED_KINDS.filter((k) => k !== missing).map((k) => {
        const id = `${k}-${variant}`;
        kindOf.set(id, k);
        return describe(id, TRAINING[k][variant]);
      });
      tenants.push({ templates, kindOf });
    }
  }
  // The evidence does not depend on the weights: gathered once per tenant and document.
  const cases: Array<{ kind: string; evidence: CandidateEvidence[]; expected: string | null; kindOf: Map<string, TemplatedKind> }> = [];
  for (const tenant of tenants) {
    const owned = new Set(tenant.kindOf.values());
    for (const s of samples) {
      const evidence = gatherEvidence({ document: s.terms, classification: s.classification, templates: tenant.templates });
      cases.push({ kind: s.kind, evidence, expected: owned.has(s.kind as TemplatedKind) ? s.kind : null, kindOf: tenant.kindOf });
    }
  }
  const evaluate = (w: MatchWeights) => {
    let right = 0;
    let forced = 0;
    let total = 0;
    let brier = 0;
    let matches = 0;
    for (const c of cases) {
      const { match } = decideMatch(c.evidence, w);
      const got = match ? c.kindOf.get(match.template_id)! : null;
      total++;
      if (got === c.expected) right++;
      else if (got !== null && c.expected === null) forced++;
      if (match) {
        matches++;
        brier += (match.confidence - (got === c.expected ? 1 : 0)) ** 2;
      }
    }
    return { accuracy: right / total, forced, brier: brier / Math.max(1, matches) };
  };
  let best: { w: MatchWeights; accuracy: number; forced: number; brier: number } | null = null;
  // Every weight setting of the lowest cost: the middle of that plateau is kept, not its first corner,
  // so the decision sits as far from the training documents' edge cases as the data allows.
  const optimal: MatchWeights[] = [];
  const cost = (r: { accuracy: number; forced: number }) => (1 - r.accuracy) * cases.length + r.forced;
  const steps = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 100) / 100);
  for (const heading of steps(0, 1.2, 0.2)) {
    for (const classifier of steps(0, 1.2, 0.2)) {
      for (const contradiction of steps(0, 1, 0.25)) {
        for (const threshold of steps(0.3, 1.1, 0.05)) {
          const w = { heading, classifier, contradiction, threshold, temperature: MATCH_WEIGHTS.temperature };
          const r = evaluate(w);
          // A forced match (a document of a kind with no template extracted with another kind's template)
          // costs two missed ones: a miss only falls back to the built-in type, a forced match gives wrong data.
          if (!best || cost(r) < cost(best) - 1e-9) {
            best = { w, ...r };
            optimal.length = 0;
          }
          if (cost(r) <= cost(best) + 1e-9) optimal.push(w);
        }
      }
    }
  }
  if (!best) return;
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const middle = { heading: median(optimal.map((w) => w.heading)), classifier: median(optimal.map((w) => w.classifier)), contradiction: median(optimal.map((w) => w.contradiction)), threshold: median(optimal.map((w) => w.threshold)), temperature: best.w.temperature };
  console.log(`${optimal.length} settings share the lowest cost; their per-weight medians: ${JSON.stringify(middle)} → ${JSON.stringify(evaluate(middle))}`);
  if (cost(evaluate(middle)) <= cost(best) + 1e-9) best = { w: middle, ...evaluate(middle) };
  // The temperature only scales confidences: the one whose confidences best predict right matches (Brier score).
  let calibrated = best;
  for (const temperature of [0.05, 0.1, 0.15, 0.2, 0.3, 0.5]) {
    const r = evaluate({ ...best.w, temperature });
    if (r.brier < calibrated.brier) calibrated = { w: { ...best.w, temperature }, ...r };
  }
  console.log(`training samples: ${samples.length} documents × ${tenants.length} tenants`);
  console.log(`current MATCH_WEIGHTS ${JSON.stringify(MATCH_WEIGHTS)}: ${JSON.stringify(evaluate(MATCH_WEIGHTS))}`);
  // Where the fitted weights still go wrong: document kind (and whether its template exists) → decision.
  const errors = new Map<string, number>();
  for (const c of cases) {
    const { match } = decideMatch(c.evidence, calibrated.w);
    const got = match ? c.kindOf.get(match.template_id)! : null;
    if (got !== c.expected) {
      const key = `${c.kind}${c.expected ? '' : ' (no template)'} → ${got ?? 'none'}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  }
  for (const [key, n] of [...errors].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${key}`);
  console.log(`fitted ${JSON.stringify(calibrated.w)}: accuracy ${calibrated.accuracy.toFixed(3)}, forced ${calibrated.forced}, brier ${calibrated.brier.toFixed(3)}`);
}

export function describe(id: string, body: ParserBody): TemplateDescription {
  return { id, name: body.name, description: body.description, fields: body.fields };
}
