import { type Concept, CONCEPT_BY_ID, CONCEPTS, ROLE_WORDS, type Role, type ValueKind } from './concepts.js';
import type { FieldKind, FieldSpec } from './field-schema.js';
import { fold } from './text-fold.js';

/**
 * What a custom field asks for, read the way a person reads its name and description: the
 * concepts it names (the first decides the value's kind), whose (seller or buyer) and, for a
 * period, which end. "supplier_contact_email" → email (+ contact) of the seller; "billed_from"
 * with "Start date of the period that the invoice charges for" → start of the service period.
 */
export interface FieldIntent {
  /** Concepts named, best first; empty when the field names none. */
  concepts: Concept[];
  role: Role | null;
  part: 'start' | 'end' | null;
  /** Labels the description quotes ('the "Bestellzeichen" printed on the invoice'), as folded regex sources. */
  quoted: string[];
}

/** Phrases a description puts in double quotes: the printed label, as the user saw it. */
function quotedLabels(description: string): string[] {
  const out: string[] = [];
  for (const m of description.matchAll(/["“„«]([^"“”„«»]{2,40})["”“»]/g)) {
    // A quoted example of the value ('e.g. "30 days net"') is not a label.
    if (/(?:e\.\s?g\.|for\s+example|such\s+as|like|z\.\s?b\.|zum\s+beispiel|etwa|par\s+ex(?:emple|\.)|comme|p\.\s?ej\.|por\s+ejemplo|bijv?\.|bijvoorbeeld|ad\s+es(?:empio|\.)|es\.)\s*[:,]?\s*$/i.test(description.slice(0, m.index))) continue;
    const words = fold(m[1]).trim().split(/[\s.:]+/).filter(Boolean);
    if (words.length && words.length <= 5) out.push(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(String.raw`[\s.:-]*`));
  }
  return out;
}

/** Kinds whose value shape is unmistakable: when a field names one, it decides what is read. */
const SHAPE_KINDS = new Set<ValueKind>(['email', 'phone', 'url', 'iban', 'bic']);

/** Which concept kinds a field of each type can hold. */
function kindWeight(field: FieldKind, kind: ValueKind): number {
  const numeric = kind === 'amount' || kind === 'rate' || kind === 'count';
  if (field === 'number') return numeric ? 1 : 0;
  if (field === 'date') return kind === 'date' || kind === 'period' ? 1 : 0;
  if (field === 'string') return kind === 'count' ? 0 : numeric ? 0.3 : 1;
  return 0;
}

/** Clauses that say what a field is not ("not the customer's purchase order number") name nothing it asks for. */
const NEGATION = /(?<![a-z])(?:not|leave\s+(?:it\s+)?(?:empty|blank)|rather\s+than|instead\s+of|except|nicht|kein\w*|ne\s+pas|niet|non)(?![a-z])/;

function fieldTexts(spec: FieldSpec): { name: string; description: string } {
  const name = fold(spec.name.replace(/([a-z])([A-Z])/g, '$1 $2')).replace(/[_\-.]+/g, ' ');
  const clauses = fold(spec.description).split(/[;()]|,\s|\.\s|\s-\s/);
  return { name, description: clauses.filter((c) => !NEGATION.test(c)).join(' ; ') };
}

const compiled = new Map<string, RegExp>();
function conceptRegex(c: Concept): RegExp {
  let re = compiled.get(c.id);
  if (!re) {
    const sources = [...c.labels, ...(c.asks ?? [])];
    // Inflected forms in running text count too ("des Leistungszeitraums", "discounts").
    re = new RegExp(`(?<![a-z])(?:${sources.map((s) => `(?:${s})`).join('|')})(?:e?s|e?n)?(?![a-z])`, 'g');
    compiled.set(c.id, re);
  }
  return re;
}

interface Mention {
  concept: Concept;
  start: number;
  end: number;
}

/** Every concept mention in a text, longest first, dropping those inside a longer one ("number" in "customer number"). */
function mentions(text: string): Mention[] {
  const all: Mention[] = [];
  for (const c of CONCEPTS) {
    const re = conceptRegex(c);
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) if (m[0].trim()) all.push({ concept: c, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Mention[] = [];
  for (const m of all) if (!kept.some((k) => k.start < m.end && m.start < k.end)) kept.push(m);
  return kept;
}

// First/last in six languages, and German compounds ending in the word ("Leistungsende", "Periodenbeginn").
const START = /(?<![a-z])(?:start\w*|from|begin\w*|von|ab|debut|du|desde|inicio|van|dal|inizio|first|erste[nrs]?|premier|premiere|primer[oa]?|prim[oa]|eerste)(?![a-z])|[a-z](?:beginn|anfang|start)(?![a-z])/;
const END = /(?<![a-z])(?:end\w*|until|till|to|through|bis|fin|au|hasta|tot|al|fine|einde|last|letzte[nrs]?|dernier|derniere|ultim[oa]|laatste)(?![a-z])|[a-z](?:ende|schluss)(?![a-z])/;

function partOf(text: string): 'start' | 'end' | null {
  const s = START.exec(text);
  const e = END.exec(text);
  if (s && (!e || s.index < e.index)) return 'start';
  return e ? 'end' : null;
}

const roleRegex = Object.fromEntries(
  (Object.keys(ROLE_WORDS) as Role[]).map((r) => [r, new RegExp(`(?<![a-z])(?:${ROLE_WORDS[r]})(?![a-z])`, 'g')]),
) as Record<Role, RegExp>;

/** The role a text names most (first mention breaks ties), or null. */
export function roleIn(text: string): Role | null {
  let best: { role: Role; n: number; at: number } | null = null;
  for (const role of ['seller', 'buyer'] as Role[]) {
    const found = [...text.matchAll(roleRegex[role])];
    if (!found.length) continue;
    const at = found[0].index ?? 0;
    if (!best || found.length > best.n || (found.length === best.n && at < best.at)) best = { role, n: found.length, at };
  }
  return best?.role ?? null;
}

export function fieldIntent(spec: FieldSpec): FieldIntent {
  const { name, description } = fieldTexts(spec);
  const scores = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const m of mentions(text)) {
      const kw = kindWeight(spec.kind, m.concept.kind);
      if (kw) scores.set(m.concept.id, (scores.get(m.concept.id) ?? 0) + (m.end - m.start) * weight * kw);
    }
  };
  add(name, 2);
  add(description, 1);
  const shape = (id: string) => (SHAPE_KINDS.has((CONCEPT_BY_ID.get(id) as Concept).kind) ? 3 : 1);
  const ranked = [...scores].sort((a, b) => b[1] * shape(b[0]) - a[1] * shape(a[0]));
  const top = Math.max(0, ...scores.values());
  // Concepts well below the best are incidental words of the description, not what is asked.
  const concepts = ranked.filter(([, s]) => s >= top * 0.25).map(([id]) => CONCEPT_BY_ID.get(id) as Concept);
  const role = roleIn(name) ?? roleIn(description);
  return { concepts, role, part: partOf(name) ?? partOf(description), quoted: quotedLabels(spec.description) };
}
