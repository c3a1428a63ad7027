import { findEmails, findPhones } from '../normalize/identifiers.js';
import { pickBest } from './candidate.js';
import { type ExtractionContext, type FieldValue, fromCandidate, NOT_FOUND } from './context.js';
import { labelsFor } from './field-labels.js';
import { customCandidates } from './custom-candidates.js';
import { fieldIntent } from './field-concepts.js';
import { type FieldSpec, normalizeFieldSpecs } from './field-schema.js';
import type { Concept, ValueKind } from './concepts.js';
import { extraLabelHits, labelHits } from './key-value-pairs.js';
import { partySections } from './party-sections.js';
import { findLabelledValues, type ValueParser } from './key-value.js';
import { type BuiltInType, extractBuiltIn } from './run-extraction.js';
import { fold } from './text-fold.js';
import { readTable } from './table-reader.js';
import { readTransactionList } from './transaction-list.js';
import { amountParser, dateParser, ibanParser, identifierParser, taxIdParser, textParser } from './value-parsers.js';

/**
 * Names users give to the built-in fields ("po_number", "vat_number", "supplier"), folded to
 * underscores: such a field takes the built-in model's value, which uses layout rules richer than
 * a label search.
 */
const ALIASES: Record<string, string> = {
  invoice_no: 'invoice_number', invoice_id: 'invoice_number', invoice_num: 'invoice_number', bill_number: 'invoice_number',
  date_of_invoice: 'invoice_date', issue_date: 'invoice_date', payment_due_date: 'due_date', due: 'due_date',
  vendor: 'vendor_name', supplier: 'vendor_name', supplier_name: 'vendor_name', seller: 'vendor_name', seller_name: 'vendor_name',
  customer: 'customer_name', buyer: 'customer_name', buyer_name: 'customer_name', client: 'customer_name', client_name: 'customer_name',
  po_number: 'purchase_order', po: 'purchase_order', purchase_order_number: 'purchase_order', order_number: 'purchase_order',
  vat_number: 'vendor_tax_id', vat_id: 'vendor_tax_id', tax_id: 'vendor_tax_id', vat_no: 'vendor_tax_id', tax_number: 'vendor_tax_id',
  total: 'total_amount', grand_total: 'total_amount', amount_total: 'total_amount', invoice_total: 'total_amount', total_price: 'total_amount',
  net_amount: 'subtotal', net_total: 'subtotal', sub_total: 'subtotal', vat_amount: 'tax_amount', tax: 'tax_amount', vat: 'tax_amount',
  merchant: 'merchant_name', store_name: 'merchant_name', shop_name: 'merchant_name', store: 'merchant_name',
  items: 'line_items', products: 'line_items', positions: 'line_items', lines: 'line_items',
};

const key = (name: string) => fold(name.replace(/([a-z])([A-Z])/g, '$1_$2')).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/** The parser a field's type and name call for (a String named "iban" reads IBANs). */
function parserFor(spec: FieldSpec, ctx: ExtractionContext): ValueParser {
  if (spec.kind === 'number') return amountParser();
  if (spec.kind === 'date') return dateParser(ctx.dateOrder);
  if (spec.kind === 'boolean') {
    return (text) => {
      const m = /^\W*(yes|no|true|false|ja|nein|oui|non|si|sí|nee|x|☑|☒|✓|✔)\b/i.exec(text);
      if (!m) return null;
      return { value: /^(yes|true|ja|oui|si|sí|x|☑|☒|✓|✔)$/i.test(m[1]), start: m.index, end: m.index + m[0].length, fit: 1 };
    };
  }
  const k = key(spec.name);
  if (/iban/.test(k)) return ibanParser();
  if (/e_?mail/.test(k)) return (t) => { const e = findEmails(t)[0]; return e ? { value: e, start: t.indexOf(e), end: t.indexOf(e) + e.length, fit: 1 } : null; };
  if (/phone|tel|fax|mobile/.test(k)) return (t) => { const p = findPhones(t)[0]; return p ? { value: p.value, start: p.index, end: p.index + p.value.length, fit: 1 } : null; };
  if (/vat|tax_id|ust|tva/.test(k)) return taxIdParser();
  if (/(?:^|_)(?:number|no|nr|id|ref|reference|code)(?:_|$)/.test(k)) return identifierParser();
  if (/date/.test(k)) return dateParser(ctx.dateOrder);
  if (/amount|total|price|cost|fee|sum/.test(k)) return amountParser();
  return textParser(120);
}

function extractList(ctx: ExtractionContext, spec: FieldSpec): FieldValue {
  const specs = spec.children.map((c) => {
    const labels = labelsFor(c.name, c.description);
    const sources = labels.map((l) => l.re.source.replace(/^\(\?<!\[a-z\]\)|\(\?!\[a-z\]\)$/g, ''));
    return { key: c.name, header: new RegExp(`^(?:${sources.join('|')})$`), numeric: c.kind === 'number' };
  });
  const text = spec.children.find((c) => c.kind === 'string')?.name ?? spec.children[0]?.name ?? 'description';
  const rows = readTable(ctx, specs, { minColumns: Math.min(2, specs.length), textKey: text });
  const value = rows.map((r) =>
    Object.fromEntries(
      spec.children.map((c) => {
        const cell = r.cells[c.name]?.trim() ?? null;
        if (cell === null) return [c.name, null];
        const parsed = c.kind === 'string' ? null : parserFor(c, ctx)(cell);
        return [c.name, c.kind === 'string' ? cell : (parsed?.value ?? null)];
      }),
    ),
  );
  return { value, confidence: value.length ? 0.55 : 0, citations: rows.map((r) => r.citation), source: 'page' };
}

