import { type Concept, CONCEPTS, type Role } from './concepts.js';
import type { ExtractionContext } from './context.js';
import { roleIn } from './field-concepts.js';
import { below, type PageIndex, rightOf, type Segment } from './layout-index.js';
import type { SectionRoles } from './party-sections.js';

/**
 * A generic key-value detector over the page: every printed label of a known concept, wherever it
 * stands ("Label: value", a label with its value to the right, a header over its cell), with the
 * places its value may be printed. Which of them holds a value is left to the field's parser.
 */
export interface LabelHit {
  index: PageIndex;
  seg: Segment;
  start: number;
  end: number;
  concept: Concept;
  /** Start or end of a period, when the label says ("date de début de prestation"). */
  part: 'start' | 'end' | null;
  /** The role the label names itself ("Customer VAT ID", "Ihre USt-IdNr"). */
  labelRole: Role | null;
  /** The role of the party section the label is printed in. */
  sectionRole: Role | null;
  /** A colon (or "=") follows the label. */
  colon: boolean;
  /** The label opens its segment (after at most a "N°"/"No." prefix). */
  atStart: boolean;
  /** Found only as a generic key ("Nummer") inside a party's section. */
  viaSection: boolean;
}

/** A place a label's value may be printed, nearest first. */
export interface ValueSpot {
  seg: Segment;
  /** Character offset in the segment where the value starts. */
  from: number;
  /** Character offset where the value ends (the next label on the line, or the end). */
  to: number;
  relation: 'inline' | 'right' | 'below';
  /** Rows below the label (0 on its row). */
  rowsAway: number;
}

const B = '(?<![a-z@])';
// Inflected labels count too ("Ende des Abrechnungszeitraums").
const E = '(?:e?s)?(?![a-z])';
type Compiled = { concept: Concept; re: RegExp; section: { re: RegExp; role: Role }[] };
const compile = (c: Concept): Compiled => ({
  concept: c,
  re: new RegExp(`${B}(?:${c.labels.map((l) => `(?:${l})`).join('|')})${E}`, 'g'),
  section: (c.sectionLabels ?? []).map((s) => ({ re: new RegExp(`^\\s*(?:${s.re})\\s*:?\\s*$`), role: s.role })),
});
const compiled = CONCEPTS.filter((c) => c.labels.length).map(compile);

const YOUR = /(?<![a-z])(?:your|ihr[e]?|votre|vos|su|sus|uw|vostro|vostra|vs\.)(?![a-z])/g;
const START_WORDS = /(?<![a-z])(?:debut|start|begin\w*|from|von|desde|inicio|van|dal|inizio)(?![a-z])/;
const END_WORDS = /(?<![a-z])(?:fin|end\w*|eind\w*|until|to|bis|hasta|tot|al|fine)(?![a-z])/;

function segmentHits(index: PageIndex, seg: Segment, sections: SectionRoles, folded = seg.folded, list: readonly Compiled[] = compiled): LabelHit[] {
  const raw: { concept: Concept; start: number; end: number; viaSection: boolean }[] = [];
  const text = folded;
  for (const { concept, re } of list) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) raw.push({ concept, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, viaSection: false });
  }
  // A bare generic key ("Nummer :") counts only inside the party section it needs.
  const keyPart = text.split(/\s*:/)[0];
  for (const { concept, section } of list) {
    for (const s of section) {
      if (s.re.test(keyPart) && sections(seg) === s.role) raw.push({ concept, start: 0, end: keyPart.length, viaSection: true });
    }
  }
  raw.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept = raw.filter((m, i) => !raw.slice(0, i).some((o) => o.start < m.end && m.start < o.end)).sort((a, b) => a.start - b.start);
  // A label word inside the value of a key before it ("CONTACT : M. CONTACT", "BIC : BIC_MONCOMPTE") is value, not a label.
  const keyed = kept.filter((m, i) => {
    const prev = kept[i - 1];
    if (!prev || /^\s*[:=]/.test(text.slice(m.end))) return true;
    return !/^\s*(?:\([^)]{0,12}\)\s*)?[:=]/.test(text.slice(prev.end, m.start));
  });
  return keyed.map((m) => {
    const after = text.slice(m.end);
    // Words around the label up to its colon ("Period from:", "Date de début de prestation :").
    // Without a colon, a short rest of the segment is part of the label too ("Zeitraum von").
    const rest = /^[^:\d]{0,24}(?=:)/.exec(after)?.[0] ?? (/^[^:\d]{0,16}$/.test(after) ? after : '');
    const labelText = `${text.slice(Math.max(0, m.start - 24), m.end)} ${rest}`;
    return {
      index,
      seg,
      start: m.start,
      end: m.end,
      concept: m.concept,
      part: START_WORDS.test(labelText) ? 'start' : END_WORDS.test(labelText) ? 'end' : null,
      // "Your contact" / "Ihr Ansprechpartner" is the issuer's person serving you: "your" names no party there.
      labelRole: m.concept.role ? null : roleIn(m.concept.servesYou ? labelText.replace(YOUR, ' ') : labelText),
      sectionRole: sections(seg),
      colon: /^\s*(?:\([^)]{0,12}\)\s*)?[:=]/.test(after) || (after.trim() === '' && /^\s*:/.test(rightOf(index, seg)[0]?.text ?? '')),
      atStart: m.start <= 4 || /^\s*(?:n[°o]\.?|no\.?|nr\.?|your|our|ihre?|unsere?|vos|nos|votre|notre)\s*$/.test(text.slice(0, m.start)),
      viaSection: m.viaSection,
    };
  });
}

