import type { Word } from '../model/document.js';
import type { ExtractionContext } from './context.js';
import { type Column, columnAt, detectColumns, isMoneyColumn } from './statement-columns.js';
import type { RowDate } from './statement-dates.js';
import { type BalanceLabel, balanceLabel } from './statement-labels.js';
import { type MoneyToken, type RowTokens, tokenizeRow } from './statement-tokens.js';
import { fold } from './text-fold.js';

export type MoneyKind = 'debit' | 'credit' | 'amount' | 'balance' | 'unknown';

/** A column of amounts: named by a header, or found by where dated rows align their amounts. */
export interface MoneyColumn {
  kind: MoneyKind;
  /** The right edge amounts are aligned to (headerless tables). */
  x: number;
}

export interface Entry {
  kind: 'tx' | BalanceLabel;
  page: number;
  date: RowDate | null;
  description: string[];
  money: { token: MoneyToken; column: number }[];
  words: Word[];
}

interface PlacedRow {
  page: number;
  /** Above the page's first amount or below its last, where running headers and footers stand. */
  margin: boolean;
  tokens: RowTokens;
  header: Column[] | null;
  folded: string;
}

const HEADER_KINDS: MoneyKind[] = ['debit', 'credit', 'amount', 'balance'];
const lineHeight = (r: RowTokens) => Math.max(4, r.bbox[3] - r.bbox[1]);

/**
 * Text rows printed alike above or below the amounts of more than one page: running headers and
 * footers (a description line that recurs between amounts is still part of the table). Page numbers differ
 * from page to page, so a row that names a page is compared without its digits; other rows must
 * match exactly ("Transaction 28" and "Transaction 32" are two rows of the table).
 */
const PAGE_WORD = /(?<![a-z])(?:page|seite|pagina|pag|blad|feuille|folio|hoja)(?![a-z])/;
const furnitureKey = (r: PlacedRow) => {
  const all = fold(r.tokens.words.map((w) => w.text).join(' '));
  return PAGE_WORD.test(all) ? all.replace(/\d+/g, '#') : all;
};

function repeatedText(rows: PlacedRow[]): Set<string> {
  const pagesOf = new Map<string, Set<number>>();
  for (const r of rows) {
    if (r.tokens.money.length || r.header || !r.margin) continue;
    const key = furnitureKey(r);
    if (!pagesOf.has(key)) pagesOf.set(key, new Set());
    pagesOf.get(key)?.add(r.page);
  }
  return new Set([...pagesOf].filter(([, pages]) => pages.size > 1).map(([k]) => k));
}

/**
 * Amount columns of a table without a header: the right edges of the amounts on dated rows,
 * grouped where they line up. A group needs a fifth of the dated rows (two at least), so a stray
 * number in a description does not make a column.
 */
function alignedColumns(rows: PlacedRow[]): MoneyColumn[] {
  const dated = rows.filter((r) => r.tokens.date && r.tokens.money.length);
  const edges = dated.flatMap((r) => r.tokens.money.map((m) => m.x1)).sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const x of edges) {
    const g = groups[groups.length - 1];
    if (g && x - g[g.length - 1] < 12) g.push(x);
    else groups.push([x]);
  }
  const min = Math.max(2, 0.2 * dated.length);
  return groups.filter((g) => g.length >= min).map((g) => ({ kind: 'unknown' as const, x: g[Math.floor(g.length / 2)] }));
}

/**
 * Walks every row of the document once and returns the table's entries in order: transactions
 * (with their description lines) and balance, carry and total rows. A table starts at a header row
 * or, without one, at the first dated row with an amount in an aligned column; it runs on over page
 * breaks (past running headers and footers) until a totals or closing row, or, without a header, a
 * wide gap. A row of text only continues the description of the transaction above, unless the next
 * amount row has no date of its own: then it is that row's first line (statements that print the
 * date once a day put a long entry's amount on its last line).
 */
