import { findAmounts } from '../normalize/amounts.js';
import { toIsoCurrency } from '../normalize/currency.js';
import { type DateOrder, findDates } from '../normalize/dates.js';
import { findIbanShaped, findIbans, findVatIds } from '../normalize/identifiers.js';
import type { ValueParser } from './key-value.js';

/**
 * Typed readers for the text that follows a label. Each returns the value, the span it used and a
 * fit in 0–1: how much the text looks like that type where it stands (a value right after the
 * label fits better than one further along the line).
 */
const nearStart = (index: number) => (index <= 2 ? 1 : index <= 12 ? 0.85 : 0.6);

/**
 * A number followed by a unit of time or a count of things is no sum of money: "Total due in 15
 * days", "zahlbar innerhalb 30 Tagen", "3 items" (en, de, fr, es, nl, it, ms).
 */
const QUANTITY_UNIT =
  /^(?:days?|weeks?|months?|years?|hours?|items?|pcs|units?|tage?n?|wochen|monate?n?|jahre?n?|stunden|st[uü]ck|jours?|semaines?|mois|ans|heures?|articles?|d[ií]as?|semanas?|mes(?:es)?|a[ñn]os?|horas?|art[ií]culos?|dag(?:en)?|weken|maanden|jaar|jaren|uur|stuks?|giorni|settimane|mesi|anni|ore|articoli|hari|minggu|bulan|tahun)(?![\p{L}\p{N}])/iu;

export interface AmountParserOptions {
  /** Skip numbers followed by a unit of time or of things ("15 days", "3 items"). */
  skipQuantities?: boolean;
}

/**
 * `prefer: 'last'` reads the last amount of a row: a tax line ("VAT 19% 252,10 47,90") prints the
 * base before the tax.
 */
export function amountParser(prefer: 'first' | 'last' = 'first', options: AmountParserOptions = {}): ValueParser {
  return (text) => {
    const all = findAmounts(text);
    for (const a of prefer === 'last' ? [...all].reverse() : all) {
      const after = text.slice(a.index + a.text.length).trimStart();
      // A rate is not an amount ("19 %", "20,00%").
      if (after.startsWith('%')) continue;
      if (options.skipQuantities && QUANTITY_UNIT.test(after)) continue;
      // Long digit runs without decimals are ids (tax numbers, barcodes), not money.
      if (a.amount.decimals === 0 && Math.abs(a.amount.value) >= 1e6) continue;
      // Digits glued to a lone letter are part of a word OCR garbled ("Inclusive G57" for "GST"),
      // not money.
      if (a.amount.decimals === 0 && /(?:^|[^\p{L}])\p{L}$/u.test(text.slice(0, a.index))) continue;
      // A bare integer without decimals is often a quantity or a reference, not money; and a
      // label followed by several amounts is a table row (tax summaries), weaker evidence.
      const fit = (a.amount.decimals === 2 ? 1 : a.amount.decimals === 0 ? 0.55 : 0.8) * (all.length > 1 ? 0.8 : 1);
      const position = prefer === 'last' ? 1 : nearStart(a.index);
      return { value: Math.round(a.amount.value * 100) / 100, start: a.index, end: a.index + a.text.length, fit: fit * position };
    }
    return null;
  };
}

export function dateParser(order: DateOrder): ValueParser {
  return (text) => {
    const d = findDates(text, order)[0];
    if (!d) return null;
    return { value: d.iso, start: d.index, end: d.index + d.text.length, fit: nearStart(d.index) * (d.unambiguous ? 1 : 0.9) };
  };
}

/**
 * Document numbers: the first token that carries a digit ("INV-1042", "F20260023", "00012"). When
 * a "Nr."/"No." follows shortly ("Rechnung des Versicherers Nr. 01.234.567.8-2018-1", "Baurechnung
 * (204) Nr. 181301674"), the token after it is the number.
 */
export function identifierParser(): ValueParser {
  return (text) => {
    const marked = /^.{0,30}?(?<![a-z])(?:nr|no|n°|nº|number|nummer|numero|#)\.?\s*:?\s*([A-Za-z0-9][A-Za-z0-9/_.\-]*[A-Za-z0-9])/i.exec(text);
    if (marked && /\d/.test(marked[1]) && !/^\d+[.,]\d{2}$/.test(marked[1])) {
      const start = marked.index + marked[0].length - marked[1].length;
      return { value: marked[1], start, end: start + marked[1].length, fit: 1 };
    }
    for (const m of text.matchAll(/[A-Za-z0-9][A-Za-z0-9/_.\-]*[A-Za-z0-9]|\d/g)) {
      const token = m[0];
      const index = m.index ?? 0;
      if (index > 20) return null;
      if (!/\d/.test(token)) {
        // Words such as "No", "Nr", "de" between label and value are skipped; real words end the search.
        if (/^(?:no|nr|n|de|du|of|the|nummer|number|num)$/i.test(token)) continue;
        return null;
      }
      if (findDates(token).length && /[./-]/.test(token)) continue;
      // An amount ("59,50") or a bare one- to two-digit number is not a document number.
      if (/^\d+[.,]\d{2}$/.test(token) || /^\d{1,2}$/.test(token)) return null;
      return { value: token, start: index, end: index + token.length, fit: /^\d{1,2}$/.test(token) ? 0.5 : nearStart(index) };
    }
    return null;
  };
}

export function textParser(maxLength = 120): ValueParser {
  return (text) => {
    const t = text.trim();
    if (!t || t.length > maxLength || !/[\p{L}\d]/u.test(t)) return null;
    return { value: t, start: 0, end: text.length, fit: 0.8 };
  };
}

export function currencyParser(): ValueParser {
  return (text) => {
    for (const m of text.matchAll(/[A-Za-z]{3,7}|[$€£¥₹]/g)) {
      const iso = toIsoCurrency(m[0]);
      if (iso) return { value: iso, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, fit: 1 };
    }
    return null;
  };
}

/** Valid IBANs; after an IBAN label, an IBAN-shaped value with a failing checksum at low fit. */
export function ibanParser(): ValueParser {
  return (text) => {
    const i = findIbans(text.toUpperCase())[0];
    if (i) return { value: i.iban, start: i.index, end: i.index + i.text.length, fit: 1 };
    const shaped = findIbanShaped(text.toUpperCase());
    return shaped ? { value: shaped.iban, start: shaped.index, end: shaped.index + shaped.text.length, fit: 0.4 } : null;
  };
}

export function taxIdParser(): ValueParser {
  return (text) => {
    const v = findVatIds(text)[0];
    if (v) return { value: v.value, start: v.index, end: v.index + v.text.length, fit: 1 };
    const m = /^[A-Z0-9][A-Z0-9 ./-]{5,20}[A-Z0-9]/i.exec(text.trim());
    if (m && /\d{4}/.test(m[0])) return { value: m[0].trim(), start: 0, end: m[0].length, fit: 0.7 };
    return null;
  };
}

export function timeParser(): ValueParser {
  return (text) => {
    const m = /(?<!\d)([01]?\d|2[0-3])[:.h]([0-5]\d)(?:[:.]([0-5]\d))?\s*([AaPp][Mm])?/.exec(text);
    if (!m) return null;
    let h = Number(m[1]);
    if (m[4]?.toLowerCase() === 'pm' && h < 12) h += 12;
    if (m[4]?.toLowerCase() === 'am' && h === 12) h = 0;
    const value = `${String(h).padStart(2, '0')}:${m[2]}${m[3] ? `:${m[3]}` : ''}`;
    return { value, start: m.index, end: m.index + m[0].length, fit: nearStart(m.index) };
  };
}
