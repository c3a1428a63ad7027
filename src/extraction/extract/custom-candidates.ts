import { findDates } from '../normalize/dates.js';
import { type Candidate, cite } from './candidate.js';
import type { Concept, Role, ValueKind } from './concepts.js';
import { documentPosition, type ExtractionContext, type FieldValue } from './context.js';
import { type CandidateFeatures, type Relation, scoreFeatures } from './custom-scoring.js';
import { readValue } from './custom-values.js';
import type { FieldIntent } from './field-concepts.js';
import { type LabelHit, valueSpots } from './key-value-pairs.js';
import { itemRows } from './item-rows.js';
import { numberedPositions } from './numbered-positions.js';
import { wordsInRange, type Segment } from './layout-index.js';
import type { SectionRoles } from './party-sections.js';
import { cuePassages, labelledPassage, quotedReference } from './text-passages.js';

/**
 * Candidates for one custom field: values its concepts' labels point at, a built-in field that
 * carries the concept, values of an unmistakable shape (an email) in the party's section,
 * passages (payment terms), date ranges, and aggregates (the one VAT rate, the count of line items).
 * Each gets a features object; custom-scoring.ts turns features into the score.
 */
export interface CustomCandidate extends Candidate {
  features: CandidateFeatures;
}

export interface CandidateInput {
  ctx: ExtractionContext;
  intent: FieldIntent;
  hits: readonly LabelHit[];
  sections: SectionRoles;
  builtIns: Record<string, FieldValue>;
}

/** `party`: the seller or buyer a party attribute was printed as (its label or section says so). */
type Draft = Omit<CustomCandidate, 'score' | 'features'> & { features: Omit<CandidateFeatures, 'position' | 'repeats'>; party?: Role | null };

const BASE: Omit<CandidateFeatures, 'relation' | 'position' | 'repeats'> = {
  concept: 0, extraConcept: 0, role: 0, buyerUnknown: 0, rowsAway: 0, colon: 0, atStart: 0, viaSection: 0, fit: 0, part: 0,
};

/** Kinds whose value is recognised by its shape alone; phone numbers too, but only next to a label. */
const SHAPE_KINDS = new Set<ValueKind>(['email', 'url', 'iban', 'bic', 'tax_id']);
const LABELLED_SHAPE_KINDS = new Set<ValueKind>([...SHAPE_KINDS, 'phone']);

/** Party agreement features for a value of role `found` when `asked` is wanted. */
function roleFeatures(main: Concept, intent: FieldIntent, found: Role | null): Pick<CandidateFeatures, 'role' | 'buyerUnknown'> {
  if (!main.party) return { role: 0, buyerUnknown: 0 };
  const asked = intent.role ?? 'seller';
  if (!found) return { role: 0, buyerUnknown: asked === 'buyer' ? 1 : 0 };
  return { role: found === asked ? 1 : -1, buyerUnknown: 0 };
}

function citeSpan(seg: Segment, start: number, end: number) {
  const words = wordsInRange(seg, start, end);
  return cite(seg.page, words.length ? words : seg.line.words);
}

