import { findCurrency } from '../normalize/currency.js';
import { findIbans } from '../normalize/identifiers.js';
import { cite, pickBest } from '../extract/candidate.js';
import { DECIMAL_COMMA, documentPosition, type ExtractionContext, type FieldValue, fromCandidate, NOT_FOUND } from '../extract/context.js';
import { findLabelledValues, type ValueParser } from '../extract/key-value.js';
import { extractLineItems } from '../extract/line-items.js';
import { partyAddress } from '../extract/party-address.js';
import { amountParser, currencyParser, ibanParser, identifierParser, taxIdParser } from '../extract/value-parsers.js';
import { chooseInvoiceAmounts, chooseInvoiceDates, chooseInvoiceParties } from '../score/invoice-choice.js';

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

const DOLLAR = /(?<![A-Za-z])(?:US|[ACSN]Z?|HK)?\$/;

/**
 * The currencies printed beside the chosen amounts: in the amount's own words, else in its row
 * ("Total € Incl. VAT   681.87", "Brutto EUR" over the column is not read here). A bare "$" is the
 * document's dollar currency when it prints one (CAD, AUD…), else USD.
 */
export function amountCurrencies(ctx: ExtractionContext, amounts: FieldValue[]): string[] {
  const out: string[] = [];
  for (const a of amounts) {
    const cit = a.citations[0];
    if (a.value === null || !cit) continue;
    const page = ctx.pages.find((p) => p.page === cit.page);
    const row = page?.segments.find((r) => r.some((s) => s.line.bbox[1] < cit.bbox[3] && cit.bbox[1] < s.line.bbox[3] && s.line.bbox[0] <= cit.bbox[0] + 1));
    const anywhere = ctx.doc.pages.find((p) => p.number === cit.page)?.source !== 'ocr';
    const rowText = row?.map((s) => s.text).join('   ') ?? '';
    let found = findCurrency(cit.text, { anywhere }) ?? findCurrency(rowText, { anywhere });
    if (!found && (DOLLAR.test(cit.text) || DOLLAR.test(rowText))) found = ctx.currency && /^(?:USD|CAD|AUD|NZD|SGD|HKD)$/.test(ctx.currency) ? ctx.currency : 'USD';
    if (found) out.push(found);
  }
  return out;
}

/**
 * The currency consistent with the amounts chosen: a "Currency:" label wins; otherwise the currency
 * printed beside the total, subtotal and tax (the majority of them) outweighs the currency printed
 * most often in the document (a bank line or a conversion note can print another one more often).
 */
export function reconcileCurrency(ctx: ExtractionContext, amounts: FieldValue[]): FieldValue {
  const byLabel = labelled(ctx, 'currency', currencyParser());
  const beside = amountCurrencies(ctx, amounts);
  const votes = new Map<string, number>();
  for (const c of beside) votes.set(c, (votes.get(c) ?? 0) + 1);
  const [top, n] = [...votes].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
  if (byLabel.value) return top && top !== byLabel.value ? { ...byLabel, confidence: Math.round(byLabel.confidence * 50) / 100 } : byLabel;
  if (top) return { value: top, confidence: n === beside.length ? (top === ctx.currency ? 0.95 : 0.85) : 0.6, citations: [], source: 'page' };
  const printed = extractCurrency(ctx);
  return printed.value ? printed : euroOfUnreadSymbol(ctx);
}

const DECIMAL_COMMAS = new RegExp(DECIMAL_COMMA.source, 'g');

/**
 * A scanned invoice whose amounts carry no currency the OCR could read, written with decimal commas
 * ("3 135,98"), is taken as EUR, at low confidence. The default reader (PP-OCRv4, its Chinese/English
 * dictionary) cannot write € or £ and drops them; every other mark such an amount carries ("CHF",
 * "kr", "zł" as "zl", "R$", "$", "EUR") it can write, and would have been found. Point-decimal
 * amounts are left alone: their lost symbol may as well have been £ as €.
 */
export function euroOfUnreadSymbol(ctx: ExtractionContext): FieldValue {
  if (!ctx.doc.pages.some((p) => p.source === 'ocr')) return NOT_FOUND;
  const commas = ctx.allText.match(DECIMAL_COMMAS)?.length ?? 0;
  const points = ctx.allText.match(/\d\.\d{2}(?![\d.,])/g)?.length ?? 0;
  return commas >= 2 && commas > 2 * points ? { value: 'EUR', confidence: 0.4, citations: [], source: 'page' } : NOT_FOUND;
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


export function extractInvoice(ctx: ExtractionContext): Fields {
  // Amounts and dates are chosen among every printed candidate by trained scorers, jointly
  // (subtotal + tax = total, issued before due): score/invoice-choice.ts.
  const totals = chooseInvoiceAmounts(ctx);
  const dates = chooseInvoiceDates(ctx);
  // The parties' names likewise, among the page's lines and blocks (score/invoice-parties.ts).
  const parties = chooseInvoiceParties(ctx);
  const vendorName = parties.vendor_name;
  const customerName = parties.customer_name;
  const fields: Fields = {
    invoice_number: labelled(ctx, 'invoice_number', identifierParser(), { preferTop: true }),
    invoice_date: dates.invoice_date,
    due_date: dates.due_date,
    vendor_name: vendorName,
    vendor_address: partyAddress(ctx, vendorName),
    vendor_tax_id: labelled(ctx, 'vendor_tax_id', taxIdParser()),
    customer_name: customerName,
    customer_address: partyAddress(ctx, customerName),
    purchase_order: labelled(ctx, 'purchase_order', identifierParser()),
    currency: reconcileCurrency(ctx, [totals.total_amount, totals.subtotal, totals.tax_amount]),
    subtotal: totals.subtotal,
    tax_amount: totals.tax_amount,
    total_amount: totals.total_amount,
    amount_due: labelled(ctx, 'amount_due', amountParser('first', { skipQuantities: true })),
    iban: extractIban(ctx),
  };
  fields.line_items = extractLineItems(ctx, 'invoice');
  return fields;
}