const cache = new WeakMap<ExtractionContext, LabelHit[]>();

/** Every label hit of the document, computed once per extraction. */
export function labelHits(ctx: ExtractionContext, sections: SectionRoles): LabelHit[] {
  let hits = cache.get(ctx);
  if (!hits) {
    hits = [];
    for (const index of ctx.pages) {
      for (const row of index.segments) {
        for (const seg of row) {
          const own = segmentHits(index, seg, sections);
          hits.push(...(own.length ? own : stackedHeaderHits(index, seg, sections)));
        }
      }
    }
    cache.set(ctx, hits);
  }
  return hits;
}

/**
 * Hits of labels a field brings itself (its description quotes the printed label: 'the
 * "Bestellzeichen" on the invoice'), over the whole document.
 */
export function extraLabelHits(ctx: ExtractionContext, sections: SectionRoles, concept: Concept): LabelHit[] {
  if (!concept.labels.length) return [];
  const list = [compile(concept)];
  const out: LabelHit[] = [];
  for (const index of ctx.pages) for (const row of index.segments) for (const seg of row) out.push(...segmentHits(index, seg, sections, seg.folded, list));
  return out;
}

/**
 * A header set on two rows ("Shipment" over "Date", "Date de" over "livraison"): the lower segment
 * is read with the one right above it, and labels the cells under it.
 */
function stackedHeaderHits(index: PageIndex, seg: Segment, sections: SectionRoles): LabelHit[] {
  const b = seg.line.bbox;
  const h = b[3] - b[1];
  if (seg.rowIndex === 0 || seg.text.length > 30 || /\d/.test(seg.text)) return [];
  const above = index.segments[seg.rowIndex - 1].find((s) => {
    const a = s.line.bbox;
    const overlap = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
    return overlap > 0.5 * Math.min(a[2] - a[0], b[2] - b[0]) && b[1] - a[3] < 0.8 * h && s.text.length <= 30 && !/\d/.test(s.text);
  });
  if (!above) return [];
  const joined = `${above.folded} ${seg.folded}`;
  // Only labels that need both rows: each row alone named nothing.
  return segmentHits(index, seg, sections, joined)
    .filter((hit) => hit.start < above.folded.length && hit.end > above.folded.length + 1)
    .map((hit) => ({ ...hit, start: 0, end: seg.text.length }));
}

/** Hits on one segment, in reading order (the next label ends a value). */
function hitsOn(all: readonly LabelHit[], seg: Segment): LabelHit[] {
  return all.filter((h) => h.seg === seg).sort((a, b) => a.start - b.start);
}

/**
 * Where the value of a label may be: after it on its segment (up to the next label), else the
 * segment(s) to its right, else the segments under it in its column (a header over its cell).
 */
export function valueSpots(hit: LabelHit, all: readonly LabelHit[]): ValueSpot[] {
  const spots: ValueSpot[] = [];
  const next = hitsOn(all, hit.seg).find((h) => h.start >= hit.end);
  const to = next ? next.start : hit.seg.text.length;
  const rest = hit.seg.text.slice(hit.end, to);
  if (/[\p{L}\d@]/u.test(rest.replace(/^\s*\([^)]{0,12}\)/, ''))) spots.push({ seg: hit.seg, from: hit.end, to, relation: 'inline', rowsAway: 0 });
  if (next && /[\p{L}\d]/u.test(rest)) return spots;
  // A segment far off from a label without a colon, or one that is a key-value pair of its own ("MOYEN DE PAIEMENT : VIREMENT"), is another column.
  // Beside a label without a colon, a segment that opens with a label of its own is the next key (a row of headers), not a value.
  const keyed = (r: Segment) => !hit.colon && all.some((h) => h.seg === r && h.start <= 2);
  const [right, further] = rightOf(hit.index, hit.seg).filter(
    (r) => (hit.colon || r.line.bbox[0] - hit.seg.line.bbox[2] < 0.4 * hit.index.width) && !/^[^\d:]{3,40}\s:\s*\S/.test(r.text) && !keyed(r),
  );
  // The segment to the right too when the label's own text may be a qualifier ("REMISE : REMISE COMMERCIALE | -5,00").
  if (right) {
    spots.push({ seg: right, from: 0, to: right.text.length, relation: 'right', rowsAway: 0 });
    // A unit or qualifier between label and value ("Steuerbetrag in | EUR | 47,90").
    if (further && right.text.length <= 12 && !/\d/.test(right.text)) spots.push({ seg: further, from: 0, to: further.text.length, relation: 'right', rowsAway: 0 });
  }
  if (!spots.some((s) => s.relation === 'inline')) {
    for (const [i, under] of below(hit.index, hit.seg, 3).entries()) {
      if (i >= 2) break;
      spots.push({ seg: under, from: 0, to: under.text.length, relation: 'below', rowsAway: under.rowIndex - hit.seg.rowIndex });
    }
  }
  return spots;
}