function extractOne(ctx: ExtractionContext, spec: FieldSpec, builtIns: Record<string, FieldValue>, type: string): FieldValue {
  const k = key(spec.name);
  const builtIn = builtIns[k] ?? builtIns[ALIASES[k] ?? ''];
  // A list of statement rows under the user's own names comes from the statement reader.
  const rows = spec.kind === 'list_object' ? readTransactionList(ctx, spec, { type, builtIn: builtIns.transactions }) : null;
  if (rows) return rows;
  // A list (the line items) is no answer for a scalar field ("positions" as a Number asks for their count).
  const fits = !Array.isArray(builtIn?.value) || spec.kind === 'list_object' || spec.kind === 'list_string';
  if (builtIn && builtIn.value !== null && spec.kind !== 'object' && fits) return builtIn;
  if (spec.kind === 'object') {
    const children = Object.fromEntries(spec.children.map((c) => [c.name, extractOne(ctx, c, builtIns, type)]));
    const found = Object.values(children).filter((c) => c.value !== null);
    if (!found.length) return { ...NOT_FOUND, value: null };
    return {
      value: Object.fromEntries(Object.entries(children).map(([n, v]) => [n, v.value])),
      confidence: found.reduce((s, c) => s + c.confidence, 0) / spec.children.length,
      citations: found.flatMap((c) => c.citations),
      source: 'page',
    };
  }
  if (spec.kind === 'list_object') return extractList(ctx, spec);
  if (spec.kind !== 'list_string') {
    const byConcept = byConcepts(ctx, spec, builtIns);
    if (byConcept) return byConcept;
  }
  const cands = findLabelledValues(ctx.pages, { field: spec.name, labels: labelsFor(spec.name, spec.description), parse: parserFor(spec, ctx) });
  if (spec.kind === 'list_string') {
    const values = [...new Set(cands.map((c) => String(c.value)))];
    return { value: values, confidence: values.length ? 0.6 : 0, citations: cands.flatMap((c) => c.citations), source: 'page' };
  }
  // A field found only through a generated label is less certain than a built-in one.
  const best = pickBest(cands);
  return fromCandidate(best ? { ...best, score: best.score * 0.85 } : null);
}

/** What a field known only by a quoted label holds, by its type. */
const QUOTED_KIND: Partial<Record<FieldSpec['kind'], ValueKind>> = { string: 'text', number: 'amount', date: 'date' };

/** A value in the type the field declares: numbers for Number, text for String. */
function asFieldType(spec: FieldSpec, value: unknown): unknown {
  if (spec.kind === 'number') return typeof value === 'number' ? value : Number.isFinite(Number(value)) ? Number(value) : null;
  if (spec.kind === 'string' && typeof value !== 'string') return value === null || value === undefined ? null : String(value);
  return value;
}

/**
 * A field read by the concepts its name and description name: candidates from the page's
 * key-value pairs, built-in fields, passages and aggregates, ranked by custom-scoring.ts.
 */
function byConcepts(ctx: ExtractionContext, spec: FieldSpec, builtIns: Record<string, FieldValue>): FieldValue | null {
  const intent = fieldIntent(spec);
  const sections = partySections(ctx.pages, ctx.doc, builtIns);
  let hits = labelHits(ctx, sections);
  // A label the description quotes is one more printed label of what the field asks for.
  const kind = QUOTED_KIND[spec.kind];
  if (intent.quoted.length && kind) {
    const base: Concept = intent.concepts[0] ?? { id: `quoted:${spec.name}`, kind, labels: [] };
    const own: Concept = { ...base, labels: intent.quoted };
    hits = [...hits, ...extraLabelHits(ctx, sections, own)];
    if (!intent.concepts.length) intent.concepts = [own];
  }
  if (!intent.concepts.length) return null;
  const cands = customCandidates({ ctx, intent, hits, sections, builtIns });
  // Agreement between candidates is one of their features (repeats), so the best score decides alone.
  const best = cands.filter((c) => asFieldType(spec, c.value) !== null).sort((a, b) => b.score - a.score)[0];
  if (!best) return null;
  return { value: asFieldType(spec, best.value), confidence: Math.round(best.score * 100) / 100, citations: best.citations, source: 'page' };
}

/**
 * Extracts the fields of a template or of custom fields. Built-in models run first when the
 * document is of a built-in type, so a custom field that names a built-in one gets its value.
 */
export function extractCustomFields(ctx: ExtractionContext, spec: unknown, type: string, existing?: Record<string, FieldValue>): Record<string, FieldValue> {
  const specs = normalizeFieldSpecs(spec);
  if (!specs.length) return {};
  const builtIns = existing ?? (['invoice', 'receipt', 'bank_statement'].includes(type) ? extractBuiltIn(type as BuiltInType, ctx) : {});
  return Object.fromEntries(specs.map((s) => [s.name, extractOne(ctx, s, builtIns, type)]));
}
