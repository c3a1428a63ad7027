import { XMLParser } from 'fast-xml-parser';

/**
 * Reads a UN/CEFACT Cross Industry Invoice (Factur-X, ZUGFeRD 1.0 and 2.x, XRechnung CII) into
 * the invoice model's field names, by element path with namespace prefixes ignored; anything
 * unexpected just yields fewer fields.
 *
 * The XML comes from an uploaded PDF, so it is untrusted: it goes through fast-xml-parser (one
 * linear pass) with bounds on size, nesting and entities, never through regular expressions over the
 * text (a regex with a lazy body per element cost the square of the unclosed tags: 64,000 of them in
 * a 5.6 KB PDF held the event loop for 15 s).
 */
export interface CiiInvoice {
  fields: Record<string, string | number | null>;
  lineItems: { description: string | null; quantity: number | null; unit_price: number | null; amount: number | null }[];
}

/** Real CII files are tens of kilobytes; one with thousands of lines stays well under this. */
export const MAX_EINVOICE_XML_CHARS = 4 * 1024 * 1024;
/** CII nests about 8 deep; 64 leaves room for any extension and stops a nesting bomb early. */
const MAX_DEPTH = 64;

/** Why an embedded invoice XML was not read (too large, too deep, a DOCTYPE, malformed). */
export class EInvoiceXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EInvoiceXmlError';
  }
}

/** A parsed element (preserveOrder form): `{name: children, ':@': attributes}` or a text node `{'#text': '…'}`. */
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  maxNestedTags: MAX_DEPTH,
  // Only the predefined and numeric entities: a CII document has no DTD, so no declared entity may expand.
  processEntities: { enabled: true, maxEntityCount: 0, maxTotalExpansions: 10_000, maxExpandedLength: MAX_EINVOICE_XML_CHARS },
});

function nameOf(node: XmlNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ':@' && key !== '#text') return key;
  return undefined;
}

function childrenOf(node: XmlNode | undefined): XmlNode[] {
  if (!node) return [];
  const name = nameOf(node);
  const value = name === undefined ? undefined : node[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

/**
 * Every element called `name` below `scope`, in document order, without looking inside a match (as
 * an element's first occurrence is what a reader of the path means). Iterative: depth is bounded
 * by the parser, but recursion is not needed.
 */
function elements(scope: XmlNode | undefined, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const stack: XmlNode[] = [...childrenOf(scope)].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (nameOf(node) === name) {
      out.push(node);
      continue;
    }
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

function first(scope: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let node = scope;
  for (const name of path) {
    if (!node) return undefined;
    node = elements(node, name)[0];
  }
  return node;
}

/** An element's text, its descendants' included, whitespace collapsed. */
function text(node: XmlNode | undefined): string | null {
  if (!node) return null;
  const parts: string[] = [];
  const stack: XmlNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n['#text'] === 'string' || typeof n['#text'] === 'number') parts.push(String(n['#text']));
    const kids = childrenOf(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  const t = parts.join(' ').replace(/\s+/g, ' ').trim();
  return t || null;
}

function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const attrs = node?.[':@'] as Record<string, unknown> | undefined;
  const value = attrs?.[name];
  return value === undefined ? undefined : String(value);
}

function num(node: XmlNode | undefined): number | null {
  const t = text(node);
  if (t === null) return null;
  const n = Number(t);
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : null;
}

/** Format 102 dates ("20180425") to ISO. */
function date(node: XmlNode | undefined): string | null {
  const t = text(first(node, 'DateTimeString') ?? node);
  const m = t && /^(\d{4})(\d{2})(\d{2})/.exec(t);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** The amount in the invoice currency when the XML gives it in several (TaxTotalAmount may). */
function amountIn(scope: XmlNode | undefined, name: string, currency: string | null): number | null {
  const all = elements(scope, name);
  const inCurrency = currency ? all.find((e) => attribute(e, 'currencyID') === currency) : undefined;
  return num(inCurrency ?? all[0]);
}

function address(party: XmlNode | undefined): string | null {
  const a = first(party, 'PostalTradeAddress');
  if (!a) return null;
  const parts = ['LineOne', 'LineTwo', 'LineThree'].map((n) => text(first(a, n)));
  const city = [text(first(a, 'PostcodeCode')), text(first(a, 'CityName'))].filter(Boolean).join(' ');
  return [...parts, city, text(first(a, 'CountryID'))].filter(Boolean).join(', ') || null;
}

/** Parses the XML within its bounds; throws EInvoiceXmlError naming the bound it broke. */
function parseBounded(xml: string): XmlNode[] {
  if (xml.length > MAX_EINVOICE_XML_CHARS) {
    throw new EInvoiceXmlError(`The embedded invoice XML has ${xml.length} characters; the limit is ${MAX_EINVOICE_XML_CHARS}.`);
  }
  // A DTD is where entity expansion and external entities live; e-invoice formats never declare one.
  if (/<!DOCTYPE/i.test(xml)) throw new EInvoiceXmlError('The embedded invoice XML declares a DOCTYPE, which e-invoice formats never do.');
  try {
    return parser.parse(xml) as XmlNode[];
  } catch (err) {
    throw new EInvoiceXmlError(`The embedded invoice XML could not be parsed (${err instanceof Error ? err.message : String(err)}).`);
  }
}

/** The invoice a CII document describes; null when the XML is another format. Throws EInvoiceXmlError past a bound. */
export function parseCii(xml: string): CiiInvoice | null {
  if (!/CrossIndustry(?:Invoice|Document)/.test(xml)) return null;
  const root = parseBounded(xml).find((n) => /^CrossIndustry(?:Invoice|Document)$/.test(nameOf(n) ?? ''));
  if (!root) return null;
  const header = first(root, 'ExchangedDocument') ?? first(root, 'HeaderExchangedDocument');
  const trade = first(root, 'SupplyChainTradeTransaction') ?? first(root, 'SpecifiedSupplyChainTradeTransaction');
  const agreement = first(trade, 'ApplicableHeaderTradeAgreement') ?? first(trade, 'ApplicableSupplyChainTradeAgreement');
  const settlement = first(trade, 'ApplicableHeaderTradeSettlement') ?? first(trade, 'ApplicableSupplyChainTradeSettlement');
  const seller = first(agreement, 'SellerTradeParty');
  const buyer = first(agreement, 'BuyerTradeParty');
  const sums = first(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation') ?? first(settlement, 'SpecifiedTradeSettlementMonetarySummation');
  const currency = text(first(settlement, 'InvoiceCurrencyCode'));
  const taxRegs = elements(seller, 'SpecifiedTaxRegistration');
  const vat =
    taxRegs.map((r) => elements(r, 'ID').find((id) => attribute(id, 'schemeID') === 'VA')).map(text).find(Boolean) ?? text(first(taxRegs[0], 'ID'));
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
  const lineItems = elements(trade, 'IncludedSupplyChainTradeLineItem').map((li) => ({
    description: text(first(li, 'SpecifiedTradeProduct', 'Name')),
    quantity: num(first(li, 'BilledQuantity')),
    unit_price: num(first(li, 'NetPriceProductTradePrice', 'ChargeAmount')),
    amount: num(first(li, 'LineTotalAmount')),
  }));
  return { fields, lineItems };
}
