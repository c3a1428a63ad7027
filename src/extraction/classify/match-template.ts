import type { DocumentModel } from '../model/document.js';
import type { TemplateMatch } from '../model/result.js';
import { BUILT_IN_TYPE_TERMS, KIND_TERMS, termsOf } from './business-terms.js';
import type { Classification } from './classify.js';

/** What matching needs of a template: its words, never its extraction settings. */
export interface TemplateDescription {
  id: string;
  name: string;
  description?: string | null;
  /** The template's document_type attribute (free text; a built-in type name counts as its kind). */
  documentType?: string | null;
  fields: ReadonlyArray<FieldDescription>;
}

export interface FieldDescription {
  name: string;
  description?: string;
  children?: ReadonlyArray<FieldDescription>;
}


/**
 * The weights of the score and the decision. Fitted by grid search on generated training documents
 * (`npm run bench:template-match -- --fit`: seeds disjoint from the measured set, no devdata), which
 * picks the values that match the most training documents to the right template and force none
 * of a kind without one; see BENCHMARKS.md.
 */
export interface MatchWeights {
  /** Weight of the template's name printed in the document's heading. */
  heading: number;
  /** Weight of the classifier's type agreeing (+) or disagreeing (−) with the template's kind. */
  classifier: number;
  /** Weight of the document's title naming a kind of document the candidate's name does not (−). */
  contradiction: number;
  /** Lowest score a template must reach to be picked. */
  threshold: number;
  /** Softmax temperature turning scores into confidences. */
  temperature: number;
}

export const MATCH_WEIGHTS: MatchWeights = { heading: 0.4, classifier: 1.2, contradiction: 0.25, threshold: 0.35, temperature: 0.05 };

/** The built-in types as competitors: a document best explained by one of them keeps it. */
const BUILT_IN_PROFILES: TemplateDescription[] = [
  {
    id: 'builtin:invoice',
    name: 'Invoice',
    documentType: 'invoice',
    fields: 'invoice_number invoice_date due_date vendor_name vendor_address vendor_tax_id customer_name customer_address purchase_order currency subtotal tax_amount total_amount amount_due iban line_items description quantity unit_price amount'
      .split(' ')
      .map((name) => ({ name })),
  },
  {
    id: 'builtin:receipt',
    name: 'Receipt',
    documentType: 'receipt',
    fields: 'merchant_name merchant_address merchant_phone date time currency subtotal tax_amount tip_amount total_amount payment_method items description quantity amount cash change'
      .split(' ')
      .map((name) => ({ name })),
  },
  {
    id: 'builtin:bank_statement',
    name: 'Bank statement',
    documentType: 'bank_statement',
    fields: 'bank_name account_holder account_number currency statement_period opening_balance closing_balance transactions date description amount type credit debit balance total_credits total_debits transaction_count'
      .split(' ')
      .map((name) => ({ name })),
  },
];

interface Profile {
  id: string;
  builtIn: boolean;
  /** invoice | receipt | bank_statement when the template's words or attribute name one. */
  kind: string | null;
  nameTerms: Set<string>;
  /** Every term with its weight: name words count twice, field and description words once. */
  terms: Map<string, number>;
}

/** The terms a document shows: anywhere in its first pages, and in its title lines. */
export interface DocumentTerms {
  all: Set<string>;
  heading: Set<string>;
}

/** Pages read for matching: titles and field labels are on the first ones; a long statement needs no more. */
const MAX_PAGES = 3;
/** Where a title is looked for: the top lines of the first page. */
const TITLE_REGION_LINES = 15;

/**
 * A title line is short and set apart: upper case or a larger type than the page's usual. Titles name
 * the document ("LIEFERSCHEIN", "Purchase Order"); the lines around them mention other documents ("Your
 * order: PO-123" on a delivery note), which is why the heading is read from titles only, or from the
 * first lines when no line looks like a title.
 */
function isTitle(text: string, height: number, median: number): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length > 5) return false;
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length / letters.length;
  return upper > 0.8 || (median > 0 && height >= 1.3 * median);
}

export function documentTerms(doc: DocumentModel): DocumentTerms {
  const all = new Set<string>();
  let heading = new Set<string>();
  const firstLines = new Set<string>();
  doc.pages.slice(0, MAX_PAGES).forEach((page, index) => {
    const heights = page.lines.map((l) => l.bbox[3] - l.bbox[1]).sort((a, b) => a - b);
    const median = heights[Math.floor(heights.length / 2)] ?? 0;
    page.lines.forEach((line, i) => {
      const terms = termsOf(line.text);
      for (const t of terms) all.add(t);
      if (index !== 0 || i >= TITLE_REGION_LINES) return;
      if (i < 8) for (const t of terms) firstLines.add(t);
      if (isTitle(line.text, line.bbox[3] - line.bbox[1], median)) for (const t of terms) heading.add(t);
    });
  });
  if (heading.size === 0) heading = firstLines;
  return { all, heading };
}

function profileOf(t: TemplateDescription, builtIn: boolean): Profile {
  const terms = new Map<string, number>();
  const add = (text: string | null | undefined, weight: number) => {
    for (const term of termsOf(text ?? '')) terms.set(term, Math.max(terms.get(term) ?? 0, weight));
  };
  const nameTerms = new Set(termsOf(t.name));
  add(t.name, 2);
  add(t.description, 1);
  const walk = (fields: ReadonlyArray<FieldDescription>) => {
    for (const f of fields) {
      add(f.name, 1);
      add(f.description, 1);
      if (f.children) walk(f.children);
    }
  };
  walk(t.fields);
  return { id: t.id, builtIn, kind: kindOf(t, nameTerms), nameTerms, terms };
}

