import { type ExtractionContext, type FieldValue, NOT_FOUND } from '../extract/context.js';
import { findFirstNameLine } from '../extract/parties.js';
import { fromCandidate } from '../extract/context.js';
import { findLabelledValues } from '../extract/key-value.js';
import { pickBest } from '../extract/candidate.js';
import { findDates } from '../normalize/dates.js';
import { accountNumberParser, amountParser, textParser } from '../extract/value-parsers.js';
import { extractTransactions } from '../extract/transactions.js';
import { extractCurrency, type Fields, labelled } from './invoice.js';

/** "Statement period: 1 Jan 2025 to 31 Jan 2025", "Zeitraum 01.01.–31.01.2025". */
function extractPeriod(ctx: ExtractionContext): FieldValue {
  const re = /(?:statement\s*)?period|zeitraum|periode|periodo|from|du|vom|van|dal/i;
  for (const page of ctx.pages) {
    for (const row of page.segments) {
      const text = row.map((s) => s.text).join(' ');
      if (!re.test(text)) continue;
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

export function extractBankStatement(ctx: ExtractionContext): Fields {
  const balance = amountParser();
  const opening = labelled(ctx, 'opening_balance', balance);
  const closing = labelled(ctx, 'closing_balance', balance);
  const tx = extractTransactions(ctx, { opening: opening.value as number | null, closing: closing.value as number | null });
  return {
    bank_name: fromCandidate(findFirstNameLine(ctx, /^(?:statement|kontoauszug|releve|extracto|page)/)),
    account_holder: labelled(ctx, 'account_holder', textParser(80)),
    account_number: fromCandidate(pickBest(findLabelledValues(ctx.pages, { field: 'account_number', parse: accountNumberParser() }))),
    currency: extractCurrency(ctx),
    statement_period: extractPeriod(ctx),
    opening_balance: opening,
    closing_balance: closing,
    ...tx,
  };
}
