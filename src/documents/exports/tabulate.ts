import { isPlainObject } from '../review/review-values.js';

/** What an export shows of one document: its identity, outcome and current (reviewed or initial) data. */
export interface ExportedDocument {
  document_id: string;
  filename: string;
  status: string;
  document_type: string | null;
  error: { code: string; message: string; reason: string | null } | null;
  data: Record<string, unknown> | null;
}

export type Cell = string | number | boolean | null;

export interface Table {
  columns: string[];
  rows: Cell[][];
}

/** Columns every row starts with, so rows of several documents stay apart and failures are visible. */
export const DOCUMENT_COLUMNS = ['document_id', 'filename', 'status', 'document_type', 'error_code', 'error_message', 'error_reason'] as const;

/** A document's data split for tables: scalar fields by dotted name, and lists of objects as rows. */
interface SplitDocument {
  doc: ExportedDocument;
  scalars: Map<string, Cell>;
  lists: Map<string, Array<Map<string, Cell>>>;
}

/** The documents' data laid out once for every tabular format. */
export interface Tabulated {
  documents: SplitDocument[];
  /** Scalar columns in first-seen order across documents (`statement_period.from`). */
  scalarColumns: string[];
  /** List name → its entries' columns in first-seen order (`description`, `tax.rate`). */
  listColumns: Map<string, string[]>;
}

/**
 * A field is a list of rows when it is an array holding an object in any document, so one
 * document's empty `line_items` does not turn the field into a text column for the others.
 */
export function tabulate(docs: ExportedDocument[]): Tabulated {
  const rowLists = new Set<string>();
  for (const doc of docs) {
    for (const [key, value] of Object.entries(doc.data ?? {})) {
      if (Array.isArray(value) && value.some(isPlainObject)) rowLists.add(key);
    }
  }
  const scalarColumns = new Set<string>();
  const listColumns = new Map<string, Set<string>>();
  const documents = docs.map((doc): SplitDocument => {
    const scalars = new Map<string, Cell>();
    const lists = new Map<string, Array<Map<string, Cell>>>();
    for (const [key, value] of Object.entries(doc.data ?? {})) {
      if (!rowLists.has(key)) {
        flatten(value, key, scalars);
        continue;
      }
      const columns = listColumns.get(key) ?? new Set<string>();
      listColumns.set(key, columns);
      const entries = (Array.isArray(value) ? value : []).map((item) => {
        const cells = new Map<string, Cell>();
        if (isPlainObject(item)) for (const [k, v] of Object.entries(item)) flatten(v, k, cells);
        else flatten(item, 'value', cells);
        for (const c of cells.keys()) columns.add(c);
        return cells;
      });
      lists.set(key, entries);
    }
    for (const c of scalars.keys()) scalarColumns.add(c);
    return { doc, scalars, lists };
  });
  return {
    documents,
    scalarColumns: [...scalarColumns],
    listColumns: new Map([...listColumns].map(([k, v]) => [k, [...v]])),
  };
}

/** Nested objects become dotted columns; a list of plain values one cell joined by "; "; deeper lists JSON. */
function flatten(value: unknown, name: string, out: Map<string, Cell>): void {
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) out.set(name, null);
    for (const [k, v] of entries) flatten(v, `${name}.${k}`, out);
  } else if (Array.isArray(value)) {
    out.set(name, value.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v ?? ''))).join('; '));
  } else if (value === undefined) {
    out.set(name, null);
  } else {
    out.set(name, value as Cell);
  }
}

function documentCells(doc: ExportedDocument): Cell[] {
  return [doc.document_id, doc.filename, doc.status, doc.document_type, doc.error?.code ?? null, doc.error?.message ?? null, doc.error?.reason ?? null];
}

/**
 * One table for formats with a single sheet (CSV): one row per list entry with the document's
 * columns and scalar fields repeated on it, list columns named `<list>.<field>`; a document without
 * list entries (or one that failed) still gets one row.
 */
export function flatTable(t: Tabulated): Table {
  const listPart = [...t.listColumns].flatMap(([list, cols]) => cols.map((c) => ({ list, column: c })));
  const columns = [...DOCUMENT_COLUMNS, ...t.scalarColumns, ...listPart.map((p) => `${p.list}.${p.column}`)];
  const rows: Cell[][] = [];
  for (const d of t.documents) {
    const head = [...documentCells(d.doc), ...t.scalarColumns.map((c) => d.scalars.get(c) ?? null)];
    let emitted = false;
    for (const [list, entries] of d.lists) {
      for (const entry of entries) {
        rows.push([...head, ...listPart.map((p) => (p.list === list ? (entry.get(p.column) ?? null) : null))]);
        emitted = true;
      }
    }
    if (!emitted) rows.push([...head, ...listPart.map(() => null)]);
  }
  return { columns, rows };
}

/** One row per document with its scalar fields (the xlsx summary sheet). */
export function summaryTable(t: Tabulated): Table {
  return {
    columns: [...DOCUMENT_COLUMNS, ...t.scalarColumns],
    rows: t.documents.map((d) => [...documentCells(d.doc), ...t.scalarColumns.map((c) => d.scalars.get(c) ?? null)]),
  };
}

/** One row per entry of one list across documents, each led by its document's id and file name (an xlsx list sheet). */
export function listTable(t: Tabulated, list: string): Table {
  const cols = t.listColumns.get(list) ?? [];
  const rows: Cell[][] = [];
  for (const d of t.documents) {
    for (const entry of d.lists.get(list) ?? []) rows.push([d.doc.document_id, d.doc.filename, ...cols.map((c) => entry.get(c) ?? null)]);
  }
  return { columns: ['document_id', 'filename', ...cols], rows };
}
