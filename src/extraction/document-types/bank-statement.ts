import { type ExtractionContext, type FieldValue, fromCandidate, NOT_FOUND } from '../extract/context.js';
import { findFirstNameLine } from '../extract/parties.js';
import { findLabelledValues } from '../extract/key-value.js';
import type { Label } from '../extract/labels.js';
import { pickBest } from '../extract/candidate.js';
import { findDates } from '../normalize/dates.js';
import { findAmounts, parseAmount } from '../normalize/amounts.js';
import { toIsoCurrency } from '../normalize/currency.js';
import { amountParser, ibanParser, textParser } from '../extract/value-parsers.js';
import { extractTransactions, type StatementReading } from '../extract/transactions.js';
import { fold } from '../extract/text-fold.js';
import { accountOrCardParser } from '../extract/statement-header.js';
import { extractCurrency, type Fields, labelled } from './invoice.js';

/**
 * "Statement period: 1 Jan 2025 to 31 Jan 2025", "Zeitraum 01.01.2025 bis 31.01.2025", "Période du …
 * au …", "Periodo dal … al …", "Periode … t/m …": a row that names a period (or says from … to) with
 * two dates in order. A period label on its own row may have its dates on the row to its right.
 */
const PERIOD = /(?<![a-z])(?:(?:statement\s*)?period|zeitraum|abrechnungszeitraum|periode|periodo|from|du|vom|van|dal|del|desde|für\s*den\s*zeitraum)(?![a-z])/;

function extractPeriod(ctx: ExtractionContext): FieldValue {
  for (const page of ctx.pages) {
    for (const row of page.segments) {
      const text = row.map((s) => s.text).join(' ');
      if (!PERIOD.test(fold(text))) continue;
      const dates = findDates(text, ctx.dateOrder);
      if (dates.length >= 2 && dates[0].iso <= dates[1].iso) {
        return {
          value: { from: dates[0].iso, to: dates[1].iso },
          confidence: 0.85,
          citations: [{ page: page.page, bbox: row[0].line.bbox, text }],
          source: 'page',
        };
      }
    }
  }
  return { ...NOT_FOUND, value: { from: null, to: null } };
}

function extractIban(ctx: ExtractionContext): FieldValue {
  const byLabel = labelled(ctx, 'iban', ibanParser());
  return byLabel.value ? { ...byLabel, value: String(byLabel.value).replace(/\s+/g, '') } : byLabel;
}

/**
 * A balance read from the table (a balance row, or the running balances) agrees with, or stands in
 * for, a labelled one. When both are printed and differ, the table's wins if every row reconciles
 * with it (a label search can land on a page's "balance carried forward"), else the label's, and the
 * reconciliation check reports the difference.
 */
function balanceField(label: FieldValue, fromTable: number | null, reconciled: boolean): FieldValue {
  const table: FieldValue = { value: fromTable, confidence: reconciled ? 0.9 : 0.7, citations: [], source: 'page' };
  if (label.value === null) return fromTable === null ? NOT_FOUND : table;
  if (fromTable === null) return label;
  if (Math.abs((label.value as number) - fromTable) < 0.005) return { ...label, confidence: Math.max(label.confidence, reconciled ? 0.95 : 0.8) };
  return reconciled ? table : label;
}

/**
 * The label search trims separators before a value, a leading minus with them ("Neuer Saldo: -5.825,46
 * EUR"): an overdrawn account or a card in credit keeps its sign from the cited text.
 */
function keepSign(v: FieldValue): FieldValue {
  const cited = v.citations[0]?.text;
  const printed = cited ? parseAmount(cited) : null;
  if (typeof v.value !== 'number' || !printed || v.value < 0) return v;
  return printed.value < 0 && Math.abs(printed.value + v.value) < 0.005 ? { ...v, value: printed.value } : v;
}

