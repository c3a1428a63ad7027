import { parseAmount } from '../normalize/amounts.js';
import { findDates } from '../normalize/dates.js';
import type { Word } from '../model/document.js';
import { type Citation, cite } from './candidate.js';
import type { ExtractionContext, FieldValue } from './context.js';
import { type Column, columnAt, detectColumns } from './statement-columns.js';
import { readRowDate } from './row-date.js';

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

function moneyWords(words: Word[]): { word: Word; value: number; suffix: string | null }[] {
  const out: { word: Word; value: number; suffix: string | null }[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!/\d/.test(w.text) || !/[.,]\d{2}$|^\d{1,3}(?:,\d{3})+$/.test(w.text.replace(/(CR|DR|-)$/i, ''))) continue;
    const next = words[i + 1]?.text;
    const suffix = next && /^(?:CR|DR|Cr|Dr|H|S|-)$/.test(next) ? next : null;
    const parsed = parseAmount(suffix ? `${w.text} ${suffix}` : w.text);
    if (parsed) out.push({ word: w, value: parsed.value, suffix });
  }
  return out;
}

const rowText = (row: { lines: { text: string }[] }) => row.lines.map((l) => l.text).join(' ');

/** Page headers and footers: rows printed identically on more than one page. */
function repeatedRows(ctx: ExtractionContext): Set<string> {
  const seen = new Map<string, Set<number>>();
  for (const page of ctx.pages) {
    for (const row of page.rows) {
      const t = rowText(row);
      if (!seen.has(t)) seen.set(t, new Set());
      seen.get(t)?.add(page.page);
    }
  }
  return new Set([...seen].filter(([t, pages]) => pages.size > 1 && !detectColumnsText(t)).map(([t]) => t));
}

/** Header rows repeat on every page by design; they must stay visible to the column detector. */
function detectColumnsText(t: string): boolean {
  return /\b(?:balance|saldo|solde|debit|credit)\b/i.test(t) && t.split(/\s+/).length <= 8;
}

/** The year statements omit from row dates ("01 Jan"): the one most printed in full in the document. */
function statementYear(ctx: ExtractionContext): number | null {
  const counts = new Map<number, number>();
  for (const d of findDates(ctx.allText, ctx.dateOrder)) {
    const y = Number(d.iso.slice(0, 4));
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * Reads statement rows into transactions. The header row fixes the columns, and they carry over
 * to following pages that do not repeat it. A row with a debit, credit or amount closes a
 * transaction; rows with text only continue its description (descriptions wrap, even across
 * pages); a row without a date keeps the previous row's date, as statements print a date once
 * per day. When opening and closing balances are printed, rows after the point where the
 * running sum reaches the closing balance are not counted (a repeated sample, a summary table),
 * and a warning says so.
 */
export function extractTransactions(ctx: ExtractionContext, balances: { opening: number | null; closing: number | null }): TransactionFields {
  const year = statementYear(ctx);
  const rows: { tx: Transaction; citation: Citation }[] = [];
  let columns: Column[] | null = null;
  let date: string | null = null;
  let pending: string[] = [];
  const boilerplate = repeatedRows(ctx);
  for (const page of ctx.pages) {
    for (const row of page.rows) {
      if (boilerplate.has(rowText(row))) continue;
      const header = detectColumns(row);
      if (header) {
        columns = header;
        pending = [];
        continue;
      }
      if (!columns) continue;
      const words = row.lines.flatMap((l) => l.words);
      const money = moneyWords(words);
      const moneySet = new Set(money.flatMap((m) => [m.word, ...(m.suffix ? words.filter((w) => w.text === m.suffix && w.bbox[0] > m.word.bbox[2]).slice(0, 1) : [])]));
      const text = words.filter((w) => !moneySet.has(w));
      const dateCol = columns.find((c) => c.kind === 'date');
      const dateWords = dateCol ? text.filter((w) => columnAt(columns!, w, false)?.kind === 'date') : [];
      const rowDate = dateWords.length ? readRowDate(dateWords.map((w) => w.text).join(' '), year, ctx.dateOrder) : null;
      if (rowDate) date = rowDate;
      const description = text.filter((w) => !dateWords.includes(w) || !rowDate).map((w) => w.text).join(' ');
      let amount: number | null = null;
      let balance: number | null = null;
      for (const m of money) {
        const kind = columnAt(columns, m.word, true)?.kind;
        if (kind === 'debit') amount = -Math.abs(m.value);
        else if (kind === 'credit') amount = Math.abs(m.value);
        else if (kind === 'amount') amount = m.value;
        else if (kind === 'balance') balance = m.value;
      }
      if (amount === null) {
        if (balance !== null && rows.length) rows[rows.length - 1].tx.balance = balance;
        else if (description) pending.push(description);
        continue;
      }
      const tx: Transaction = {
        date,
        description: [...pending, description].filter(Boolean).join(' '),
        amount: Math.round(amount * 100) / 100,
        type: amount < 0 ? 'debit' : 'credit',
        balance,
      };
      pending = [];
      rows.push({ tx, citation: cite(page.page, words) });
    }
  }
  let kept = rows;
  if (balances.opening !== null && balances.closing !== null) {
    let running = balances.opening;
    for (let i = 0; i < rows.length; i++) {
      running += rows[i].tx.amount;
      if (Math.abs(running - balances.closing) < 0.005 && i < rows.length - 1) {
        const rest = rows.slice(i + 1).reduce((s, r) => s + r.tx.amount, 0);
        if (Math.abs(rest) > 0.005) {
          kept = rows.slice(0, i + 1);
          ctx.warnings.push({
            code: 'ROWS_LEFT_OUT',
            message: `${kept.length} transaction rows were kept; ${rows.length - kept.length} rows printed after the running sum reached the closing balance were left out`,
          });
        }
        break;
      }
    }
  }
  const txs = kept.map((r) => r.tx);
  const credits = txs.filter((t) => t.amount > 0).reduce((s, t) => s + t.amount, 0);
  const debits = txs.filter((t) => t.amount < 0).reduce((s, t) => s - t.amount, 0);
  const found = txs.length > 0;
  const conf = found ? 0.8 : 0;
  return {
    transactions: { value: txs, confidence: conf, citations: kept.slice(0, 50).map((r) => r.citation), source: 'page' },
    total_credits: { value: found ? Math.round(credits * 100) / 100 : null, confidence: conf, citations: [], source: 'computed' },
    total_debits: { value: found ? Math.round(debits * 100) / 100 : null, confidence: conf, citations: [], source: 'computed' },
    transaction_count: { value: found ? txs.length : null, confidence: conf, citations: [], source: 'computed' },
  };
}
