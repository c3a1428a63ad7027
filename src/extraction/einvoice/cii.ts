/**
 * Reads a UN/CEFACT Cross Industry Invoice (Factur-X, ZUGFeRD 1.0 and 2.x, XRechnung CII) into
 * the invoice model's field names. CII is regular enough to read by element path with namespace
 * prefixes ignored, which avoids an XML dependency; anything unexpected just yields fewer fields.
 */
export interface CiiInvoice {
  fields: Record<string, string | number | null>;
  lineItems: { description: string | null; quantity: number | null; unit_price: number | null; amount: number | null }[];
}

function elements(xml: string, name: string): string[] {
  const re = new RegExp(`<(?:[\\w-]+:)?${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>)`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1] ?? '');
}

function first(xml: string | undefined, ...path: string[]): string | undefined {
  let scope: string | undefined = xml;
  for (const name of path) {
    if (scope === undefined) return undefined;
    scope = elements(scope, name)[0];
  }
  return scope;
}

function text(v: string | undefined): string | null {
  if (v === undefined) return null;
  const t = v
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return t || null;
}

function num(v: string | undefined): number | null {
  const t = text(v);
  if (t === null) return null;
  const n = Number(t);
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : null;
}

/** Format 102 dates ("20180425") to ISO. */
function date(v: string | undefined): string | null {
  const t = text(first(v, 'DateTimeString') ?? v);
  const m = t && /^(\d{4})(\d{2})(\d{2})/.exec(t);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** The amount in the invoice currency when the XML gives it in several (TaxTotalAmount may). */
function amountIn(xml: string | undefined, name: string, currency: string | null): number | null {
  if (!xml) return null;
  const re = new RegExp(`<(?:[\\w-]+:)?${name}\\b([^>]*)>([^<]*)<`, 'g');
  const all = [...xml.matchAll(re)];
  const inCurrency = all.find((m) => currency && new RegExp(`currencyID="${currency}"`).test(m[1]));
  return num((inCurrency ?? all[0])?.[2]);
}

function address(party: string | undefined): string | null {
  const a = first(party, 'PostalTradeAddress');
  if (!a) return null;
  const parts = ['LineOne', 'LineTwo', 'LineThree'].map((n) => text(first(a, n)));
  const city = [text(first(a, 'PostcodeCode')), text(first(a, 'CityName'))].filter(Boolean).join(' ');
  return [...parts, city, text(first(a, 'CountryID'))].filter(Boolean).join(', ') || null;
}

export function parseCii(xml: string): CiiInvoice | null {
  if (!/CrossIndustry(?:Invoice|Document)/.test(xml)) return null;
  const header = first(xml, 'ExchangedDocument') ?? first(xml, 'HeaderExchangedDocument');
  const trade = first(xml, 'SupplyChainTradeTransaction') ?? first(xml, 'SpecifiedSupplyChainTradeTransaction');
  const agreement = first(trade, 'ApplicableHeaderTradeAgreement') ?? first(trade, 'ApplicableSupplyChainTradeAgreement');
  const settlement = first(trade, 'ApplicableHeaderTradeSettlement') ?? first(trade, 'ApplicableSupplyChainTradeSettlement');
  const seller = first(agreement, 'SellerTradeParty');
  const buyer = first(agreement, 'BuyerTradeParty');
  const sums = first(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation') ?? first(settlement, 'SpecifiedTradeSettlementMonetarySummation');
  const currency = text(first(settlement, 'InvoiceCurrencyCode'));
  const taxRegs = elements(seller ?? '', 'SpecifiedTaxRegistration');
  const vat = taxRegs.map((r) => /schemeID="VA"[^>]*>([^<]+)</.exec(r)?.[1]).find(Boolean) ?? text(first(taxRegs[0], 'ID'));
  const fields: CiiInvoice['fields'] = {
    invoice_number: text(first(header, 'ID')),
    invoice_date: date(first(header, 'IssueDateTime')),
    due_date: date(first(settlement, 'SpecifiedTradePaymentTerms', 'DueDateDateTime')),
    vendor_name: text(first(seller, 'Name')),
    vendor_address: address(seller),
    vendor_tax_id: vat ?? null,
    customer_name: text(first(buyer, 'Name')),
    customer_address: address(buyer),
    purchase_order: text(first(agreement, 'BuyerOrderReferencedDocument', 'IssuerAssignedID')),
    currency,
    subtotal: amountIn(sums, 'TaxBasisTotalAmount', currency),
    tax_amount: amountIn(sums, 'TaxTotalAmount', currency),
    total_amount: amountIn(sums, 'GrandTotalAmount', currency),
    amount_due: amountIn(sums, 'DuePayableAmount', currency),
    iban: text(first(settlement, 'SpecifiedTradeSettlementPaymentMeans', 'PayeePartyCreditorFinancialAccount', 'IBANID')),
  };
  const lineItems = elements(trade ?? '', 'IncludedSupplyChainTradeLineItem').map((li) => ({
    description: text(first(li, 'SpecifiedTradeProduct', 'Name')),
    quantity: num(first(li, 'BilledQuantity')),
    unit_price: num(first(li, 'NetPriceProductTradePrice', 'ChargeAmount')),
    amount: num(first(li, 'LineTotalAmount')),
  }));
  return { fields, lineItems };
}
