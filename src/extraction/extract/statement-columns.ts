import type { Row } from '../layout/lines.js';
import type { Word } from '../model/document.js';
import { fold } from './text-fold.js';

export type ColumnKind = 'date' | 'value_date' | 'description' | 'debit' | 'credit' | 'amount' | 'balance';

export interface Column {
  kind: ColumnKind;
  x0: number;
  x1: number;
}

/**
 * Column titles of statement tables in English, German, French, Spanish, Dutch and Italian, on
 * folded text. A title may be several words ("Paid out", "Libellé des opérations", "Betrag (EUR)"):
 * each pattern is tried on runs of one to four neighbouring words, longest first, so "Value date"
 * is one title and not "value" + "date".
 */
const HEADERS: [ColumnKind, RegExp][] = [
  ['value_date', /^(?:value\s*date|valuta|valutadatum|wert(?:stellung)?|date\s*(?:de\s*)?valeur|valeur|fecha\s*valor|valor|rentedatum|data\s*valuta|post(?:ing|ed)?\s*date|date\s*posted|buchungstag)$/],
  ['date', /^(?:date|dates|datum|fecha|data|dat|trans(?:action)?\.?\s*date|date\s*(?:de\s*)?(?:l'?)?operation|date\s*operation|booking(?:\s*date)?|buchung(?:sdatum)?|tag|fecha\s*(?:de\s*)?(?:la\s*)?operacion|boekdatum|transactiedatum|data\s*(?:operazione|contabile))$/],
  ['debit', /^(?:debits?|debit\s*amount|withdrawals?|paid\s*out|money\s*out|out|charges?|soll|belastung(?:en)?|lastschrift(?:en)?|ausgang|debit\s*\(?[a-z$£€]*\)?|cargos?|debe|af|uitgaven|uscite|addebiti|dare)$/],
  ['credit', /^(?:credits?|credit\s*amount|deposits?|paid\s*in|money\s*in|in|receipts|haben|gutschrift(?:en)?|eingang|credit\s*\(?[a-z$£€]*\)?|abonos?|haber|ingresos|bij|inkomsten|entrate|accrediti|avere)$/],
  ['amount', /^(?:amount|amounts|amt|betrag|umsatz|montant|importe|bedrag|importo|movimento|transaction\s*amount)(?:\s*(?:\(?\s*(?:[a-z]{3}|[$£€])\s*\)?|in\s*[a-z]{3}))?$/],
  ['balance', /^(?:balance|running\s*balance|saldo|solde|kontostand|saldo\s*(?:en|in)?\s*[a-z]{0,3}|balance\s*\(?[a-z$£€]{0,3}\)?)$/],
  ['description', /^(?:description|descriptions|details|detail|particulars|transaction(?:\s*details?)?|narrative|memo|payee|reference|payment\s*type\s*and\s*details|transaction\s*description|buchungstext|verwendungszweck|vorgang(?:\/buchungsinformation)?|beschreibung|erlauterung|text|libelle(?:\s*des\s*operations)?|nature\s*des\s*operations|operations?|designation|concepto|descripcion|movimiento|omschrijving|mededelingen|descrizione(?:\s*operazione)?|causale|operazione|dettagli)$/],
];

const MONEY: ReadonlySet<ColumnKind> = new Set(['debit', 'credit', 'amount', 'balance']);

const norm = (s: string) => fold(s).replace(/[^a-z$£€/'()\s]/g, ' ').replace(/\s+/g, ' ').trim();

function kindOf(text: string): ColumnKind | null {
  const f = norm(text);
  if (!f) return null;
  return HEADERS.find(([, re]) => re.test(f))?.[0] ?? null;
}

/**
 * Recognises a statement table's header row: at least three titles, one of them a money column,
 * every word of the row part of a title (a sentence that happens to say "date" and "amount" is
 * not a header). Columns extend to the midpoint between neighbouring titles, so values that are
 * right-aligned under a short title still fall inside their column.
 */
/** A header names a money column: most rows name none, and one test tells so before the titles are matched. */
const MONEY_WORD = /debit|credit|amount|amt|betrag|umsatz|montant|importe|bedrag|importo|movimento|balance|saldo|solde|kontostand|withdraw|deposit|paid|money|charges|receipts|soll|haben|belastung|lastschrift|gutschrift|ausgang|eingang|cargo|abono|debe|haber|ingresos|(?<![a-z])(?:af|bij|in|out)(?![a-z])|uitgaven|inkomsten|uscite|entrate|addebiti|accrediti|dare|avere/;

export function detectColumns(row: Row): Column[] | null {
  const words: Word[] = row.lines.flatMap((l) => l.words);
  if (words.length > 16 || words.length < 3 || !MONEY_WORD.test(fold(words.map((w) => w.text).join(' ')))) return null;
  const found: { kind: ColumnKind; x0: number; x1: number }[] = [];
  let covered = 0;
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(4, words.length - i); n >= 1; n--) {
      const run = words.slice(i, i + n);
      // A title never spans a column gutter.
      if (run.some((w, k) => k > 0 && w.bbox[0] - run[k - 1].bbox[2] > 2.5 * (w.bbox[3] - w.bbox[1]))) continue;
      let kind = kindOf(run.map((w) => w.text).join(' '));
      if (!kind) continue;
      // A second date column is the value (or posting) date.
      if (kind === 'date' && found.some((f) => f.kind === 'date')) kind = 'value_date';
      if (kind === 'value_date' && !found.some((f) => f.kind === 'date') && i === 0) kind = 'date';
      if (found.some((f) => f.kind === kind)) continue;
      found.push({ kind, x0: run[0].bbox[0], x1: run[n - 1].bbox[2] });
      matched = n;
      break;
    }
    if (matched) {
      covered += matched;
      i += matched;
    } else i++;
  }
  if (found.length < 3 || covered < words.length - 1 || !found.some((f) => MONEY.has(f.kind) && f.kind !== 'balance')) return null;
  if (!found.some((f) => f.kind === 'date')) return null;
  found.sort((a, b) => a.x0 - b.x0);
  return found.map((f, i) => ({
    kind: f.kind,
    x0: i === 0 ? -Infinity : (found[i - 1].x1 + f.x0) / 2,
    x1: i === found.length - 1 ? Infinity : (f.x1 + found[i + 1].x0) / 2,
  }));
}

export const isMoneyColumn = (c: Column | null | undefined): boolean => Boolean(c && MONEY.has(c.kind));

/** The column a word falls in; money is right-aligned, so its right edge decides. */
export function columnAt(columns: readonly Column[], x0: number, x1: number, isMoney: boolean): Column | null {
  const x = isMoney ? x1 - 1 : (x0 + x1) / 2;
  return columns.find((c) => x >= c.x0 && x < c.x1) ?? null;
}