function fromHits(input: CandidateInput, main: Concept): Draft[] {
  const { ctx, intent, hits } = input;
  const asked = new Set(intent.concepts.map((c) => c.id));
  const out: Draft[] = [];
  for (const hit of hits) {
    if (!asked.has(hit.concept.id)) continue;
    const isMain = hit.concept.id === main.id;
    // A label of a second concept the field asks for, holding a value of the main concept's shape,
    // answers both ("CONTACT : M. CONTACT, 01 02 …, seller@…" for a contact's email).
    const both = !isMain && LABELLED_SHAPE_KINDS.has(main.kind);
    // Otherwise a second concept's label is another thing the description mentions (the purchase
    // order beside the sales order asked for): its values are not this field's.
    if (!isMain && !both) continue;
    // A second concept on the same line ("CONTACT : M. CONTACT, 01 02 …, seller@…") the field also asks for.
    const extra = hits.some((h) => h !== hit && h.seg === hit.seg && asked.has(h.concept.id) && h.concept.id !== hit.concept.id) ? 1 : 0;
    const partFeature = main.kind === 'period' && hit.part ? (hit.part === (intent.part ?? 'start') ? 1 : -1) : 0;
    if (main.kind === 'paragraph') {
      const p = labelledPassage(ctx, hit);
      if (p) out.push({ value: p.text, citations: p.citations, via: 'label-paragraph', features: { ...BASE, relation: 'paragraph', concept: 1, colon: hit.colon ? 1 : 0, atStart: hit.atStart ? 1 : 0, fit: 0.8 } });
    }
    for (const spot of valueSpots(hit, hits)) {
      // A label word inside running text ("Maintenance contract Q3") keys no value beside or under it;
      // a label qualified by the end it names that fills its cell ("Début de période") does.
      if (spot.relation !== 'inline' && !hit.colon && !hit.atStart && (!hit.part || hit.seg.text.slice(hit.end).trim())) continue;
      const text = spot.seg.text.slice(spot.from, spot.to);
      const keyed = hit.colon || spot.relation !== 'inline' || hit.atStart;
      // A period's label with one date names the end it says ("DATE DE FIN DE PRESTATION : …").
      const part = main.kind === 'period' && hit.part && findDates(text, ctx.dateOrder).length < 2 ? 'start' : intent.part;
      const read = readValue(text, main.kind, { dateOrder: ctx.dateOrder, keyed, part, shapeOnly: both });
      if (!read) continue;
      // A label word in running text ("Maintenance contract Q3") keys only a number that looks like one.
      if (!keyed && main.kind === 'id' && (String(read.value).match(/\d/g) ?? []).length < 3) continue;
      out.push({
        value: read.value,
        citations: [citeSpan(spot.seg, spot.from + read.start, spot.from + read.end)],
        via: `label-${spot.relation}`,
        party: hit.labelRole ?? hit.sectionRole,
        features: {
          ...BASE,
          ...roleFeatures(main, intent, hit.labelRole ?? hit.sectionRole),
          relation: spot.relation,
          concept: 1,
          extraConcept: both ? 1 : extra,
          rowsAway: spot.rowsAway,
          colon: hit.colon ? 1 : 0,
          atStart: hit.atStart ? 1 : 0,
          viaSection: hit.viaSection ? 1 : 0,
          fit: read.fit,
          part: partFeature,
        },
      });
    }
  }
  return out;
}

/** Built-in fields that carry the concept for the role asked (a seller's VAT id is the built-in vendor_tax_id). */
function fromBuiltIns(input: CandidateInput, main: Concept): Draft[] {
  const map = main.builtIn;
  if (!map) return [];
  const role = input.intent.role ?? 'seller';
  const names = map[role] ?? map['*'] ?? [];
  for (const name of names) {
    const v = input.builtIns[name];
    if (v && v.value !== null && v.value !== undefined && !Array.isArray(v.value)) {
      // The built-in value's party is the section it is printed in (a "vendor" VAT id under the recipient's address is the buyer's).
      const seg = main.party ? segmentAt(input.ctx, v.citations[0]) : null;
      const found = seg ? (input.hits.find((h) => h.seg === seg && h.labelRole)?.labelRole ?? input.sections(seg)) : null;
      const roles = found ? roleFeatures(main, input.intent, found) : {};
      return [{ value: v.value, citations: v.citations, via: `built-in:${name}`, party: found, features: { ...BASE, ...roles, relation: 'builtin', concept: 1, fit: v.confidence } }];
    }
  }
  return [];
}

/** The segment a citation points at. */
function segmentAt(ctx: CandidateInput['ctx'], c: Candidate['citations'][number] | undefined): Segment | null {
  if (!c) return null;
  const index = ctx.pages.find((p) => p.page === c.page);
  for (const row of index?.segments ?? []) {
    for (const seg of row) {
      const b = seg.line.bbox;
      if (Math.min(b[2], c.bbox[2]) - Math.max(b[0], c.bbox[0]) > 0 && Math.min(b[3], c.bbox[3]) - Math.max(b[1], c.bbox[1]) > 0) return seg;
    }
  }
  return null;
}

