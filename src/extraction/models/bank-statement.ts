import { type ExtractionContext, type FieldValue, fromCandidate, NOT_FOUND } from '../extract/context.js';
import { findFirstNameLine } from '../extract/parties.js';
import { findLabelledValues } from '../extract/key-value.js';
import { pickBest } from '../extract/candidate.js';
import { findDates } from '../normalize/dates.js';
import { amountParser, ibanParser, textParser } from '../extract/value-parsers.js';
import { extractTransactions } from '../extract/transactions.js';
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

export function extractBankStatement(ctx: ExtractionContext): Fields {
  const balance = amountParser();
  const opening = labelled(ctx, 'opening_balance', balance);
  const closing = labelled(ctx, 'closing_balance', balance);
  const period = extractPeriod(ctx);
  const periodValue = period.value as { from: string | null; to: string | null };
  const tx = extractTransactions(ctx, {
    opening: opening.value as number | null,
    closing: closing.value as number | null,
    period: periodValue.from && periodValue.to ? { from: periodValue.from, to: periodValue.to } : null,
  });
  const iban = extractIban(ctx);
  const account = fromCandidate(pickBest(findLabelledValues(ctx.pages, { field: 'account_number', parse: accountOrCardParser() })));
  const { opening: tableOpening, closing: tableClosing, reconciled, ...fields } = tx;
  return {
    bank_name: fromCandidate(findFirstNameLine(ctx, /^(?:statement|kontoauszug|releve|extracto|estratto|rekeningafschrift|page|seite|credit\s*card|kreditkarten)/)),
    account_holder: labelled(ctx, 'account_holder', textParser(80)),
    account_number: account.value !== null ? account : iban,
    iban,
    currency: extractCurrency(ctx),
    statement_period: period,
    opening_balance: balanceField(opening, tableOpening, reconciled),
    closing_balance: balanceField(closing, tableClosing, reconciled),
    ...fields,
  };
}
