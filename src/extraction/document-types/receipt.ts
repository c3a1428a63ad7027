import type { Candidate } from '../extract/candidate.js';
import { MERCHANT_FEATURES, merchantCandidates } from '../score/merchant-candidates.js';
import { type ExtractionContext, type FieldValue, fromCandidate, NOT_FOUND } from '../extract/context.js';
import { extractLineItems } from '../extract/line-items.js';
import { findReceiptMerchant } from './receipt-merchant.js';
import { extractAddress } from './receipt-address.js';
import { chooseScored } from '../score/choose.js';
import { DATE_FEATURES, dateCandidates } from '../score/date-candidates.js';
import { extractReceiptTotals } from '../extract/totals.js';
import { findPhones } from '../normalize/identifiers.js';
import { textParser, timeParser } from '../extract/value-parsers.js';
import { extractCurrency, type Fields, labelled } from './invoice.js';

function extractPhone(ctx: ExtractionContext): FieldValue {
  const byLabel = labelled(ctx, 'merchant_phone', (text) => {
    const p = findPhones(text)[0];
    return p && p.index < 6 ? { value: p.value, start: p.index, end: p.index + p.value.length, fit: 1 } : null;
  });
  return byLabel;
}

/** A value whose confidence is a trained scorer's probability: returned as chosen, not re-thresholded. */
function calibrated(v: FieldValue): FieldValue {
  return v.value === null ? v : { ...v, calibrated: true };
}

function scoredDate(ctx: ExtractionContext): FieldValue {
  const best = chooseScored('receipt-date', DATE_FEATURES, dateCandidates(ctx));
  return best ? calibrated(fromCandidate(best.candidate.candidate)) : NOT_FOUND;
}

function scoredText(task: string, features: readonly string[], candidates: { value: string; features: Record<string, number>; candidate: Candidate }[]): FieldValue {
  const best = chooseScored(task, features, candidates);
  return best ? calibrated(fromCandidate(best.candidate.candidate)) : NOT_FOUND;
}

export function extractReceipt(ctx: ExtractionContext): Fields {
  const totals = extractReceiptTotals(ctx);
  // The name is the trained scorer's choice among header rows. The address is found by the rule
  // under that name's row (the address scorer lost on validation: 0.235 against 0.258); under the
  // rule's own name line only when the scorer returns no name. The scorer's row is the better anchor
  // (BENCHMARKS.md, issue 14 address: validation 27 → 29 of 111 exact).
  const name = scoredText('receipt-merchant', MERCHANT_FEATURES, merchantCandidates(ctx));
  const merchant = findReceiptMerchant(ctx);
  const nameBottom = name.citations[0]?.bbox[3] ?? merchant?.bottom;
  const date = scoredDate(ctx);
  return {
    merchant_name: name,
    merchant_address: nameBottom !== undefined ? extractAddress(ctx, nameBottom) : NOT_FOUND,
    merchant_phone: extractPhone(ctx),
    date,
    time: labelled(ctx, 'time', timeParser()),
    currency: extractCurrency(ctx),
    subtotal: totals.subtotal,
    tax_amount: totals.tax_amount,
    tip_amount: labelled(ctx, 'tip_amount', (t) => {
      const m = /\d+[.,]\d{2}/.exec(t);
      return m ? { value: Number(m[0].replace(',', '.')), start: m.index, end: m.index + m[0].length, fit: 1 } : null;
    }),
    total_amount: totals.total_amount,
    payment_method: labelled(ctx, 'payment_method', textParser(40)),
    items: extractLineItems(ctx, 'receipt'),
  };
}
