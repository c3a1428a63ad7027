import { findDates } from '../normalize/dates.js';
import { fold } from './text-fold.js';
import { cite } from './candidate.js';
import type { Citation } from '../model/result.js';
import type { ExtractionContext, FieldValue } from './context.js';
import { resolveRowDate, rowDateOrder, type YearContext } from './statement-dates.js';
import { type Checkpoint, type Move, nameColumns, reconcile } from './statement-reconcile.js';
import { type Entry, readStatementRows } from './statement-rows.js';
import type { MoneyToken } from './statement-tokens.js';

export interface Transaction {
  date: string | null;
  description: string;
  amount: number;
  type: 'credit' | 'debit';
  balance: number | null;
}

export interface TransactionFields {
  transactions: FieldValue;
  total_credits: FieldValue;
  total_debits: FieldValue;
  transaction_count: FieldValue;
}

export interface StatementReading extends TransactionFields {
  /** The opening and closing balance the table itself shows (a balance row, or its running balances). */
  opening: number | null;
  closing: number | null;
  /** Every row agrees with the printed balances (and there was at least one to check against). */
  reconciled: boolean;
  /** Totals a totals row of the table prints under its debit and credit columns. */
  printedTotals: { credits: number | null; debits: number | null };
}

/** Words of a card statement (folded): its balance is what the holder owes, and purchases raise it. */
const CARD = /\b(?:credit\s*card|card\s*(?:number|no\.?|account)|card\s*ending|minimum\s*(?:payment|amount\s*due)|credit\s*limit|kreditkarte|kartennummer|carte\s*de\s*credit|numero\s*de\s*carte|tarjeta\s*de\s*credito|numero\s*de\s*tarjeta|creditcard|kaartnummer|carta\s*di\s*credito|numero\s*carta)\b/i;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The year statements leave out of row dates: the one printed in full most often in the document. */
function commonYear(ctx: ExtractionContext): number | null {
  const counts = new Map<number, number>();
  for (const d of findDates(ctx.allText, ctx.dateOrder)) counts.set(Number(d.iso.slice(0, 4)), (counts.get(Number(d.iso.slice(0, 4))) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** ISO dates for the entries; an undated row takes the date of the row above (a date printed once a day). */
function datesOf(ctx: ExtractionContext, entries: Entry[], period: { from: string; to: string } | null): (string | null)[] {
  const order = rowDateOrder(entries.flatMap((e) => (e.date ? [e.date] : [])), period, ctx.dateOrder);
  const yc: YearContext = { order, period, year: period ? null : commonYear(ctx) };
  let last: string | null = null;
  return entries.map((e) => {
    let iso = e.date ? resolveRowDate(e.date, yc) : null;
    // Without a period, a date months before the previous one has crossed into the next year.
    if (iso && !period && last && e.date?.kind !== 'iso' && (e.date?.year ?? null) === null && Date.parse(iso) < Date.parse(last) - 150 * 86400000) {
      yc.year = (yc.year ?? Number(iso.slice(0, 4))) + 1;
      iso = resolveRowDate(e.date as NonNullable<Entry['date']>, yc);
    }
    if (iso) last = iso;
    return iso ?? (e.kind === 'tx' ? last : null);
  });
}

/** A balance row's printed value: its balance column, else its one amount (a debit column lowers it). */
function printedBalance(e: Entry, kinds: string[]): MoneyToken | null {
  const bal = e.money.find((m) => kinds[m.column] === 'balance') ?? e.money[e.money.length - 1];
  if (!bal) return null;
  return kinds[bal.column] === 'debit' ? { ...bal.token, sign: -1 } : bal.token;
}

/**
 * Reads the transaction table of a statement (statement-rows.ts), settles each row's direction and
 * checks the running balance (statement-reconcile.ts). Rows printed after the point where the
 * balance reaches the closing balance are left out when the whole list would not reconcile (a
 * repeated sample, a second copy), with a warning; rows a printed balance disagrees with are
 * named in a warning.
 */
export function extractTransactions(
  ctx: ExtractionContext,
  opts: { opening: number | null; closing: number | null; period: { from: string; to: string } | null },
): StatementReading {
  const { entries, columns } = readStatementRows(ctx);
  const txEntries = entries.filter((e) => e.kind === 'tx');
  nameColumns(columns, txEntries.map((e) => e.money));
  const kinds = columns.map((c) => c.kind);
  const dates = datesOf(ctx, entries, opts.period);
  const moves: Move[] = [];
  const rows: { date: string | null; description: string; citation: Citation }[] = [];
  const checkpoints: Checkpoint[] = [];
  let openingRow: MoneyToken | null = null;
  let closingRow: { token: MoneyToken; at: number } | null = null;
  const printedTotals: { credits: number | null; debits: number | null } = { credits: null, debits: null };
  // An OCR amount that lost its decimal mark counts only when the balances around it step by it.
  let lastBalance: MoneyToken | null = null;
  const confirmsBalance = (m: MoneyToken, balance: MoneyToken | null) =>
    balance !== null && lastBalance !== null && !balance.weak && Math.abs(Math.abs(balance.value * (balance.sign || 1) - lastBalance.value * (lastBalance.sign || 1)) - m.value) < 0.005;
  const readEntry = (e: Entry, i: number) => {
    if (e.kind === 'tx') {
      const balance = e.money.filter((m) => kinds[m.column] === 'balance' && !m.token.weak).pop()?.token ?? null;
      const amounts = e.money.filter((m) => kinds[m.column] !== 'balance' && kinds[m.column] !== 'unknown' && (!m.token.weak || confirmsBalance(m.token, balance)));
      if (!amounts.length) {
        // A balance alone on its row closes the day above it.
        if (balance && moves.length) checkpoints.push({ at: moves.length, value: balance });
        return;
      }
      const main = amounts.find((m) => m.token.value !== 0) ?? amounts[0];
      const kind = kinds[main.column];
      moves.push({
        value: main.token.value,
        kind: kind === 'debit' || kind === 'credit' ? kind : main.token.marker,
        sign: kind === 'amount' ? main.token.sign : 0,
        balance,
      });
      rows.push({ date: dates[i], description: e.description.join(' ').replace(/\s+/g, ' ').trim(), citation: cite(e.page, e.words) });
      return;
    }
    if (e.kind === 'total') {
      for (const m of e.money) if (kinds[m.column] === 'debit' || kinds[m.column] === 'credit') printedTotals[kinds[m.column] === 'debit' ? 'debits' : 'credits'] = m.token.value;
      return;
    }
    const value = printedBalance(e, kinds);
    if (!value) return;
    if (e.kind === 'opening' && moves.length === 0) openingRow = value;
    else if (e.kind === 'closing') closingRow = { token: value, at: moves.length };
    else checkpoints.push({ at: moves.length, value });
  };
  entries.forEach((e, i) => {
    readEntry(e, i);
    const printed = e.money.filter((m) => kinds[m.column] === 'balance' && !m.token.weak).pop()?.token;
    if (printed) lastBalance = printed;
  });
  // A closing row followed by more transactions carried a page's balance over.
  let closingToken: MoneyToken | null = null;
  const cr = closingRow as { token: MoneyToken; at: number } | null;
  if (cr && cr.at === moves.length) closingToken = cr.token;
  else if (cr) checkpoints.push({ at: cr.at, value: cr.token });
  const opening = openingRow ?? opts.opening;
  const closing = closingToken ?? opts.closing;
  const explicitNegative = moves.filter((m) => m.sign < 0).length;
  const openingNegative = typeof opening === 'number' ? opening < 0 : opening !== null && (opening as MoneyToken).sign < 0;
  const cardLike = CARD.test(fold(ctx.allText)) && !openingNegative && explicitNegative <= moves.length / 2;
  let r = reconcile({ moves, checkpoints, opening, closing, cardLike });
  let kept = moves.length;
  const total = r.deltas.reduce((s, d) => s + d, 0);
  if (r.opening !== null && r.closing !== null && Math.abs(round2(r.opening + total) - r.closing) > 0.005) {
    let running = r.opening;
    for (let i = 0; i < moves.length - 1; i++) {
      running = round2(running + r.deltas[i]);
      if (Math.abs(running - r.closing) < 0.005) {
        kept = i + 1;
        break;
      }
    }
  }
  if (kept < moves.length) {
    ctx.warnings.push({
      code: 'ROWS_LEFT_OUT',
      message: `${kept} transaction rows were kept; ${moves.length - kept} rows printed after the running balance reached the closing balance were left out`,
    });
    r = reconcile({ moves: moves.slice(0, kept), checkpoints: checkpoints.filter((c) => c.at <= kept), opening, closing, cardLike });
  }
  const txs: Transaction[] = rows.slice(0, kept).map((row, i) => {
    const value = moves[i].value;
    return { date: row.date, description: row.description, amount: r.types[i] === 'credit' ? value : value === 0 ? 0 : -value, type: r.types[i], balance: r.balances[i] };
  });
  const credits = round2(txs.filter((t) => t.type === 'credit').reduce((s, t) => s + Math.abs(t.amount), 0));
  const debits = round2(txs.filter((t) => t.type === 'debit').reduce((s, t) => s + Math.abs(t.amount), 0));
  const found = txs.length > 0;
  // Rows that reconcile with printed balances are as sure as the page gets; unchecked rows less so.
  const conf = !found ? 0 : r.unreconciled.length ? 0.6 : r.closing !== null && r.opening !== null ? 0.9 : 0.75;
  return {
    transactions: { value: txs, confidence: conf, citations: rows.slice(0, kept).map((row) => row.citation), source: 'page' },
    total_credits: { value: found ? credits : null, confidence: conf, citations: [], source: 'computed' },
    total_debits: { value: found ? debits : null, confidence: conf, citations: [], source: 'computed' },
    transaction_count: { value: found ? txs.length : null, confidence: conf, citations: [], source: 'computed' },
    opening: r.opening,
    closing: r.closing,
    reconciled: found && !r.unreconciled.length && r.opening !== null && r.closing !== null,
    printedTotals,
  };
}