/** Values of an unmistakable shape (emails, VAT ids, IBANs) anywhere, phones in a party's section: their party comes from the section they sit in. */
function fromShapes(input: CandidateInput, main: Concept): Draft[] {
  // A phone number is read by its shape only inside a party's section (the lines of its address block).
  const inSection = main.kind === 'phone';
  if (!SHAPE_KINDS.has(main.kind) && !inSection) return [];
  const out: Draft[] = [];
  for (const index of input.ctx.pages) {
    for (const seg of index.segments.flat()) {
      if (inSection && !input.sections(seg)) continue;
      const read = readValue(seg.text, main.kind, { dateOrder: input.ctx.dateOrder, keyed: false });
      if (!read) continue;
      // An unlabelled phone number is a line of its own, not digits inside other text (an IBAN, a register number).
      if (inSection && (read.start > 2 || read.end - read.start < 0.8 * seg.text.trim().length)) continue;
      const party = input.hits.find((h) => h.seg === seg && h.labelRole)?.labelRole ?? input.sections(seg);
      out.push({
        value: read.value,
        citations: [citeSpan(seg, read.start, read.end)],
        via: 'shape',
        // The party a label on the same line names ("USt-IdNr. des Verkäufers"), else the section's.
        party,
        features: { ...BASE, ...roleFeatures(main, input.intent, party), relation: 'shape', fit: read.fit },
      });
    }
  }
  return out;
}

const RANGE = /(?:(?<![a-z])(?:vom|von|from|du|del|van|dal|de)\s+)?(\S+(?:\s\S+){0,2}?)\s*(?:bis(?:\s*zum)?|to|until|till|au|al|hasta|tot|[-–])\s*(\S+(?:\s\S+){0,2})/i;

/** Date ranges printed without a label ("Finanzrate vom 01.11.2024 bis 30.11.2024"), a range split over two lines too. */
function fromRanges(input: CandidateInput, main: Concept): Draft[] {
  if (main.kind !== 'period') return [];
  const out: Draft[] = [];
  for (const index of input.ctx.pages) {
    const segs = index.segments.flat();
    for (const [i, seg] of segs.entries()) {
      let dates = findDates(seg.text, input.ctx.dateOrder);
      let text = seg.text;
      if (dates.length === 1 && /(?:bis|to|until|au|al|hasta|tot|[-–])\s*(?:zum\s*)?$/i.test(seg.text.trim())) {
        const next = segs[i + 1];
        if (next) {
          text = `${seg.text} ${next.text}`;
          dates = findDates(text, input.ctx.dateOrder);
        }
      }
      if (dates.length < 2 || !RANGE.test(text.slice(dates[0].index))) continue;
      const between = text.slice(dates[0].index + dates[0].text.length, dates[1].index);
      if (!/^\s*(?:bis(?:\s*zum)?|to|until|till|au|al|hasta|tot|[-–])\s*$/i.test(between)) continue;
      const d = input.intent.part === 'end' ? dates[1] : dates[0];
      out.push({ value: d.iso, citations: [cite(seg.page, seg.line.words)], via: 'date-range', features: { ...BASE, relation: 'range', fit: 1 } });
    }
  }
  return out;
}

const VAT_WORD = /(?<![a-z])(?:vat|ust|mwst|tva|iva|btw|gst|tax|umsatzsteuer|mehrwertsteuer|taxe|steuer|impuesto|imposta|(?:ust|mwst|steuer)[\s-]*satz|taux|tarief|aliquota|tasa)(?![a-z])/;

/**
 * The one VAT rate of the document: percentages on lines that name VAT, or under a column header
 * that does ("USt. %" over "7"). One distinct rate is a confident answer; several, a weak one.
 */
function vatRate(input: CandidateInput, main: Concept): Draft[] {
  if (main.kind !== 'rate') return [];
  const rates = new Map<number, Candidate['citations']>();
  for (const index of input.ctx.pages) {
    for (const seg of index.segments.flat()) {
      for (const m of seg.text.matchAll(/(?<![\d.,])(\d{1,2}(?:[.,]\d{1,3})?)\s*%/g)) {
        const headerAbove = index.segments
          .slice(Math.max(0, seg.rowIndex - 12), seg.rowIndex)
          .flat()
          .some((s) => !/\d/.test(s.text) && VAT_WORD.test(s.folded) && Math.min(s.line.bbox[2], seg.line.bbox[2]) > Math.max(s.line.bbox[0], seg.line.bbox[0]));
        if (!VAT_WORD.test(seg.folded) && !headerAbove) continue;
        const v = Number(m[1].replace(',', '.'));
        if (!rates.has(v)) rates.set(v, [cite(seg.page, seg.line.words)]);
      }
    }
  }
  for (const hit of input.hits) {
    if (hit.concept.id !== main.id) continue;
    for (const spot of valueSpots(hit, input.hits)) {
      const read = readValue(spot.seg.text.slice(spot.from, spot.to), 'rate', { dateOrder: input.ctx.dateOrder, keyed: true });
      if (read && !rates.has(read.value as number)) rates.set(read.value as number, [cite(spot.seg.page, spot.seg.line.words)]);
    }
  }
  if (!rates.size) return [];
  const one = rates.size === 1;
  return [...rates].map(([value, citations]) => ({ value, citations, via: 'vat-rates', features: { ...BASE, relation: 'aggregate' as Relation, concept: 1, fit: one ? 1 : 0.2 } }));
}

