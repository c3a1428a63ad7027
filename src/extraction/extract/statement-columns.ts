import type { Row } from '../layout/lines.js';
import type { Word } from '../model/document.js';
import { fold } from './text-fold.js';

export type ColumnKind = 'date' | 'description' | 'debit' | 'credit' | 'amount' | 'balance';

export interface Column {
  kind: ColumnKind;
  x0: number;
  x1: number;
}

/** Column headers of statement tables in the six languages (folded). */
const HEADERS: [ColumnKind, RegExp][] = [
  ['date', /^(?:date|datum|fecha|data|booking|buchungstag|valuta|value|wert|transaction\s*date|posted)$/],
  ['description', /^(?:description|details|particulars|transaction|narrative|buchungstext|verwendungszweck|text|libelle|operation|concepto|omschrijving|descrizione|causale|reference)$/],
  ['debit', /^(?:debit|debits|withdrawals?|paid\s*out|money\s*out|soll|belastung|lastschrift|cargo|cargos|debe|af|uscite|addebiti|dare)$/],
  ['credit', /^(?:credit|credits|deposits?|paid\s*in|money\s*in|haben|gutschrift|abono|abonos|haber|bij|entrate|accrediti|avere)$/],
  ['amount', /^(?:amount|betrag|montant|importe|bedrag|importo|umsatz)$/],
  ['balance', /^(?:balance|saldo|solde|kontostand|running\s*balance)$/],
];

function kindOf(word: string): ColumnKind | null {
  const f = fold(word).replace(/[^a-z\s]/g, '').trim();
  return HEADERS.find(([, re]) => re.test(f))?.[0] ?? null;
}

/**
 * Recognises a statement table's header row: at least three known column names, one of them a
 * money column. Columns extend to the midpoint between neighbouring headers, so values that are
 * right-aligned under a short header still fall inside their column.
 */
export function detectColumns(row: Row): Column[] | null {
  const words: Word[] = row.lines.flatMap((l) => l.words);
  const found: { kind: ColumnKind; x0: number; x1: number }[] = [];
  for (const w of words) {
    const kind = kindOf(w.text);
    if (kind && !found.some((f) => f.kind === kind)) found.push({ kind, x0: w.bbox[0], x1: w.bbox[2] });
  }
  const money = found.filter((f) => f.kind === 'debit' || f.kind === 'credit' || f.kind === 'amount');
  if (found.length < 3 || !money.length) return null;
  found.sort((a, b) => a.x0 - b.x0);
  return found.map((f, i) => ({
    kind: f.kind,
    x0: i === 0 ? -Infinity : (found[i - 1].x1 + f.x0) / 2,
    x1: i === found.length - 1 ? Infinity : (f.x1 + found[i + 1].x0) / 2,
  }));
}

/** The column a word falls in; money is right-aligned, so its right edge decides. */
export function columnAt(columns: Column[], word: Word, isMoney: boolean): Column | null {
  const x = isMoney ? word.bbox[2] - 1 : (word.bbox[0] + word.bbox[2]) / 2;
  return columns.find((c) => x >= c.x0 && x < c.x1) ?? null;
}
