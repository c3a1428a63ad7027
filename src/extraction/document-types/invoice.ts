import { findIbans } from '../normalize/identifiers.js';
import { cite, pickBest } from '../extract/candidate.js';
import { documentPosition, type ExtractionContext, type FieldValue, fromCandidate, NOT_FOUND } from '../extract/context.js';
import { findLabelledValues, type ValueParser } from '../extract/key-value.js';
import { extractLineItems } from '../extract/line-items.js';
import { findCompanyAtTop, findFirstNameLine, findPartyByLabel, findSalutationRecipient, findWindowRecipient } from '../extract/parties.js';
import { amountParser, currencyParser, ibanParser, identifierParser, taxIdParser } from '../extract/value-parsers.js';
import { chooseInvoiceAmounts, chooseInvoiceDates } from '../score/invoice-choice.js';

export type Fields = Record<string, FieldValue>;

/**
 * The best labelled value of a field. With `preferTop`, reads nearer the top of the document win
 * ties: the issue date and number are printed in the header, other dates (periods, deliveries,
 * payment terms) further down.
 */
export function labelled(ctx: ExtractionContext, field: string, parse: ValueParser, opts: { preferTop?: boolean } = {}): FieldValue {
  let cands = findLabelledValues(ctx.pages, { field, parse });
  if (opts.preferTop) cands = cands.map((c) => ({ ...c, score: c.score * (1 - 0.25 * documentPosition(ctx, c)) }));
  return fromCandidate(pickBest(cands));
}

/** The currency: a "Currency:" label, else the currency printed most often, else none. */
export function extractCurrency(ctx: ExtractionContext): FieldValue {
  const byLabel = labelled(ctx, 'currency', currencyParser());
  if (byLabel.value) return byLabel;
  return ctx.currency ? { value: ctx.currency, confidence: 0.7, citations: [], source: 'page' } : NOT_FOUND;
}

function extractIban(ctx: ExtractionContext): FieldValue {
  const byLabel = labelled(ctx, 'iban', ibanParser());
  if (byLabel.value) return byLabel;
  for (const page of ctx.pages) {
    for (const seg of page.segments.flat()) {
      const found = findIbans(seg.text.toUpperCase())[0];
      // The mod-97 checksum makes an unlabelled IBAN nearly certain.
      if (found) return { value: found.iban, confidence: 0.95, citations: [cite(page.page, seg.line.words)], source: 'page' };
    }
  }
  return NOT_FOUND;
}

const DOCUMENT_TITLE = /^(?:invoice|tax invoice|rechnung|facture|factura|factuur|fattura|stylesheet|page|seite|credit note|gutschrift)/;

export function extractInvoice(ctx: ExtractionContext): Fields {
  // Amounts and dates are chosen among every printed candidate by trained scorers, jointly
  // (subtotal + tax = total, issued before due): score/invoice-choice.ts.
  const totals = chooseInvoiceAmounts(ctx);
  const dates = chooseInvoiceDates(ctx);
  const vendor = pickBest([findPartyByLabel(ctx, 'seller'), findCompanyAtTop(ctx), findFirstNameLine(ctx, DOCUMENT_TITLE)].filter((c) => c !== null));
  const customer = pickBest([findPartyByLabel(ctx, 'buyer'), findWindowRecipient(ctx), findSalutationRecipient(ctx)].filter((c) => c !== null));
  const vendorName = fromCandidate(vendor);
  const customerName = fromCandidate(customer);
  if (customerName.value && customerName.value === vendorName.value) customerName.confidence *= 0.5;
  const fields: Fields = {
    invoice_number: labelled(ctx, 'invoice_number', identifierParser(), { preferTop: true }),
    invoice_date: dates.invoice_date,
    due_date: dates.due_date,
    vendor_name: vendorName,
    vendor_address: NOT_FOUND,
    vendor_tax_id: labelled(ctx, 'vendor_tax_id', taxIdParser()),
    customer_name: customerName,
    customer_address: NOT_FOUND,
    purchase_order: labelled(ctx, 'purchase_order', identifierParser()),
    currency: extractCurrency(ctx),
    subtotal: totals.subtotal,
    tax_amount: totals.tax_amount,
    total_amount: totals.total_amount,
    amount_due: labelled(ctx, 'amount_due', amountParser()),
    iban: extractIban(ctx),
  };
  fields.line_items = extractLineItems(ctx, 'invoice');
  return fields;
}