/** A template's built-in kind: its document_type attribute, else a type its name (or description) names. */
function kindOf(t: TemplateDescription, nameTerms: Set<string>): string | null {
  const attribute = t.documentType?.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (attribute === 'invoice' || attribute === 'receipt' || attribute === 'bank_statement') return attribute;
  for (const terms of [nameTerms, new Set(termsOf(t.description ?? ''))]) {
    const kinds = [...terms].flatMap((term) => (BUILT_IN_TYPE_TERMS[term] ? [BUILT_IN_TYPE_TERMS[term]] : []));
    if (kinds.length === 1) return kinds[0];
    if (kinds.length > 1) return null;
  }
  return null;
}

export interface MatchOutcome {
  match: TemplateMatch | null;
  /** Every candidate's score, best first (templates and the built-in types that compete). */
  ranking: Array<{ id: string; score: number; confidence: number }>;
}

/** One candidate's evidence, before weighting. */
export interface CandidateEvidence {
  id: string;
  builtIn: boolean;
  /** Share of the candidate's vocabulary the document shows, words weighted by rarity among candidates (0–1). */
  coverage: number;
  /** Share of the candidate's name printed in the document's heading (0–1). */
  heading: number;
  /** The classifier's confidence, positive when its type is the candidate's kind, negative when another. */
  agreement: number;
  /** 1 when the document's title names kinds of document (invoice, order, delivery…) and the candidate's name names others only. */
  contradiction: number;
}

/**
 * Scores a document against the tenant's templates and the built-in types, generically: how much of
 * each one's vocabulary (words weighted by how few candidates share them, so "date" and "total" count
 * for little) the document shows, whether its heading prints the candidate's name, and whether the
 * built-in classifier's type agrees with the candidate's kind. A built-in type competes unless a
 * template of that kind exists; the best template is picked when it beats every built-in type and
 * reaches the threshold. No rule is specific to any kind of template.
 */
export function matchTemplate(input: {
  document: DocumentTerms;
  classification: Classification;
  templates: ReadonlyArray<TemplateDescription>;
  weights?: MatchWeights;
}): MatchOutcome {
  return decideMatch(gatherEvidence(input), input.weights ?? MATCH_WEIGHTS);
}

export function gatherEvidence(input: { document: DocumentTerms; classification: Classification; templates: ReadonlyArray<TemplateDescription> }): CandidateEvidence[] {
  const templates = input.templates.map((t) => profileOf(t, false));
  if (templates.length === 0) return [];
  const owned = new Set(templates.map((p) => p.kind));
  const allBuiltIns = BUILT_IN_PROFILES.map((t) => profileOf(t, true));
  const candidates = [...templates, ...allBuiltIns.filter((p) => !owned.has(p.kind))];
  const idf = inverseFrequencies([...templates, ...allBuiltIns]);
  const titleKinds = [...input.document.heading].filter((t) => KIND_TERMS.has(t));
  // The classifier knows invoices, receipts and statements only: a document whose title names other
  // kinds alone (an order, a delivery note, a quotation) is outside what its verdict can tell.
  const outsideClassifier = titleKinds.length > 0 && titleKinds.every((k) => !BUILT_IN_TYPE_TERMS[k]);
  const type = input.classification.type === 'other' || outsideClassifier ? null : input.classification.type;
  return candidates.map((p) => {
    let found = 0;
    let total = 0;
    for (const [term, weight] of p.terms) {
      const v = weight * (idf.get(term) ?? 0);
      total += v;
      if (input.document.all.has(term)) found += v;
    }
    let named = 0;
    let nameTotal = 0;
    for (const term of p.nameTerms) {
      const v = idf.get(term) ?? 0;
      nameTotal += v;
      if (input.document.heading.has(term)) named += v;
    }
    const confidence = input.classification.confidence;
    const nameKinds = [...p.nameTerms].filter((t) => KIND_TERMS.has(t));
    return {
      id: p.id,
      builtIn: p.builtIn,
      coverage: total > 0 ? found / total : 0,
      heading: nameTotal > 0 ? named / nameTotal : 0,
      agreement: type === null || p.kind === null ? 0 : p.kind === type ? confidence : -confidence,
      contradiction: titleKinds.length > 0 && nameKinds.length > 0 && !nameKinds.some((k) => titleKinds.includes(k)) ? 1 : 0,
    };
  });
}

export function decideMatch(evidence: ReadonlyArray<CandidateEvidence>, w: MatchWeights): MatchOutcome {
  if (evidence.length === 0) return { match: null, ranking: [] };
  const scored = evidence.map((e) => ({ e, score: e.coverage + w.heading * e.heading + w.classifier * e.agreement - w.contradiction * e.contradiction }));
  scored.sort((a, b) => b.score - a.score);
  const exps = scored.map((s) => Math.exp((s.score - scored[0].score) / w.temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  const ranking = scored.map((s, i) => ({ id: s.e.id, score: round(s.score), confidence: round(exps[i] / sum) }));
  const best = scored[0];
  if (best.e.builtIn || best.score < w.threshold) return { match: null, ranking };
  return { match: { template_id: best.e.id, confidence: ranking[0].confidence }, ranking };
}

/** ln(1 + N / df) over the candidates: a term every candidate has still counts, a little. */
function inverseFrequencies(profiles: Profile[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const p of profiles) for (const term of p.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = profiles.length;
  return new Map([...df].map(([term, count]) => [term, Math.log(1 + n / count)]));
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
