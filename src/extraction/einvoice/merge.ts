import type { ExtractionContext, FieldValue } from '../extract/context.js';
import { locateValue } from '../extract/locate-value.js';
import { fold } from '../extract/text-fold.js';
import { REGION_OR_COUNTRY } from '../normalize/address-lexicon.js';
import type { EmbeddedInvoice } from '../model/document.js';
import type { CiiInvoice } from './cii.js';

const letters = (s: string) => fold(s).replace(/[\s\W_]+/g, '');
/** An address without its country, which the XML writes as an ISO code ("DE") and pages as a name, a code before the postcode, or not at all. */
const COUNTRIES = new RegExp(REGION_OR_COUNTRY.source, 'giu');
const withoutCountry = (s: string) => letters(s.replace(COUNTRIES, ' ').replace(/(?<![\p{L}\d])[A-Z]{2}(?![\p{L}\d])/gu, ' '));

function same(a: unknown, b: unknown, field: string): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 0.005;
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  if (letters(a) === letters(b)) return true;
  return field.endsWith('_address') && withoutCountry(a) === withoutCountry(b);
}

/**
 * The first embedded XML that is a CII invoice. One past the parser's bounds (size, nesting, a DTD)
 * is left out with a warning: the page's own reading stands.
 */
function readFirstInvoice(embedded: EmbeddedInvoice[], warnings: { code: string; message: string }[]): CiiInvoice | null {
  for (const e of embedded) {
    if (e.invoice) return e.invoice;
    if (e.refused) warnings.push({ code: 'EMBEDDED_XML_REFUSED', message: `${e.filename}: ${e.refused} It was not read.` });
  }
  return null;
}

/**
 * Combines the page's reading with the invoice XML the PDF carries. The XML is what the issuer's
 * software wrote, so it wins a disagreement, but it is cross-checked: agreement raises confidence
 * (source "page+embedded_xml"); a value the page contradicts gets a warning; a value the page does
 * not print at all is kept with lower confidence and a warning, since a reader of the PDF cannot
 * see it.
 */
export function mergeEmbeddedInvoice(
  ctx: ExtractionContext,
  values: Record<string, FieldValue>,
  embedded: EmbeddedInvoice[],
  warnings: { code: string; message: string }[],
): Record<string, FieldValue> {
  const cii = readFirstInvoice(embedded, warnings);
  if (!cii) return values;
  const out = { ...values };
  for (const [name, xmlValue] of Object.entries(cii.fields)) {
    if (xmlValue === null) continue;
    const page = values[name];
    if (page && page.value !== null && same(page.value, xmlValue, name)) {
      out[name] = { ...page, value: xmlValue, confidence: Math.max(0.98, page.confidence), source: 'page+embedded_xml' };
      continue;
    }
    const printed = locateValue(ctx, xmlValue);
    if (page && page.value !== null) {
      warnings.push({
        code: 'EMBEDDED_XML_MISMATCH',
        message: `${name}: the page reads ${JSON.stringify(page.value)}, the embedded invoice XML says ${JSON.stringify(xmlValue)}; the XML value is used.`,
      });
    } else if (!printed) {
      warnings.push({ code: 'EMBEDDED_XML_NOT_PRINTED', message: `${name}: ${JSON.stringify(xmlValue)} is in the embedded invoice XML but not printed on the page.` });
    }
    out[name] = { value: xmlValue, confidence: printed ? 0.95 : 0.7, citations: printed ? [printed] : [], source: 'embedded_xml' };
  }
  if (cii.lineItems.length && !(Array.isArray(values.line_items?.value) && (values.line_items.value as unknown[]).length)) {
    out.line_items = { value: cii.lineItems, confidence: 0.9, citations: [], source: 'embedded_xml' };
  }
  return out;
}
