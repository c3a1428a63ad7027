import type { ExtractionContext, FieldValue } from '../extract/context.js';
import type { FieldSpec } from '../extract/field-schema.js';
import { cite } from '../extract/candidate.js';
import type { Citation } from '../model/result.js';
import { locateValue } from '../extract/locate-value.js';
import { findCurrency } from '../normalize/currency.js';

/** A value the model gave and the document shows: the model read well but its reading is not proof. */
const GROUNDED = 0.85;
/** A value the document's words do not contain: possibly invented, so reported as doubtful. */
const UNGROUNDED = 0.3;
/** Booleans can't be looked up in the text (the page shows a tick, not "true"). */
const UNLOCATABLE = 0.6;

export interface Grounded {
  value: FieldValue;
  /** Paths of values not found in the document's words. */
  ungrounded: string[];
}

/** The context restricted to some pages, so a chunk's values are looked up where that chunk was read. */
export function onPages(ctx: ExtractionContext, pages: number[] | null): ExtractionContext {
  if (!pages) return ctx;
  const wanted = new Set(pages);
  return { ...ctx, pages: ctx.pages.filter((p) => wanted.has(p.page)) };
}

/**
 * Locates every value of an LLM answer in the document's words (the engine's own locateValue), to
 * cite where it is printed. Found values get GROUNDED confidence; values not found get UNGROUNDED
 * and are reported, a guard against values the model made up.
 */
export function groundValue(ctx: ExtractionContext, spec: FieldSpec, value: unknown): Grounded {
  if (value === null || value === undefined) return { value: { value: null, confidence: 0, citations: [], source: 'llm' }, ungrounded: [] };
  if (spec.kind === 'boolean') return { value: { value, confidence: UNLOCATABLE, citations: [], source: 'llm' }, ungrounded: [] };
  if (spec.kind === 'object' && typeof value === 'object' && !Array.isArray(value)) {
    const parts = spec.children.map((c) => ({ name: c.name, g: groundValue(ctx, c, (value as Record<string, unknown>)[c.name]) }));
    const present = parts.filter((p) => p.g.value.value !== null);
    return {
      value: {
        value,
        confidence: present.length ? present.reduce((s, p) => s + p.g.value.confidence, 0) / present.length : 0,
        citations: present.flatMap((p) => p.g.value.citations),
        source: 'llm',
      },
      ungrounded: present.flatMap((p) => p.g.ungrounded.map((u) => `${spec.name}.${u}`)),
    };
  }
  if (spec.kind === 'list_object' || spec.kind === 'list_string') {
    const rows = Array.isArray(value) ? value : [];
    const citations: Citation[] = [];
    const ungrounded: string[] = [];
    rows.forEach((row, i) => {
      const citation = spec.kind === 'list_string' ? locateValue(ctx, row) : locateRow(ctx, spec, row);
      if (citation) citations.push(citation);
      else ungrounded.push(`${spec.name}.${i}`);
    });
    return { value: { value: rows, confidence: listConfidence(rows.length, citations.length), citations, source: 'llm' }, ungrounded };
  }
  const citation = /currency/i.test(spec.name) && typeof value === 'string' ? locateCurrency(ctx, value) : locateValue(ctx, value);
  if (!citation) return { value: { value, confidence: UNGROUNDED, citations: [], source: 'llm' }, ungrounded: [spec.name] };
  return { value: { value, confidence: GROUNDED, citations: [citation], source: 'llm' }, ungrounded: [] };
}

/**
 * A row is found where its text is printed (its description, a transaction's text) and, failing
 * that, where its amount is; a row none of whose values are printed is ungrounded.
 */
export function locateRow(ctx: ExtractionContext, spec: FieldSpec, row: unknown): Citation | null {
  if (!row || typeof row !== 'object') return null;
  const r = row as Record<string, unknown>;
  const texts = spec.children.filter((c) => c.kind === 'string' && typeof r[c.name] === 'string' && (r[c.name] as string).length > 2);
  // Counts (a quantity of 1) are printed everywhere: only money-like numbers place a row.
  const numbers = spec.children.filter((c) => c.kind === 'number' && typeof r[c.name] === 'number' && !/quantity|qty|count/i.test(c.name));
  for (const c of [...texts, ...numbers]) {
    const found = locateValue(ctx, r[c.name]);
    if (found) return found;
  }
  return null;
}

/** A currency code is printed as its code or its symbol ("€" for EUR): found by the engine's own reading. */
function locateCurrency(ctx: ExtractionContext, code: string): Citation | null {
  for (const page of ctx.pages) {
    const anywhere = ctx.doc.pages.find((p) => p.number === page.page)?.source !== 'ocr';
    for (const seg of page.segments.flat()) {
      if (findCurrency(seg.text, { anywhere }) === code.toUpperCase()) return cite(page.page, seg.line.words);
    }
  }
  return locateValue(ctx, code);
}

/** A list is as trustworthy as the share of its rows found in the document. */
export function listConfidence(rows: number, grounded: number): number {
  return rows ? round2(UNGROUNDED + (GROUNDED - UNGROUNDED) * (grounded / rows)) : 0;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