export function readStatementRows(ctx: ExtractionContext): { entries: Entry[]; columns: MoneyColumn[]; headed: boolean } {
  const placed: PlacedRow[] = [];
  for (const page of ctx.pages) {
    const rows = page.rows.map((row) => tokenizeRow(row.lines.flatMap((l) => l.words)));
    // Running headers stand above a page's first amount, footers below its last: a text row between
    // two amounts is part of the table, however often it recurs.
    const withMoney = rows.filter((t) => t.money.length);
    const top = withMoney.length ? Math.min(...withMoney.map((t) => t.bbox[1])) : Infinity;
    const bottom = withMoney.length ? Math.max(...withMoney.map((t) => t.bbox[3])) : -Infinity;
    page.rows.forEach((row, i) => {
      const tokens = rows[i];
      const mid = (tokens.bbox[1] + tokens.bbox[3]) / 2;
      // A row with an amount is never a header row.
      placed.push({ page: page.page, margin: mid < top || mid > bottom, tokens, header: tokens.money.length ? null : detectColumns(row), folded: fold(tokens.text.map((w) => w.text).join(' ')) });
    });
  }
  const headed = placed.some((r) => r.header);
  const boilerplate = repeatedText(placed);
  const columns: MoneyColumn[] = headed ? HEADER_KINDS.map((kind) => ({ kind, x: 0 })) : alignedColumns(placed);
  const entries: Entry[] = [];
  if (!columns.length) return { entries, columns, headed };

  let header: Column[] | null = null;
  let active = false;
  let descX0 = Infinity;
  let lastBottom = -Infinity;
  let lastPage = -1;
  let height = 10;
  // Gaps between consecutive rows of the table: a text row further below is not part of it.
  const gaps: number[] = [];
  let median = { at: 0, value: 0 };
  const usualGap = () => {
    // The median of the last hundred gaps, worked out again every tenth new one.
    if (gaps.length && gaps.length - median.at >= 10 || (median.at === 0 && gaps.length)) {
      const recent = gaps.slice(-100).sort((a, b) => a - b);
      median = { at: gaps.length, value: recent[Math.floor(recent.length / 2)] };
    }
    return median.value;
  };
  let pendingDate: { date: RowDate; words: Word[]; text: string[] } | null = null;
  let buffer: { text: string; words: Word[] }[] = [];
  let lastTx: Entry | null = null;
  const flushAsContinuation = () => {
    const prev = lastTx;
    if (prev) for (const b of buffer) {
      prev.description.push(b.text);
      prev.words.push(...b.words);
    }
    buffer = [];
    pendingDate = null;
  };

  /** Which money column a token stands in, or -1 when it is part of the text. */
  const place = (m: MoneyToken): number => {
    if (header) {
      const col = columnAt(header, m.x0, m.x1, true);
      return isMoneyColumn(col) ? HEADER_KINDS.indexOf(col?.kind as MoneyKind) : -1;
    }
    let best = -1;
    for (let i = 0; i < columns.length; i++) if (Math.abs(columns[i].x - m.x1) < 20 && (best < 0 || Math.abs(columns[i].x - m.x1) < Math.abs(columns[best].x - m.x1))) best = i;
    return best;
  };

  for (const row of placed) {
    const t = row.tokens;
    if (!t.words.length) continue;
    if (row.header) {
      flushAsContinuation();
      header = row.header;
      // Descriptions start at or right of the boundary between the date and description titles.
      const desc = header.find((c) => c.kind === 'description');
      const dateCol = header.filter((c) => c.kind === 'date' || c.kind === 'value_date').pop();
      descX0 = desc?.x0 ?? dateCol?.x1 ?? -Infinity;
      active = true;
      lastBottom = t.bbox[3];
      lastPage = row.page;
      height = lineHeight(t);
      continue;
    }
    const money = t.money.map((token) => ({ token, column: place(token) })).filter((m) => m.column >= 0);
    const text = [...t.text, ...t.money.filter((m) => place(m) < 0).flatMap((m) => m.words)].sort((a, b) => a.bbox[0] - b.bbox[0]);
    const samePage = row.page === lastPage;
    const gap = samePage ? t.bbox[1] - lastBottom : 0;
    const dated = t.date !== null && (!header || ['date', 'value_date'].includes(columnAt(header, t.dateWords[0].bbox[0], t.dateWords[0].bbox[2], false)?.kind ?? ''));
    if (!t.money.length && row.margin && boilerplate.has(furnitureKey(row))) continue;
    if (!active) {
      if (header || !dated || !money.length) continue;
      active = true;
    } else if (!header && samePage && gap > 2.5 * height && !(dated && money.length)) {
      flushAsContinuation();
      active = false;
      continue;
    }
    const label = balanceLabel(row.folded, dated);
    const textX0 = text[0]?.bbox[0] ?? Infinity;
    if (!header && dated && money.length && text.length) descX0 = Math.min(descX0 === Infinity ? textX0 : descX0, textX0);
    // Text must start in the description column: page furniture starts at the margin.
    const inDescription = textX0 >= descX0 - 0.6 * height;
    if (label) {
      flushAsContinuation();
      entries.push({ kind: label, page: row.page, date: dated ? t.date : null, description: text.map((w) => w.text), money, words: t.words });
      // Totals close the table; a closing or carried-forward row may be followed by more rows.
      if (label === 'total') active = false;
    } else if (money.length) {
      if (!dated && text.length && !inDescription) {
        // An undated amount whose text starts outside the table is a summary line: the table has ended.
        flushAsContinuation();
        if (!header) active = false;
        continue;
      }
      const own = text.map((w) => w.text).join(' ');
      let description: string[];
      let date = dated ? t.date : null;
      let words = [...t.words];
      if (pendingDate && !dated) {
        description = [...pendingDate.text, ...buffer.map((b) => b.text)];
        words = [...pendingDate.words, ...buffer.flatMap((b) => b.words), ...words];
        date = pendingDate.date;
        buffer = [];
        pendingDate = null;
      } else if (dated) {
        flushAsContinuation();
        description = [];
      } else {
        description = buffer.map((b) => b.text);
        words = [...buffer.flatMap((b) => b.words), ...words];
        buffer = [];
      }
      if (own) description.push(own);
      lastTx = { kind: 'tx', page: row.page, date, description, money, words };
      entries.push(lastTx);
    } else if (dated && t.text.length && inDescription) {
      // A dated row without an amount: the amount comes on a later line.
      flushAsContinuation();
      pendingDate = { date: t.date as RowDate, words: t.words, text: [t.text.map((w) => w.text).join(' ')] };
    } else if (text.length && inDescription && (!samePage || gap < Math.max(1.5 * height, 1.3 * usualGap())) && (entries.length || pendingDate)) {
      buffer.push({ text: text.map((w) => w.text).join(' '), words: text });
    } else {
      continue;
    }
    if (samePage && gap > 0) gaps.push(gap);
    lastBottom = t.bbox[3];
    lastPage = row.page;
  }
  flushAsContinuation();
  return { entries, columns, headed };
}