/** Without a currency label or code, the symbol printed with the amounts ("$1,234.56", "£45.00"). */
function printedCurrency(ctx: ExtractionContext): FieldValue {
  const counts = new Map<string, number>();
  for (const page of ctx.pages) {
    for (const seg of page.segments.flat()) {
      for (const a of findAmounts(seg.text)) {
        const iso = toIsoCurrency(a.amount.currencyText);
        if (iso) counts.set(iso, (counts.get(iso) ?? 0) + 1);
      }
    }
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? { value: best[0], confidence: 0.6, citations: [], source: 'page' } : NOT_FOUND;
}

/** The statement's period, labelled balances and transaction table, read together (each informs the others). */
export function readStatement(ctx: ExtractionContext): { period: FieldValue; opening: FieldValue; closing: FieldValue; tx: StatementReading } {
  const balance = amountParser();
  const opening = keepSign(labelled(ctx, 'opening_balance', balance));
  const closing = keepSign(labelled(ctx, 'closing_balance', balance));
  const period = extractPeriod(ctx);
  const periodValue = period.value as { from: string | null; to: string | null };
  const tx = extractTransactions(ctx, {
    opening: opening.value as number | null,
    closing: closing.value as number | null,
    period: periodValue.from && periodValue.to ? { from: periodValue.from, to: periodValue.to } : null,
  });
  return { period, opening, closing, tx };
}

/** Labels of the totals a summary box prints (folded), in the six languages. */
const printedTotalLabel = (source: string): Label[] => [{ re: new RegExp(`(?<![a-z])(?:${source})(?![a-z])`, 'g'), weight: 1 }];
const TOTAL_LABELS = {
  credits: printedTotalLabel(String.raw`total\s*(?:credits?|deposits?|paid\s*in|money\s*in)|payments?\s*(?:and|&)\s*(?:other\s*)?credits|summe\s*(?:haben|gutschriften)|total\s*(?:des\s*)?credits|total\s*abonos|totaal\s*bij|totale\s*(?:accrediti|avere)`),
  debits: printedTotalLabel(String.raw`total\s*(?:debits?|withdrawals?|paid\s*out|money\s*out)|purchases(?:\s*(?:and|&)\s*(?:other\s*)?debits)?|summe\s*(?:soll|lastschriften|belastungen)|total\s*(?:des\s*)?debits|total\s*cargos|totaal\s*af|totale\s*(?:addebiti|dare)`),
};

/**
 * Totals the statement prints (a totals row of the table, or a summary box) against the rows found:
 * a difference means rows are missing or misread, and says by how much.
 */
function checkPrintedTotals(ctx: ExtractionContext, tx: StatementReading): void {
  const rows = (tx.transactions.value ?? []) as unknown[];
  if (!rows.length) return;
  for (const side of ['credits', 'debits'] as const) {
    const printed = tx.printedTotals[side] ?? (pickBest(findLabelledValues(ctx.pages, { field: `printed_total_${side}`, labels: TOTAL_LABELS[side], parse: amountParser() }))?.value as number | undefined) ?? null;
    const found = (side === 'credits' ? tx.total_credits : tx.total_debits).value as number | null;
    if (printed === null || found === null || Math.abs(Math.abs(printed) - found) < 0.005) continue;
    (side === 'credits' ? tx.total_credits : tx.total_debits).confidence *= 0.7;
    ctx.warnings.push({
      code: 'TOTALS_MISMATCH',
      message: `the statement prints total ${side} ${Math.abs(printed).toFixed(2)}; the ${rows.length} rows found sum to ${found.toFixed(2)} (${Math.abs(Math.abs(printed) - found).toFixed(2)} apart: rows missing or misread)`,
    });
  }
}

export function extractBankStatement(ctx: ExtractionContext): Fields {
  const { period, opening, closing, tx } = readStatement(ctx);
  checkPrintedTotals(ctx, tx);
  const iban = extractIban(ctx);
  const currency = extractCurrency(ctx);
  const account = fromCandidate(pickBest(findLabelledValues(ctx.pages, { field: 'account_number', parse: accountOrCardParser() })));
  const { opening: tableOpening, closing: tableClosing, reconciled, printedTotals: _printed, ...fields } = tx;
  return {
    bank_name: fromCandidate(findFirstNameLine(ctx, /^(?:statement|kontoauszug|releve|extracto|estratto|rekeningafschrift|page|seite|credit\s*card|kreditkarten)/)),
    account_holder: labelled(ctx, 'account_holder', textParser(80)),
    account_number: account.value !== null ? account : iban,
    iban,
    currency: currency.value ? currency : printedCurrency(ctx),
    statement_period: period,
    opening_balance: balanceField(opening, tableOpening, reconciled),
    closing_balance: balanceField(closing, tableClosing, reconciled),
    ...fields,
  };
}