/** How many line items the document lists: its numbered positions, the rows of its item table, the rows the line-item reader read. */
function lineCount(input: CandidateInput, main: Concept): Draft[] {
  if (main.kind !== 'count') return [];
  const out: Draft[] = [];
  const numbered = numberedPositions(input.ctx);
  if (numbered) out.push({ value: numbered.count, citations: numbered.citations, via: 'numbered-positions', features: { ...BASE, relation: 'aggregate', concept: 1, fit: numbered.count > 1 ? 0.9 : 0.7 } });
  const rows = itemRows(input.ctx);
  if (rows) out.push({ value: rows.count, citations: rows.citations, via: 'item-rows', features: { ...BASE, relation: 'aggregate', concept: 1, fit: 0.75 } });
  const items = input.builtIns.line_items;
  if (items && Array.isArray(items.value) && items.value.length) {
    out.push({ value: items.value.length, citations: items.citations, via: 'line-items', features: { ...BASE, relation: 'aggregate', concept: 1, fit: 0.6 } });
  }
  return out;
}

function fromPassages(input: CandidateInput, main: Concept): Draft[] {
  const out: Draft[] = [];
  if (main.kind === 'paragraph') {
    for (const p of cuePassages(input.ctx, main.id)) out.push({ value: p.text, citations: p.citations, via: 'cue-paragraph', features: { ...BASE, relation: 'cue', fit: p.fit } });
  }
  if (main.id === 'remittance') {
    const q = quotedReference(input.ctx, input.builtIns);
    if (q) out.push({ value: q.text, citations: q.citations, via: 'quote-with-payment', features: { ...BASE, relation: 'cue', concept: 0.5, fit: q.fit } });
  }
  return out;
}

export function customCandidates(input: CandidateInput): CustomCandidate[] {
  const main = input.intent.concepts[0];
  if (!main) return [];
  let drafts = [
    ...fromBuiltIns(input, main),
    ...fromHits(input, main),
    ...fromShapes(input, main),
    ...fromRanges(input, main),
    ...vatRate(input, main),
    ...lineCount(input, main),
    ...fromPassages(input, main),
  ];
  const key = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '').toLowerCase() : JSON.stringify(v));
  const counts = new Map<string, number>();
  for (const d of drafts) counts.set(key(d.value), (counts.get(key(d.value)) ?? 0) + 1);
  // A value printed as the other party's (the seller's VAT id when the buyer's is asked) is that
  // party's wherever else it is printed: it is no answer, however well labelled.
  // A built-in id that is part of a labelled one ("74263" of "PO-74263") read less than the label's slot.
  const labelled = drafts.filter((d) => d.via.startsWith('label-') && typeof d.value === 'string').map((d) => String(d.value));
  drafts = drafts.filter((d) => !(d.via.startsWith('built-in') && main.kind === 'id' && typeof d.value === 'string' && labelled.some((l) => l !== d.value && l.includes(String(d.value)))));
  const asked = input.intent.role ?? 'seller';
  const opposite = main.party ? (asked === 'seller' ? 'buyer' : asked === 'buyer' ? 'seller' : null) : null;
  const others = new Set(drafts.filter((d) => opposite && d.party === opposite).map((d) => key(d.value)));
  return drafts.filter((d) => !others.has(key(d.value))).map((d) => {
    const features: CandidateFeatures = {
      ...d.features,
      position: documentPosition(input.ctx, { value: d.value, score: 0, citations: d.citations, via: d.via }),
      repeats: (counts.get(key(d.value)) ?? 1) - 1,
    };
    return { value: d.value, citations: d.citations, via: d.via, features, score: scoreFeatures(features) };
  });
}
