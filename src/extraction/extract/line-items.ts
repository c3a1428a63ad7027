import { parseAmount } from '../normalize/amounts.js';
import type { ExtractionContext, FieldValue } from './context.js';
import type { Citation } from '../model/result.js';
import { type ColumnSpec, readTable, type TableRowRead } from './table-reader.js';

/** Line-item table headers in English, German, French, Spanish, Dutch and Italian (folded). */
const SPECS: ColumnSpec[] = [
  { key: 'description', header: /^(?:description|desc|item|items|article|artikel|artikelbeschreibung|bezeichnung|beschreibung|leistung|designation|libelle|descripcion|concepto|omschrijving|descrizione|product|produkt|particulars|code\/desc|item\s*description|nom\s*&\s*designation)$/ },
  { key: 'quantity', header: /^(?:qty|qty\.|quantity|menge|anzahl|qte|quantite|cantidad|cant\.?|aantal|quantita|qta|units?|hours|hrs|stk)$/, numeric: true },
  { key: 'unit_price', header: /^(?:unit\s*price|price|rate|u\.?\s*price|einzelpreis|e-?preis|preis|nettopreis|p\.?u\.?(?:\s*ht)?|prix\s*unitaire|precio(?:\s*unitario)?|prijs|stukprijs|prezzo(?:\s*unitario)?|unit\s*cost|rsp)$/, numeric: true },
  { key: 'amount', header: /^(?:amount|amt|total|line\s*total|betrag|gesamt|gesamtpreis|positionsbetrag|nettobetrag|montant|total\s*ht|importe|bedrag|importo|sum|totaal|totale)$/, numeric: true },
];

function num(text: string | undefined): number | null {
  if (!text) return null;
  const token = text.split(/\s+/).find((t) => /\d/.test(t));
  const parsed = token ? parseAmount(token) : null;
  return parsed ? Math.round(parsed.value * 10000) / 10000 : null;
}

/** The item table of a document, read once: an invoice's amount candidates and its line items both ask. */
const tables = new WeakMap<ExtractionContext, TableRowRead[]>();

/**
 * Line items (invoices) and items (receipts) from the item table: description, quantity, unit
 * price and amount by header, descriptions joined over wrapped lines. When a row has a quantity
 * and unit price but no amount column, the amount is their product.
 */
export function extractLineItems(ctx: ExtractionContext, kind: 'invoice' | 'receipt'): FieldValue {
  let rows = tables.get(ctx);
  if (!rows) tables.set(ctx, (rows = readTable(ctx, SPECS, { minColumns: 2, textKey: 'description' })));
  // Pushed in a loop, not mapped and filtered (see layout-index.ts indexDocument: a mapped array
  // changes kind once V8 optimizes the code making it).
  const value: Record<string, unknown>[] = [];
  const citations: Citation[] = [];
  for (const r of rows) {
    const quantity = num(r.cells.quantity);
    const unitPrice = num(r.cells.unit_price);
    let amount = num(r.cells.amount);
    if (amount === null && quantity !== null && unitPrice !== null) amount = Math.round(quantity * unitPrice * 100) / 100;
    // A row without an amount is a note or a wrapped attribute line, not an item.
    if (amount === null) continue;
    const item: Record<string, unknown> = { description: r.cells.description?.trim() || null, quantity, amount };
    if (kind === 'invoice') item.unit_price = unitPrice;
    value.push(item);
    citations.push(r.citation);
  }
  return { value, confidence: value.length ? 0.6 : 0, citations, source: 'page' };
}
